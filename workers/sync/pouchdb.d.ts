// The part of PouchDB 9's API the sync worker uses, typed here: DefinitelyTyped's @types/pouchdb-* describe
// PouchDB 7 and declare Node's Buffer globally, which breaks the project's own typing of byte arrays.
declare module 'pouchdb-core' {
  export interface Meta {
    readonly _id: string;
    readonly _rev: string;
  }
  export type Existing<T> = T & Meta;
  export interface GetOptions {
    rev?: string;
    conflicts?: boolean;
    revs_info?: boolean;
  }
  export interface RevInfo {
    readonly rev: string;
    readonly status: 'available' | 'missing' | 'deleted';
  }
  export interface Got extends Meta {
    readonly _conflicts?: string[];
    readonly _revs_info?: RevInfo[];
  }
  export interface Written {
    readonly ok: boolean;
    readonly id: string;
    readonly rev: string;
  }
  export interface ChangesResult {
    readonly results: readonly {
      readonly id: string;
      readonly seq: string | number;
      readonly deleted?: boolean;
      /** With include_docs: the document as it is now (with conflicts: true, its `_conflicts`). */
      readonly doc?: Meta & { readonly _conflicts?: readonly string[] };
    }[];
    readonly last_seq: string | number;
  }
  export interface Database<T extends object> {
    readonly name: string;
    get(id: string, options?: GetOptions): Promise<Got & T>;
    /** Every leaf of the revision tree, deleted ones too, with the revisions that lead to each. */
    get(
      id: string,
      options: { open_revs: 'all'; revs: true },
    ): Promise<
      readonly {
        readonly ok?: T & Meta & { readonly _deleted?: boolean; readonly _revisions: { start: number; ids: string[] } };
      }[]
    >;
    put(doc: T & { _id: string; _rev?: string }): Promise<Written>;
    remove(doc: Meta): Promise<Written>;
    bulkDocs(docs: readonly object[]): Promise<unknown[]>;
    changes(options: {
      style?: 'all_docs';
      since: string | number;
      include_docs?: boolean;
      conflicts?: boolean;
    }): Promise<ChangesResult>;
    allDocs(): Promise<{ readonly rows: readonly { readonly id: string; readonly value: { readonly rev: string } }[] }>;
    info(): Promise<{ readonly doc_count: number; readonly update_seq: string | number }>;
    /** Live or one-shot two-way replication (pouchdb-replication). */
    sync(remote: Database<T>, options: ReplicateOptions): Replication;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  export interface ReplicateOptions {
    live?: boolean;
    retry?: boolean;
    batch_size?: number;
    back_off_function?: (delay: number) => number;
  }
  export interface Replication {
    on(
      event: 'change',
      /** A one-way replication's batch: how many documents it wrote. */
      listener: (info: { docs_written?: number }) => void,
    ): Replication;
    on(event: 'active' | 'complete', listener: () => void): Replication;
    on(event: 'paused' | 'error' | 'denied', listener: (err: unknown) => void): Replication;
    cancel(): void;
  }
  interface PouchDBStatic {
    new <T extends object>(
      name: string,
      options?: {
        adapter?: string;
        auth?: { username: string; password: string };
        skip_setup?: boolean;
        fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
      },
    ): Database<T>;
    plugin(plugin: unknown): PouchDBStatic;
    /** One-way replication: a promise when one-shot, and an emitter of its events (live or not). */
    replicate<T extends object>(
      source: Database<T> | string,
      target: Database<T> | string,
      options?: ReplicateOptions,
    ): Replication & Promise<unknown>;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-indexeddb' {
  const plugin: unknown;
  export default plugin;
}
