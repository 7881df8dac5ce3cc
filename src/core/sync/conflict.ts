// How two tablets' edits of one replicated record end (docs/design/sync.md, "What replicates"). CouchDB keeps
// every tablet's version as a leaf of the document's revision tree and picks a winner by its own rule; the app does
// not rely on that rule: it opens every leaf, keeps the one chosen here, and deletes the others. The choice depends
// only on what the versions hold, so every tablet ends on the same version whatever order it saw them in.
import { type Hlc, compareHlc } from './hlc';

export interface Version<T> {
  /** When and where the version was made. */
  readonly hlc: Hlc;
  /**
   * The record ended here: a member erased, a staff user or watch-list entry removed. An ending beats any edit,
   * however late the edit (an edit made offline after the erasure must not bring the member back).
   */
  readonly ended?: boolean;
  readonly body: T;
}

/** The version that wins: an ending over any edit, then the latest clock stamp. */
export function winner<T>(versions: readonly Version<T>[]): Version<T> {
  if (!versions.length) throw new RangeError('no version to choose from');
  return versions.reduce((best, v) => (beats(v, best) ? v : best));
}

function beats<T>(a: Version<T>, b: Version<T>): boolean {
  if (!!a.ended !== !!b.ended) return !!a.ended;
  return compareHlc(a.hlc, b.hlc) > 0;
}
