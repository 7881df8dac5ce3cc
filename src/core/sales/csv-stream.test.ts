import { describe, expect, it } from 'vitest';
import { streamCsv } from './csv-stream';

function streamOf(text: string | Uint8Array, chunk = 7): ReadableStream<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  let offset = 0;
  // Tiny chunks: rows, quotes and multi-byte characters get split across chunk boundaries.
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

async function rowsOf(text: string | Uint8Array, chunk?: number) {
  const rows: string[][] = [];
  await streamCsv(streamOf(text, chunk), { onRows: (r) => void rows.push(...r) });
  return rows;
}

describe('streamCsv', () => {
  it('reads quoted fields with delimiters, quotes and newlines inside', async () => {
    expect(await rowsOf('a,b,c\n1,"x, ""y""\nz",3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"\nz', '3'],
    ]);
  });

  it('detects a semicolon or tab delimiter', async () => {
    expect(await rowsOf('a;b;c\n1;2,5;3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2,5', '3'],
    ]);
    expect(await rowsOf('a\tb\n1\t2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('drops a UTF-8 byte order mark and keeps multi-byte characters intact across chunks', async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Invoice,Name\n1,Café crème\n')]);
    expect(await rowsOf(withBom, 3)).toEqual([
      ['Invoice', 'Name'],
      ['1', 'Café crème'],
    ]);
  });

  it('copes with Windows, Unix and mixed line endings', async () => {
    expect(await rowsOf('a,b\r\n1,2\r\n3,4\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(await rowsOf('a,b\r\n1,2\n3,4\r5,6\r\n', 2)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('handles an empty file', async () => {
    expect(await rowsOf('')).toEqual([]);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    let seen = 0;
    const big = 'a,b\n' + '1,2\n'.repeat(200_000);
    const done = streamCsv(streamOf(big, 4096), {
      onRows: (rows) => {
        seen += rows.length;
        if (seen > 1000) controller.abort();
      },
      signal: controller.signal,
    });
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeLessThan(200_000);
  });

  it('streams a 200 MB file in bounded memory, waiting for slow consumers', async () => {
    const line = '489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,12/1/2009 7:45,6.95,13085,United Kingdom\n';
    const lineBytes = new TextEncoder().encode(line);
    const target = 200 * 1024 * 1024;
    const lines = Math.ceil(target / lineBytes.length);
    const perChunk = 2000;
    let produced = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (produced >= lines) {
          controller.close();
          return;
        }
        const n = Math.min(perChunk, lines - produced);
        const chunk = new Uint8Array(n * lineBytes.length);
        for (let i = 0; i < n; i++) chunk.set(lineBytes, i * lineBytes.length);
        produced += n;
        controller.enqueue(chunk);
      },
    });
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'run with --expose-gc (vitest.config.ts)').toBeTypeOf('function');
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let rows = 0;
    let batches = 0;
    let peak = 0;
    let bytes = 0;
    await streamCsv(source, {
      onRows: async (r) => {
        rows += r.length;
        // Sample live memory now and then (after a collection, so garbage does not count).
        if (++batches % 25 === 0) {
          gc?.();
          peak = Math.max(peak, process.memoryUsage().heapUsed - heapBefore);
        }
        await new Promise((res) => setTimeout(res, 0));
      },
      onProgress: (b) => (bytes = b),
    });
    expect(rows).toBe(lines);
    expect(bytes).toBe(lines * lineBytes.length);
    expect(batches).toBeGreaterThan(100);
    // The file is 200 MB; holding it (as UTF-16 strings) would take over 400 MB of heap.
    expect(peak).toBeLessThan(40 * 1024 * 1024);
  }, 180_000);
});
