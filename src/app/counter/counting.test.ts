// Counting visits from synthetic track sequences, end to end through the counter session (tracker, visitor
// re-identification, visit summaries), the visits store and the analytics summary.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PRESENTATION_SETTINGS } from '../../core/liveness/defaults';
import { CounterSession, type VisitSummary } from './counter-session';
import type { AnalyzeResult, FaceResult } from '../../shared/face-engine-api';
import { openTestStore } from '../../store/test-support';
import { Gallery } from '../../core/recognition/gallery';
import { VISITOR_POLICY } from '../../core/recognition/defaults';
import { falseMatchRate } from '../../core/recognition/strictness';
import { VisitorRegistry } from '../../core/tracking/visitors';
import { DAY, dayStart, summarise } from '../../core/analytics/aggregates';

const unit = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};
const PEOPLE = { ann: unit(1, 0, 0, 0), bob: unit(0, 1, 0, 0), cy: unit(0, 0, 1, 0), member: unit(0, 0, 0, 1) };

function face(who: keyof typeof PEOPLE, x: number, frame: number): FaceResult {
  const thumbnail = new Uint8Array(256).fill(100 + (frame % 7)); // moving: a live face
  return {
    box: { x, y: 100, width: 120, height: 120 },
    score: 0.95,
    keypoints: [],
    quality: { eyeDistance: 50, sharpness: 200, yaw: 0, pitch: 0, roll: 0, eyesVisible: true },
    embedding: PEOPLE[who],
    attributes: {
      age: { years: 34, band: '30-39' },
      gender: { label: 'female', confidence: 0.9 },
      liveness: { score: 0.9, live: true, antispoof: 0.9, replay: 0.9 },
    },
    thumbnail,
  };
}

/** Who is where in one frame. */
type Frame = readonly (readonly [keyof typeof PEOPLE, number])[];

/** Drives a counter session through `script`: one entry per 100 ms frame. */
function runScript(script: readonly Frame[], startAt: number, registry: VisitorRegistry) {
  const visits: VisitSummary[] = [];
  let now = 0;
  const gallery = new Gallery([{ memberId: 'm-1', vector: PEOPLE.member }], 4);
  const session = new CounterSession({
    engine: { analyze: () => Promise.reject(new Error('frames are ingested directly in this test')) },
    gallery: () => gallery,
    policy: () => ({ threshold: 0.9, margin: 0.02 }),
    presentation: PRESENTATION_SETTINGS,
    attributes: () => ({ age: true, gender: true, emotion: false }),
    visitors: registry,
    onVisit: (v) => visits.push(v),
    now: () => now,
  });
  const realNow = Date.now;
  Date.now = () => startAt + now;
  try {
    script.forEach((people, frame) => {
      now = frame * 100;
      const result: AnalyzeResult = {
        faces: people.map(([who, x]) => face(who, x, frame)),
        frameWidth: 1280,
        frameHeight: 720,
        timings: {},
        backend: 'wasm',
      };
      session.ingest(result, now, now);
    });
    now += 5000;
    session.reset();
  } finally {
    Date.now = realNow;
  }
  return visits;
}

const seconds = (s: number) => s * 10;
const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

describe('visit counting from tracks', () => {
  it('counts footfall, unique and returning exactly, with people leaving, coming back and swapping places', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const visitsStore = store.visits;
    const registry = new VisitorRegistry(VISITOR_POLICY, falseMatchRate, DAY);
    const day0 = new Date(2026, 10, 2, 10).getTime();
    const script: Frame[] = [
      // Ann alone for 5 s.
      ...repeat(seconds(5), [['ann', 100]] as const),
      // Bob joins; they walk towards each other and swap places.
      ...Array.from(
        { length: seconds(4) },
        (_, i) =>
          [
            ['ann', 100 + i * 25],
            ['bob', 1100 - i * 25],
          ] as const,
      ),
      // Ann leaves; Bob stays for 3 s.
      ...repeat(seconds(3), [['bob', 100]] as const),
      // Nobody for 10 s (longer than the tracker's grace period).
      ...repeat(seconds(10), [] as const),
      // Ann comes back (the same day: a returning visitor), with the member.
      ...repeat(seconds(6), [
        ['ann', 300],
        ['member', 800],
      ] as const),
    ];
    const visits = runScript(script, day0, registry);
    for (const v of visits) await visitsStore.record({ ...v, zone: 'Counter' });
    // Ann twice, Bob once, the member once.
    expect(visits).toHaveLength(4);
    const summary = summarise(
      await visitsStore.hourly(day0 - DAY, day0 + DAY),
      await visitsStore.daily(day0 - DAY, day0 + DAY),
      {
        from: day0 - DAY,
        to: day0 + DAY,
      },
    );
    expect(summary.footfall).toBe(4);
    expect(summary.unique).toBe(3);
    expect(summary.returning).toBe(1);
    expect(summary.new).toBe(3);
    expect(summary.members).toBe(1);
    expect(summary.ageGender['30-39|female']).toBe(4);

    // After the retention window the same face is a new visitor (its template was forgotten).
    const later = day0 + 2 * DAY;
    registry.purge(later);
    const again = runScript([...repeat(seconds(3), [['ann', 100]] as const)], later, registry);
    for (const v of again) await visitsStore.record({ ...v, zone: 'Counter' });
    const from = dayStart(later);
    const s2 = summarise(await visitsStore.hourly(from, from + DAY), await visitsStore.daily(from, from + DAY), {
      from,
      to: from + DAY,
    });
    expect(s2).toMatchObject({ footfall: 1, unique: 1, returning: 0, new: 1 });
  });

  it('a detection that flashes up for a frame or two beside a customer (a poster, a lamp) is not a visit', () => {
    const registry = new VisitorRegistry(VISITOR_POLICY, falseMatchRate, DAY);
    const script: Frame[] = repeat(seconds(6), [['ann', 100]] as const).map((frame, i) =>
      // Twice something far from Ann is taken for a face: for one frame, then for two frames in a row.
      i === 12 || i === 30 || i === 31 ? ([...frame, ['bob', 1000]] as const) : frame,
    );
    const visits = runScript(script, new Date(2026, 10, 2, 10).getTime(), registry);
    expect(visits.map((v) => v.visitorId)).toEqual([1]);
    // Three frames in a row are somebody: Bob, stepping into view for 0.3 s, is counted.
    const three = repeat(seconds(6), [['ann', 100]] as const).map((frame, i) =>
      i >= 12 && i < 15 ? ([...frame, ['bob', 1000]] as const) : frame,
    );
    expect(runScript(three, new Date(2026, 10, 2, 11).getTime(), registry)).toHaveLength(2);
  });

  it('the retention purge leaves only aggregates (and members’ visits, which they consented to)', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const visitsStore = store.visits;
    const t0 = new Date(2026, 10, 2, 10).getTime();
    await visitsStore.record({
      start: t0,
      end: t0 + 60_000,
      zone: 'Counter',
      visitorId: 1,
      ageBand: '20-29',
      gender: 'male',
    });
    await visitsStore.record({ start: t0 + 1000, end: t0 + 90_000, zone: 'Counter', visitorId: 2 });
    await visitsStore.record({ start: t0 + 2000, end: t0 + 30_000, zone: 'Counter', memberId: 'm-1' });
    await store.database.write(['anonVisitors'], async (tx) => {
      await tx
        .objectStore('anonVisitors')
        .put({ id: 'a1', firstSeen: t0, lastSeen: t0, sealed: { iv: new Uint8Array(12), data: new Uint8Array(4) } });
    });
    const before = summarise(
      await visitsStore.hourly(t0 - DAY, t0 + DAY),
      await visitsStore.daily(t0 - DAY, t0 + DAY),
      { from: t0 - DAY, to: t0 + DAY },
    );

    const result = await visitsStore.purge(t0 + 3 * DAY, DAY);
    expect(result).toEqual({ visitsDeleted: 2, templatesDeleted: 1, daysForgotten: 1 });
    const rows = await store.database.idb.getAll('visits');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.memberLookup).toBeDefined();
    expect(rows.some((r) => r.visitorId !== undefined)).toBe(false);
    expect(await store.database.idb.count('anonVisitors')).toBe(0);
    expect((await store.database.idb.getAll('daily')).every((d) => d.seen === undefined)).toBe(true);
    // The figures are unchanged.
    const after = summarise(await visitsStore.hourly(t0 - DAY, t0 + DAY), await visitsStore.daily(t0 - DAY, t0 + DAY), {
      from: t0 - DAY,
      to: t0 + DAY,
    });
    expect(after).toEqual(before);
    expect(after).toMatchObject({ footfall: 3, unique: 3 });
  });
});
