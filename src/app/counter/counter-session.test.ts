// The counter session's frame pipeline against a face engine whose answers the test releases by hand: a frame
// that was in the engine when the counter was reset (camera stopped, access withdrawn, app locked) must not bring
// the people it showed back on screen.
import { describe, expect, it } from 'vitest';
import { PRESENTATION_SETTINGS } from '../../core/liveness/defaults';
import { faceShape, jitter, project, withExpression } from '../../core/liveness/test-faces';
import { VISITOR_POLICY } from '../../core/recognition/defaults';
import { falseMatchRate } from '../../core/recognition/strictness';
import { Gallery } from '../../core/recognition/gallery';
import { VisitorRegistry } from '../../core/tracking/visitors';
import type { AnalyzeResult, FaceResult } from '../../shared/face-engine-api';
import { CounterSession, type TrackView, type VisitSummary } from './counter-session';

function oneFace(): AnalyzeResult {
  return {
    faces: [
      {
        box: { x: 100, y: 100, width: 120, height: 120 },
        score: 0.95,
        keypoints: [],
        quality: { eyeDistance: 50, sharpness: 200, yaw: 0, pitch: 0, roll: 0, eyesVisible: true },
        embedding: Float32Array.from([1, 0, 0, 0]),
        attributes: {},
        thumbnail: new Uint8Array(256),
      },
    ],
    frameWidth: 640,
    frameHeight: 480,
    timings: {},
    backend: 'wasm',
  };
}

function sessionWithManualEngine() {
  const pending: ((r: AnalyzeResult) => void)[] = [];
  const failures: ((e: Error) => void)[] = [];
  const session = new CounterSession({
    engine: {
      analyze: () =>
        new Promise<AnalyzeResult>((resolve, reject) => {
          pending.push(resolve);
          failures.push(reject);
        }),
    },
    gallery: () => undefined,
    policy: () => ({ threshold: 0.9, margin: 0.02 }),
    presentation: PRESENTATION_SETTINGS,
    attributes: () => ({ age: true, gender: true, emotion: false }),
    visitors: new VisitorRegistry(VISITOR_POLICY, falseMatchRate, 3600_000),
    onVisit: () => undefined,
  });
  // A stand-in bitmap: the fake engine never reads it.
  const frame = {} as ImageBitmap;
  return { session, pending, failures, frame };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('CounterSession frames in flight', () => {
  it('shows the face of an analysed frame', async () => {
    const { session, pending, frame } = sessionWithManualEngine();
    session.submit(frame, performance.now());
    pending[0]?.(oneFace());
    await settle();
    expect(session.state.value.tracks).toHaveLength(1);
  });

  it('drops the result of a frame submitted before a reset', async () => {
    const { session, pending, frame } = sessionWithManualEngine();
    session.submit(frame, performance.now());
    session.reset();
    pending[0]?.(oneFace());
    await settle();
    expect(session.state.value.tracks).toHaveLength(0);
    // Frames after the reset are shown again.
    session.submit(frame, performance.now());
    pending[1]?.(oneFace());
    await settle();
    expect(session.state.value.tracks).toHaveLength(1);
  });

  it('drops the error of a frame submitted before a reset', async () => {
    const { session, failures, frame } = sessionWithManualEngine();
    session.submit(frame, performance.now());
    session.reset();
    failures[0]?.(new Error('engine stopped'));
    await settle();
    expect(session.state.value.error).toBeUndefined();
  });
});

describe('CounterSession with nobody in view', () => {
  it('closes unchanged frames unanalysed once idle, and analyses the first frame that changed', async () => {
    let now = 0;
    const sent: number[] = [];
    const session = new CounterSession({
      engine: {
        analyze: () => {
          sent.push(now);
          return Promise.resolve({ faces: [], frameWidth: 640, frameHeight: 480, timings: {}, backend: 'wasm' });
        },
      },
      gallery: () => undefined,
      policy: () => ({ threshold: 0.9, margin: 0.02 }),
      presentation: PRESENTATION_SETTINGS,
      attributes: () => ({ age: false, gender: false, emotion: false }),
      visitors: new VisitorRegistry(VISITOR_POLICY, falseMatchRate, 3600_000),
      onVisit: () => undefined,
      now: () => now,
      // The stand-in frames carry their own thumbnail: an empty counter, or someone in the middle of it.
      thumbnail: (frame) => (frame as unknown as { thumb: Uint8Array }).thumb,
    });
    const emptyCounter = new Uint8Array(768).fill(80);
    const someone = Uint8Array.from(emptyCounter, (v, i) => (i >= 300 && i < 340 ? 200 : v));
    let closed = 0;
    const frame = (thumb: Uint8Array) => ({ thumb, close: () => closed++ }) as unknown as ImageBitmap;
    for (; now < 10_000; now += 67) {
      session.submit(frame(emptyCounter), now);
      await settle();
    }
    // Full rate for the first 3 s, then about one a second.
    const idleFrames = sent.filter((t) => t >= 3100).length;
    expect(idleFrames).toBeGreaterThanOrEqual(6);
    expect(idleFrames).toBeLessThanOrEqual(8);
    expect(closed).toBeGreaterThan(80);
    const before = sent.length;
    session.submit(frame(someone), now);
    expect(sent.length).toBe(before + 1);
  });
});

// ---- who a face is, decided from several frames ----------------------------------------------------------------

const unit = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};

function face(embedding: Float32Array, male: number, yaw = 0) {
  return {
    box: { x: 100, y: 100, width: 120, height: 120 },
    score: 0.95,
    keypoints: [],
    quality: { eyeDistance: 50, sharpness: 200, yaw, pitch: 0, roll: 0, eyesVisible: true },
    embedding,
    attributes: {
      gender:
        male >= 0.5 ? { label: 'male' as const, confidence: male } : { label: 'female' as const, confidence: 1 - male },
      age: { years: 34, band: '30-39' },
    },
    thumbnail: new Uint8Array(256),
  };
}

/** A session fed analysed frames by hand (10 per second), with a gallery of one member. */
function directSession() {
  let now = 0;
  const visits: VisitSummary[] = [];
  const member = unit(0, 0, 0, 1);
  const session = new CounterSession({
    engine: { analyze: () => Promise.reject(new Error('frames are ingested directly')) },
    gallery: () => new Gallery([{ memberId: 'm-1', vector: member }], 4),
    policy: () => ({ threshold: 0.9, margin: 0.02 }),
    presentation: PRESENTATION_SETTINGS,
    // These frames carry no landmarks: the presentation check is not what these tests are about.
    assumeLive: true,
    attributes: () => ({ age: true, gender: true, emotion: false }),
    visitors: new VisitorRegistry(VISITOR_POLICY, falseMatchRate, 86_400_000),
    onVisit: (v) => visits.push(v),
    now: () => now,
    clock: () => 1_800_000_000_000 + now,
  });
  const frames = (seconds: number, f?: ReturnType<typeof face>) => {
    for (let i = 0; i < seconds * 10; i++) {
      // The picture changes a little every frame, as a live face does.
      const live = f && { ...f, thumbnail: new Uint8Array(256).fill(100 + ((i * 13) % 50)) };
      const result: AnalyzeResult = { ...oneFace(), faces: live ? [live] : [] };
      session.ingest(result, now, now);
      now += 100;
    }
  };
  const kind = () => session.state.value.tracks[0]?.kind;
  return { session, visits, member, frames, kind };
}

describe('CounterSession identity decisions', () => {
  it('names a member on the first good frame', () => {
    const { frames, kind, member } = directSession();
    frames(0.1, face(member, 0.9));
    expect(kind()).toBe('member');
  });

  it('gives an anonymous visitor a number only after good frames spread over a second', () => {
    const { frames, kind } = directSession();
    frames(0.5, face(unit(1, 0, 0, 0), 0.9));
    expect(kind()).toBe('pending');
    frames(0.6, face(unit(1, 0, 0, 0), 0.9));
    expect(kind()).toBe('visitor');
  });

  it('never names a member from a face turned away, but still counts the visit', () => {
    const { frames, kind, member, visits } = directSession();
    frames(2, face(member, 0.9, 70));
    expect(kind()).toBe('pending');
    frames(3);
    expect(visits).toHaveLength(1);
    expect(visits[0]?.memberId).toBeUndefined();
    expect(visits[0]?.visitorId).toBeDefined();
  });

  it('"Not this person": the name goes at once, never comes back in this visit, and the visit is anonymous', () => {
    const { session, frames, kind, member, visits } = directSession();
    frames(0.5, face(member, 0.9));
    expect(kind()).toBe('member');
    const trackId = session.state.value.tracks[0]?.id ?? -1;
    const rejected = session.notThisPerson(trackId);
    expect(rejected?.memberId).toBe('m-1');
    expect(Array.from(rejected?.face ?? [])).toEqual(Array.from(member));
    expect(kind()).toBe('pending');
    expect(session.state.value.tracks[0]?.memberId).toBeUndefined();
    // The same face goes on matching the member's template: still never named as them in this visit.
    frames(3, face(member, 0.9));
    expect(kind()).toBe('visitor');
    expect(session.notThisPerson(trackId)).toBeUndefined(); // not named: nothing to correct
    frames(3);
    expect(visits).toHaveLength(1);
    expect(visits[0]?.memberId).toBeUndefined();
    expect(visits[0]?.visitorId).toBeDefined();
    // A new visit of the same face is a new decision: the member is named again.
    frames(0.5, face(member, 0.9));
    expect(kind()).toBe('member');
  });

  it('estimates a returning visitor’s gender from all their visits', () => {
    const { frames, visits } = directSession();
    const visitor = unit(1, 0, 0, 0);
    frames(3, face(visitor, 0.9));
    frames(3);
    // Back, in a light where the model hesitates (0.55 on its own would not be estimated).
    frames(3, face(visitor, 0.55));
    frames(3);
    expect(visits.map((v) => v.visitorId)).toEqual([1, 1]);
    expect(visits.map((v) => v.gender)).toEqual(['male', 'male']);
  });
});

describe('CounterSession and the presentation-attack check', () => {
  const member = Float32Array.from([1, 0, 0, 0]);

  /** The enrolled member's face at time t: a real head (turning a little, talking), or a print of it tilted. */
  function memberFace(kind: 'head' | 'print', t: number): AnalyzeResult {
    const s = t / 1000;
    const pose = {
      yaw: kind === 'head' ? 8 * Math.sin(s * 1.9) : 14 * Math.sin(s * 1.1),
      pitch: kind === 'head' ? 4.8 * Math.cos(s * 2.3) : 7 * Math.cos(s * 0.8),
      roll: 2 * Math.sin(s * 0.7),
      x: 320 + 12 * Math.sin(s * 0.9),
      y: 240 + 6 * Math.cos(s * 1.3),
      distance: 10,
    };
    const result = oneFace();
    const f = result.faces[0] as FaceResult;
    const shape =
      kind === 'head'
        ? withExpression(faceShape(false), 0.06 * (0.5 + 0.5 * Math.sin(s * 5)), 0.03 * Math.max(0, Math.sin(s * 3)))
        : faceShape(true);
    const landmarks = jitter(project(shape, pose), 0.3, Math.round(t));
    return { ...result, faces: [{ ...f, embedding: member, landmarks, quality: { ...f.quality, eyeDistance: 70 } }] };
  }

  function run(kind: 'head' | 'print', ms: number, assumeLive = false) {
    const identified: TrackView[] = [];
    const kinds: string[] = [];
    const session = new CounterSession({
      engine: { analyze: () => Promise.reject(new Error('frames are ingested directly')) },
      gallery: () => new Gallery([{ memberId: 'm-1', vector: member }], 4),
      policy: () => ({ threshold: 0.9, margin: 0.02 }),
      presentation: PRESENTATION_SETTINGS,
      attributes: () => ({ age: false, gender: false, emotion: false }),
      visitors: new VisitorRegistry(VISITOR_POLICY, falseMatchRate, 3600_000),
      onVisit: () => undefined,
      onIdentified: (t) => identified.push(t),
      assumeLive,
    });
    for (let t = 0; t <= ms; t += 111) {
      session.ingest(memberFace(kind, t), t, t);
      kinds.push(session.state.value.tracks[0]?.kind ?? 'none');
    }
    return { session, identified, kinds };
  }

  it('names a member only once the check has passed, and announces them then', () => {
    const { kinds, identified } = run('head', 10_000);
    const firstMember = kinds.indexOf('member');
    // Recognised at once, but shown as still being checked until it is judged live: two full windows, 24 samples
    // 300 ms apart, which at 9 frames a second is every third frame: sample 24 comes with frame 3 * 23.
    const liveFrame = 3 * (PRESENTATION_SETTINGS.liveAfterSamples - 1);
    expect(kinds.slice(0, liveFrame).every((k) => k === 'pending')).toBe(true);
    expect(firstMember).toBe(liveFrame);
    expect(kinds.slice(firstMember).every((k) => k === 'member')).toBe(true);
    expect(identified.map((t) => [t.kind, t.memberId])).toEqual([['member', 'm-1']]);
  });

  it('never names a printed photo of the member: pending, then a suspect', () => {
    const { kinds, identified } = run('print', 5000);
    expect(kinds).not.toContain('member');
    expect(kinds.at(-1)).toBe('suspect');
    expect(identified).toEqual([]);
  });

  it('takes every face as live under the test-build override', () => {
    const { kinds } = run('print', 1000, true);
    expect(kinds.at(-1)).toBe('member');
  });
});
