// Where a page's live heap is, by kind, from a heap snapshot taken over CDP: the app's own JavaScript objects,
// strings, compiled code, and the browser's native objects (DOM, performance timeline, inspector buffers). The
// soak reports it at start and end, so growth in `usedJSHeapSize` can be told apart: the app's objects leaking,
// or the engine compiling more code and the browser filling its own capped buffers.
import type { CDPSession } from '@playwright/test';

export interface HeapByKind {
  /** Objects, arrays, closures, shapes, numbers and the like: the app's data and the libraries'. */
  readonly jsKb: number;
  readonly stringsKb: number;
  /** Compiled code and bytecode. */
  readonly codeKb: number;
  /** Objects the browser keeps in the same heap (DOM, styles, performance entries, typed-array backing stores). */
  readonly nativeKb: number;
}

interface Snapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: string[]; readonly node_types: [string[]] } };
  readonly nodes: number[];
}

const KIND: Record<string, keyof HeapByKind> = {
  code: 'codeKb',
  native: 'nativeKb',
  string: 'stringsKb',
  'concatenated string': 'stringsKb',
  'sliced string': 'stringsKb',
};

/** Collects garbage, takes a snapshot and sums its nodes' own sizes by kind. */
export async function heapByKind(cdp: CDPSession): Promise<HeapByKind> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join('')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const typeNames = snap.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const bytes = { jsKb: 0, stringsKb: 0, codeKb: 0, nativeKb: 0 };
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = typeNames[snap.nodes[i + typeAt] ?? 0] ?? '';
    if (type === 'synthetic') continue;
    bytes[KIND[type] ?? 'jsKb'] += snap.nodes[i + sizeAt] ?? 0;
  }
  const kb = (n: number) => Math.round(n / 1024);
  return {
    jsKb: kb(bytes.jsKb),
    stringsKb: kb(bytes.stringsKb),
    codeKb: kb(bytes.codeKb),
    nativeKb: kb(bytes.nativeKb),
  };
}
