// npm run bench -- sync [--members N] [--visits N] [--sales N] [--trials N] [--days N] [--batch N]
//                        [--retention-days N]
// A new tablet joining a busy shop over a loopback CouchDB-protocol server (issue 16, docs/design/sync.md): the
// real SyncEngine on two tablets in one Node process, their replicas in memory, the server pouchdb-server
// --in-memory in a child process, every record sealed and opened as in the app.
//   initial_sync_s            tablet B joins with A's pairing code and pulls the whole shop (members with one
//                             template each, visits, sales): join to last record opened
//   enrol_to_recognised_s     A sends a new member with a template, B pulls until it has the template (transport,
//                             sealing and opening only: no camera, no recognition); median and p95 over --trials
//   catch_up_after_offline_s  B closes, A records a week (--days x 50 members with templates, 1,000 visits,
//                             500 sales), B opens again from its saved secrets and replicas and pulls all of it
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toBase64 } from '../../src/core/encoding/bytes-text';
import type { OutgoingRecord, ReplicationState, SyncConnection, SyncSecrets } from '../../src/shared/sync-api';
import { SyncEngine, chainDbName, shopDbName } from '../../workers/sync/sync-engine';
import { startCouchServer } from './couch-server';
import { type NodePlatform, basicAuth, dbUrl, nodePlatform } from './node-platform';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Flags = Readonly<Record<string, string | boolean | undefined>>;

const KINDS = ['member', 'template', 'visit', 'sale'] as const;
type Kind = (typeof KINDS)[number];
type Counts = Record<Kind, number>;

const ADMIN = { username: 'admin', password: 'x' };
const DIM = 512;
const DAY_MS = 86_400_000;

const log = (text: string) => process.stderr.write(`[sync] ${new Date().toISOString().slice(11, 19)} ${text}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => Math.round(ms) / 1000;

function numberFlag(flags: Flags, name: string, fallback: number): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} wants a whole number, not ${String(v)}`);
  return n;
}

/** A small seeded generator (mulberry32): the same shop on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The records a shop makes, shaped as the app sends them (src/store/replicated-records.ts): members with their
 * profile and consent, one face template each, visits (a member's under the member's key; an anonymous one with the
 * day it was recorded, sealed under that day's key) and sales (a basket of three lines with prices).
 */
class Shop {
  readonly #rand = random(16);
  readonly memberIds: string[] = [];
  #visits = 0;
  #sales = 0;
  /** The year before `now`: when members enrolled and earlier visits and sales happened. */
  readonly #yearAgo: number;

  /**
   * Anonymous visits are today's (since midnight UTC, up to `now`): the day-key chain starts on the day the chain
   * is created, so the engine sends no anonymous visit of an earlier day, whatever the retention window.
   */
  constructor(private readonly now: number) {
    this.#yearAgo = now - 365 * DAY_MS;
  }

  #pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#rand() * items.length)] as T;
  }

  #past(): number {
    return this.#yearAgo + Math.floor(this.#rand() * 364 * DAY_MS);
  }

  /** A member and their one face template (an L2-normalised 512-float embedding, its float32 bytes as base64). */
  member(id: string): OutgoingRecord[] {
    this.memberIds.push(id);
    const n = this.memberIds.length;
    const vector = new Float32Array(DIM);
    let norm = 0;
    for (let i = 0; i < DIM; i++) {
      const x = this.#rand() * 2 - 1;
      vector[i] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < DIM; i++) vector[i] = (vector[i] as number) / norm;
    const createdAt = this.#past();
    return [
      {
        scope: 'chain',
        kind: 'member',
        id,
        memberId: id,
        body: {
          displayName: `Member ${String(n)}`,
          loyaltyId: `L-${String(100_000 + n)}`,
          consent: {
            policyVersion: '2026-01',
            scopes: ['face-recognition', 'purchase-history'],
            agreedAt: createdAt,
            staff: 'staff-1',
          },
          createdAt,
          enrolledFrom: 'camera',
        },
      },
      {
        scope: 'chain',
        kind: 'template',
        id: `t-${id}`,
        memberId: id,
        body: {
          memberId: id,
          modelId: 'mobilefacenet-v1',
          dim: DIM,
          createdAt,
          vector: toBase64(new Uint8Array(vector.buffer)),
        },
      },
    ];
  }

  /** A visit: a fifth of them a member's, the rest anonymous (sealed under the key of their day). */
  visit(): OutgoingRecord {
    const id = `v-${String(++this.#visits)}`;
    const memberId = this.#rand() < 0.2 && this.memberIds.length > 0 ? this.#pick(this.memberIds) : undefined;
    const today = Math.floor(this.now / DAY_MS) * DAY_MS;
    const start = memberId ? this.#past() : today + Math.floor(this.#rand() * (this.now - today));
    const body = {
      start,
      end: start + 60_000 + Math.floor(this.#rand() * 1_200_000),
      zone: 'counter',
      ...(memberId ? { memberId } : {}),
      ageBand: this.#pick(['18-24', '25-34', '35-44', '45-54', '55-64', '65+']),
      gender: this.#pick(['female', 'male']),
      live: true,
    };
    return memberId
      ? { scope: 'shop', kind: 'visit', id, memberId, body }
      : { scope: 'shop', kind: 'visit', id, day: Math.floor(start / DAY_MS), body };
  }

  /** A sale: a basket of three lines with prices. */
  sale(): OutgoingRecord {
    const id = `s-${String(++this.#sales)}`;
    const items = [0, 1, 2].map(() => ({
      code: `SKU-${String(1000 + Math.floor(this.#rand() * 4000))}`,
      quantity: 1 + Math.floor(this.#rand() * 3),
      price: Math.round(50 + this.#rand() * 4950) / 100,
    }));
    return {
      scope: 'shop',
      kind: 'sale',
      id,
      body: { invoice: `INV-${id}`, at: this.#past(), items, source: 'till' },
    };
  }
}

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; reason: string }>, what: string): Promise<T> {
  const got = await r;
  if (!got.ok) throw new Error(`${what} failed: ${got.reason}`);
  return got.value;
}

async function serverDb(connection: SyncConnection, name: string): Promise<{ doc_count: number }> {
  const res = await fetch(dbUrl(connection, name), { headers: { Authorization: basicAuth(connection) } });
  if (!res.ok) throw new Error(`GET /${name}: ${res.status}`);
  return (await res.json()) as { doc_count: number };
}

/** The JSON size of every document the server holds in `name` (current revisions; pouchdb-server reports none). */
async function serverJsonBytes(connection: SyncConnection, name: string): Promise<number> {
  let bytes = 0;
  let startkey: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ include_docs: 'true', limit: '5000' });
    if (startkey !== undefined) {
      query.set('startkey', JSON.stringify(startkey));
      query.set('skip', '1');
    }
    const res = await fetch(`${dbUrl(connection, name)}/_all_docs?${query.toString()}`, {
      headers: { Authorization: basicAuth(connection) },
    });
    const page = (await res.json()) as { rows: { id: string; doc: unknown }[] };
    for (const row of page.rows) bytes += Buffer.byteLength(JSON.stringify(row.doc));
    const last = page.rows.at(-1);
    if (!last) return bytes;
    startkey = last.id;
  }
}

/** A started tablet: its engine, its platform and its last replication state. */
interface Tablet {
  readonly id: string;
  readonly engine: SyncEngine;
  readonly platform: NodePlatform;
  state(): ReplicationState;
  /** Resolves at the next "incoming" event (or after `ms`). */
  incoming(ms: number): Promise<void>;
}

async function openTablet(secrets: SyncSecrets, id: string, retentionDays: number): Promise<Tablet> {
  const platform = nodePlatform(id);
  const engine = await SyncEngine.open(platform, secrets, id, retentionDays);
  let state: ReplicationState = { state: 'sending' };
  let wake: (() => void) | undefined;
  engine.start({
    onState: (s) => {
      if (s.state === 'error' && state.state !== 'error') log(`${id}: replication error: ${s.reason}`);
      state = s;
    },
    onIncoming: () => wake?.(),
  });
  return {
    id,
    engine,
    platform,
    state: () => state,
    incoming: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      }),
  };
}

/** Waits until the server has everything in the tablet's replicas (same document counts, replication idle). */
async function settled(tablet: Tablet, connection: SyncConnection, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const pairs = await Promise.all(
      [chainDbName(connection), shopDbName(connection)].map(async (name) => {
        const local = tablet.platform.replicas.get(`${name}-replica`);
        if (!local) throw new Error(`no replica ${name}`);
        return [(await local.info()).doc_count, (await serverDb(connection, name)).doc_count] as const;
      }),
    );
    if (pairs.every(([local, server]) => local === server) && tablet.state().state === 'up-to-date') return;
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      log(`${tablet.id} -> server: ${pairs.map(([l, s]) => `${s}/${l}`).join(', ')} (${tablet.state().state})`);
    }
    if (Date.now() > deadline) throw new Error(`server did not catch up with ${tablet.id}: ${JSON.stringify(pairs)}`);
    await sleep(250);
  }
}

/** What a tablet has received, by kind (distinct ids). */
class Received {
  readonly #ids = new Map<string, Set<string>>(KINDS.map((k) => [k, new Set<string>()]));
  add(kind: string, id: string): void {
    this.#ids.get(kind)?.add(id);
  }
  has(kind: Kind, id: string): boolean {
    return this.#ids.get(kind)?.has(id) ?? false;
  }
  counts(): Counts {
    return Object.fromEntries(KINDS.map((k) => [k, this.#ids.get(k)?.size ?? 0])) as Counts;
  }
  missing(want: Counts): Partial<Counts> {
    const got = this.counts();
    return Object.fromEntries(KINDS.filter((k) => got[k] < want[k]).map((k) => [k, want[k] - got[k]]));
  }
}

/**
 * Pulls until `want` of each kind has arrived. Gives up (returns false) when a pull brings nothing although the
 * tablet's replicas already hold every document the server has (`complete`): what is missing then was skipped by
 * the engine and will not come again. `stallMs` bounds the wait in any case.
 */
async function pullAll(
  tablet: Tablet,
  want: Counts,
  complete: () => Promise<boolean>,
  stallMs: number,
): Promise<{ ok: boolean; received: Received; lastAt: number }> {
  const received = new Received();
  const enough = () => KINDS.every((k) => received.counts()[k] >= want[k]);
  let lastNew = performance.now();
  let lastReport = Date.now();
  while (!enough()) {
    const { records } = await tablet.engine.pull();
    for (const r of records) received.add(r.kind, r.id);
    if (records.length > 0) lastNew = performance.now();
    else {
      if (tablet.state().state === 'up-to-date' && (await complete())) {
        // One more pull after the replicas were seen complete, then nothing more can come.
        const { records: late } = await tablet.engine.pull();
        for (const r of late) received.add(r.kind, r.id);
        if (late.length > 0) lastNew = performance.now();
        else if (!enough()) return { ok: false, received, lastAt: lastNew };
        continue;
      }
      if (performance.now() - lastNew > stallMs) return { ok: false, received, lastAt: lastNew };
      await tablet.incoming(200);
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      log(`${tablet.id} has ${JSON.stringify(received.counts())} (${tablet.state().state})`);
    }
  }
  return { ok: true, received, lastAt: performance.now() };
}

/** Whether the tablet's replicas hold as many documents as the server's databases. */
async function replicasComplete(tablet: Tablet, connection: SyncConnection): Promise<boolean> {
  for (const name of [chainDbName(connection), shopDbName(connection)]) {
    const local = tablet.platform.replicas.get(`${name}-replica`);
    if (!local) return false;
    if ((await local.info()).doc_count !== (await serverDb(connection, name)).doc_count) return false;
  }
  return true;
}

/** The records sent but not received, grouped by kind and by whose key sealed them. */
function missingDetail(
  sent: readonly OutgoingRecord[],
  received: Received,
  newMembers: ReadonlySet<string>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of sent) {
    if (received.has(r.kind as Kind, r.id)) continue;
    const whose = r.memberId ? (newMembers.has(r.memberId) ? 'new_member' : 'earlier_member') : 'no_member';
    const key = `${r.kind}_${whose}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function sendInBatches(tablet: Tablet, records: Iterable<OutgoingRecord>, batch: number): Promise<void> {
  let pending: OutgoingRecord[] = [];
  let sent = 0;
  let lastReport = Date.now();
  for (const r of records) {
    pending.push(r);
    if (pending.length >= batch) {
      await tablet.engine.send(pending);
      sent += pending.length;
      pending = [];
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(`${tablet.id} sent ${sent} records`);
      }
    }
  }
  if (pending.length) await tablet.engine.send(pending);
}

function* shopRecords(shop: Shop, prefix: string, members: number, visits: number, sales: number) {
  for (let i = 1; i <= members; i++) yield* shop.member(`${prefix}${String(i)}`);
  // Visits and sales interleaved, as a day at the counter makes them.
  const total = visits + sales;
  let v = 0;
  let s = 0;
  for (let i = 0; i < total; i++) {
    if (s >= sales || (v < visits && (v + 1) * sales <= (s + 1) * visits)) {
      v++;
      yield shop.visit();
    } else {
      s++;
      yield shop.sale();
    }
  }
}

/** The commit the bench runs, and whether the code it loads (src, workers) differs from it. */
function gitState(): { rev: string; dirty: string[] } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  try {
    const dirty = git('status', '--porcelain', '--', 'src', 'workers', 'scripts/bench-sync')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.includes('.test.ts'))
      .map((line) => line.slice(3));
    return { rev: git('rev-parse', '--short', 'HEAD').trim(), dirty };
  } catch {
    return { rev: 'unknown', dirty: [] };
  }
}

function quantile(sorted: readonly number[], q: number): number {
  // Nearest rank.
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

export default async function runSyncBench(flags: Flags): Promise<Record<string, unknown>> {
  const members = numberFlag(flags, 'members', 10_000);
  const visits = numberFlag(flags, 'visits', 100_000);
  const sales = numberFlag(flags, 'sales', 50_000);
  const trials = Math.max(1, numberFlag(flags, 'trials', 20));
  const days = numberFlag(flags, 'days', 7);
  const batch = Math.max(1, numberFlag(flags, 'batch', 1000));
  const weekly = { members: 50 * days, visits: 1000 * days, sales: 500 * days };
  const stallMs = numberFlag(flags, 'stall-seconds', 600) * 1000;
  // The day keys a tablet keeps (SyncEngine.open): the app passes its retention window, by default 24 hours of
  // anonymous data (settings.retentionHours), a window of one day.
  const retentionDays = Math.max(1, numberFlag(flags, 'retention-days', 1));
  const t = () => performance.now();
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  // Read before the run: the code was loaded from the working tree as it is now.
  const git = gitState();
  if (git.dirty.length) log(`uncommitted changes in the code under test: ${git.dirty.join(', ')}`);

  const server = await startCouchServer(root, ADMIN);
  log(`pouchdb-server --in-memory on ${server.url} (pid ${String(server.pid)})`);
  const connection: SyncConnection = { server: server.url, chain: 'bench', shop: 's1', ...ADMIN };
  const tablets: Tablet[] = [];
  try {
    // Tablet A: the chain and the shop's history.
    const first = await must(SyncEngine.create(nodePlatform('A'), connection, 'A'), 'create');
    const a = await openTablet(first, 'A', retentionDays);
    tablets.push(a);
    const shop = new Shop(Date.now());
    log(`A sends ${members} members with a template each, ${visits} visits, ${sales} sales (${batch} per send)`);
    const fillStart = t();
    await sendInBatches(a, shopRecords(shop, 'm', members, visits, sales), batch);
    const fillSent = t();
    log(`A sent everything in ${seconds(fillSent - fillStart)} s; waiting for the server`);
    await settled(a, connection, 4 * 3600_000);
    const fillServer = t();
    const serverDocs = {
      chain: (await serverDb(connection, chainDbName(connection))).doc_count,
      shop: (await serverDb(connection, shopDbName(connection))).doc_count,
    };
    log(`server has ${JSON.stringify(serverDocs)} after ${seconds(fillServer - fillStart)} s`);

    // Tablet B joins and pulls everything.
    const want: Counts = { member: members, template: members, visit: visits, sale: sales };
    const { code } = await must(a.engine.offerPairing(), 'offerPairing');
    log('B joins');
    const joinStart = t();
    const joined = await must(SyncEngine.join(nodePlatform('B'), connection, code), 'join');
    const joinedAt = t();
    let b = await openTablet(joined, 'B', retentionDays);
    tablets.push(b);
    // When B's replicas hold every document the server has (replication alone, before opening).
    let replicatedAt: number | undefined;
    const watch = { on: true };
    const watchReplication = (async () => {
      while (watch.on && replicatedAt === undefined) {
        const counts = await Promise.all(
          [chainDbName(connection), shopDbName(connection)].map(
            async (name) => (await b.platform.replicas.get(`${name}-replica`)?.info())?.doc_count ?? 0,
          ),
        ).catch(() => undefined);
        if (counts && counts[0] !== undefined && counts[0] >= serverDocs.chain - 1 && counts[1] === serverDocs.shop)
          replicatedAt = t();
        await sleep(500);
      }
    })();
    const initial = await pullAll(b, want, () => replicasComplete(b, connection), stallMs);
    const initialEnd = t();
    watch.on = false;
    await watchReplication;
    replicatedAt ??= initialEnd;
    const initialSync = initial.ok ? seconds(initialEnd - joinStart) : null;
    log(`B received ${JSON.stringify(initial.received.counts())} in ${seconds(initialEnd - joinStart)} s`);

    // Enrol on A, recognised (template opened) on B.
    const enrolTimes: number[] = [];
    const enrolShop = new Shop(Date.now());
    for (let i = 1; i <= trials; i++) {
      await settled(a, connection, 600_000);
      while ((await b.engine.pull()).records.length > 0);
      const [member, template] = enrolShop.member(`enrol-${String(i)}`);
      if (!member || !template) throw new Error('no member');
      const start = t();
      await a.engine.send([member, template]);
      const deadline = Date.now() + 120_000;
      let found = false;
      while (!found) {
        const { records } = await b.engine.pull();
        found = records.some((r) => r.kind === 'template' && r.id === template.id);
        if (!found) {
          if (Date.now() > deadline) throw new Error(`B never received ${template.id}`);
          await b.incoming(50);
        }
      }
      enrolTimes.push(seconds(t() - start));
    }
    enrolTimes.sort((x, y) => x - y);
    log(`enrol -> B: ${enrolTimes.join(', ')} s`);

    // B offline for a week.
    const secretsB = b.engine.secrets();
    await b.engine.close();
    tablets.splice(tablets.indexOf(b), 1);
    log(`B offline; A records ${days} days`);
    const week: OutgoingRecord[] = [];
    const weekMembers = new Set<string>();
    for (let d = 0; d < days; d++) {
      const records = [...shopRecords(shop, `w${String(d)}-`, 50, 1000, 500)];
      for (const r of records) if (r.kind === 'member') weekMembers.add(r.id);
      week.push(...records);
      await sendInBatches(a, records, batch);
    }
    await settled(a, connection, 3600_000);
    const wantWeek: Counts = {
      member: weekly.members,
      template: weekly.members,
      visit: weekly.visits,
      sale: weekly.sales,
    };
    log('B opens again');
    const catchUpStart = t();
    b = await openTablet(secretsB, 'B', retentionDays);
    tablets.push(b);
    // B's replicas as it left them (memory databases live by name in this process).
    const docsAtReopen = await Promise.all(
      [chainDbName(connection), shopDbName(connection)].map(
        async (name) => (await b.platform.replicas.get(`${name}-replica`)?.info())?.doc_count ?? 0,
      ),
    );
    const catchUp = await pullAll(b, wantWeek, () => replicasComplete(b, connection), stallMs);
    const catchUpEnd = t();
    log(`B caught up with ${JSON.stringify(catchUp.received.counts())} in ${seconds(catchUpEnd - catchUpStart)} s`);

    const finalDocs = {
      chain: (await serverDb(connection, chainDbName(connection))).doc_count,
      shop: (await serverDb(connection, shopDbName(connection))).doc_count,
    };
    const serverBytes =
      (await serverJsonBytes(connection, chainDbName(connection))) +
      (await serverJsonBytes(connection, shopDbName(connection)));
    const cpu = cpus();
    return {
      initial_sync_s: initialSync,
      members,
      visits,
      sales,
      enrol_to_recognised_s: {
        median: quantile(enrolTimes, 0.5),
        p95: quantile(enrolTimes, 0.95),
        min: enrolTimes[0],
        max: enrolTimes.at(-1),
        trials,
        note: 'A sends a member and a template until B pulls the template opened: transport, seal and open, not camera recognition',
      },
      catch_up_after_offline_s: catchUp.ok ? seconds(catchUpEnd - catchUpStart) : null,
      catch_up_records: { days, ...weekly },
      ...(initial.ok
        ? {}
        : {
            initial_sync_missing: initial.received.missing(want),
            initial_last_received_s: seconds(initial.lastAt - joinStart),
          }),
      ...(catchUp.ok
        ? {}
        : {
            catch_up_missing: catchUp.received.missing(wantWeek),
            catch_up_missing_by_key: missingDetail(week, catchUp.received, weekMembers),
            catch_up_last_received_s: seconds(catchUp.lastAt - catchUpStart),
          }),
      catch_up_replica_docs_at_reopen: { chain: docsAtReopen[0], shop: docsAtReopen[1] },
      initial_join_s: seconds(joinedAt - joinStart),
      initial_replicated_s: seconds(replicatedAt - joinStart),
      fill_send_s: seconds(fillSent - fillStart),
      fill_on_server_s: seconds(fillServer - fillStart),
      server_docs: serverDocs,
      server_docs_final: finalDocs,
      server_json_bytes: serverBytes,
      send_batch: batch,
      retention_days: retentionDays,
      git_rev: git.rev,
      ...(git.dirty.length ? { uncommitted: git.dirty } : {}),
      load_average_at_start: loadAtStart,
      load_average_at_end: loadavg().map((x) => Math.round(x * 100) / 100),
      machine: `${String(cpu.length)} x ${cpu[0]?.model ?? '?'}, ${String(Math.round(totalmem() / 2 ** 30))} GiB, Node ${process.version}; pouchdb-server 4.2.0 --in-memory on loopback, replicas pouchdb-adapter-memory`,
    };
  } finally {
    for (const tablet of tablets.splice(0)) await tablet.engine.close().catch(() => undefined);
    server.stop();
  }
}
