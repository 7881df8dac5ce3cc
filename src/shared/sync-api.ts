// The sync worker's API (workers/sync/sync.worker.ts), shared by the worker and its one client
// (src/client/sync-client.ts). Records cross it in the clear: the worker seals them before they reach its replica
// and opens them after, so nothing leaves the worker for the server unsealed (docs/design/sync.md).

/** Where a shop replicates: the server and the databases its CouchDB administrator set up for it. */
export interface SyncConnection {
  /** The server's address ("https://couch.example.com:6984"); must be on the deployment's sync origin. */
  readonly server: string;
  /** The chain's name (lower case letters, digits and dashes); its database is `cp-<chain>`. */
  readonly chain: string;
  /** The shop's name within the chain; its database is `cp-<chain>-<shop>`. */
  readonly shop: string;
  readonly username: string;
  readonly password: string;
}

/** Why connecting, creating or joining failed: each has its own message (i18n `sync.failure.*`). */
export type SyncFailureReason =
  | 'unreachable'
  | 'credentials'
  | 'cors'
  | 'wrong-code'
  | 'expired-code'
  | 'chain-exists'
  | 'shop-exists'
  | 'not-a-chain'
  | 'no-database'
  | 'bad-name'
  | 'origin';

export type SyncResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: SyncFailureReason };

/**
 * A day of one counter's figures (hour by hour, and unique visitors: counts, nothing of any person) as every shop of
 * the chain reads them for the chain's Analytics: in the chain's database, sealed under the chain's figures key.
 */
export const CHAIN_FIGURES_KIND = 'shop-day';

/**
 * Which database a record replicates in: the chain's (members, templates, the shops' figures) or the shop's
 * (everything else).
 */
export type SyncScope = 'chain' | 'shop';

/** A change for the server: a record (body) or its end (ended: erased, removed). */
export interface OutgoingRecord {
  readonly scope: SyncScope;
  readonly kind: string;
  /** The record's id on the tablets (the same on every tablet). */
  readonly id: string;
  /** The member the record belongs to: it is sealed under that member's key, destroyed when they are erased. */
  readonly memberId?: string;
  readonly ended?: boolean;
  readonly body?: unknown;
  /**
   * The day (days since 1970-01-01, UTC) of a record kept only for the retention window (an anonymous visit): it
   * is sealed under that day's key, which every tablet forgets when the day leaves the window.
   */
  readonly day?: number;
}

/** A change another tablet made, opened. */
export interface IncomingRecord {
  readonly kind: string;
  readonly id: string;
  readonly ended: boolean;
  readonly body: unknown;
}

export interface PullResult {
  readonly records: readonly IncomingRecord[];
  /** Members erased on another tablet: erase them here. */
  readonly erased: readonly string[];
}

/** The replication's state, as the status strip shows it. */
export type ReplicationState =
  | { readonly state: 'up-to-date' }
  | { readonly state: 'sending' }
  | { readonly state: 'offline'; readonly since: number }
  | { readonly state: 'error'; readonly reason: string };

/** What the app keeps of a tablet's sync (sealed under its data key): the connection and the keyring. */
export interface SyncSecrets {
  readonly connection: SyncConnection;
  /** Keyring.toJSON(): the keys this tablet holds (workers/sync/keyring.ts). */
  readonly keyring: unknown;
  /** How far this tablet has read each replica's changes. */
  readonly since: { readonly chain: string | number; readonly shop: string | number };
  /** Documents read but not yet opened (their key had not arrived), tried again at each pull; since when. */
  readonly waiting?: readonly { readonly docId: string; readonly scope: SyncScope; readonly since: number }[];
}

export interface SyncEvents {
  onState(state: ReplicationState): void;
  onIncoming(): void;
}

export interface SyncWorkerApi {
  /** Starts a new chain and shop on the server (the first tablet). */
  create(connection: SyncConnection, tablet: string): Promise<SyncResult<SyncSecrets>>;
  /**
   * Joins the shop with a pairing code shown on a tablet that is already in; or, with a code for a new shop, makes
   * the connection's shop in the chain (the first tablet of a new shop).
   */
  join(connection: SyncConnection, code: string, tablet: string): Promise<SyncResult<SyncSecrets>>;
  /**
   * Opens a tablet that already syncs and starts live replication: state changes go to `events.onState`, and
   * `events.onIncoming` says another tablet's changes have arrived (the app then pulls).
   */
  open(secrets: SyncSecrets, tablet: string, retentionDays: number, events: SyncEvents): Promise<void>;
  /**
   * Writes a pairing code's document on the server: shown for `PAIRING_TTL_MS`. `newShop`: the code is for the
   * first tablet of another shop of the chain, which gets the chain's keys (members) but not this shop's.
   */
  offerPairing(newShop?: boolean): Promise<SyncResult<{ code: string; expiresAt: number }>>;
  send(records: readonly OutgoingRecord[]): Promise<void>;
  /** The changes other tablets made since the last pull. */
  pull(): Promise<PullResult>;
  /** What the app must keep after a send or pull (new member keys, epochs, read positions). */
  secrets(): Promise<SyncSecrets>;
  /** Stops replication and forgets the keys (the app locked, or sync was switched off). */
  close(): Promise<void>;
}

export const PAIRING_TTL_MS = 10 * 60_000;
