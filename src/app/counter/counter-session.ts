// The counter's live loop: camera frames go to the face engine (latest frame wins), results go through the
// tracker, each track's identity and attributes are accumulated (core/counter/track-identity), members are
// recognised against the gallery and everyone else gets an anonymous visitor number. The UI only renders
// `state`; visits are reported when their track ends.
import { Observable } from '../../core/observable';
import {
  IDENTITY_GATE,
  type IdentityGate,
  addEvidence,
  evidenceMean,
  readyForVisitorDecision,
  usableForIdentity,
} from '../../core/counter/visit-evidence';
import { NO_TRAITS } from '../../core/face/attribute-estimates';
import {
  type TrackIdentity,
  absorbFrame,
  dominantEmotion,
  mayName,
  meanEmotion,
  newIdentity,
  rejectMember,
  smoothedAgeBand,
  smoothedGender,
} from '../../core/counter/track-identity';
import { shownAs } from '../../core/counter/shown-as';
import { IdlePacing } from '../../core/counter/idle-pacing';
import { LivenessGate } from './liveness-gate';
import type { Gallery } from '../../core/recognition/gallery';
import { type Track, Tracker } from '../../core/tracking/tracker';
import type { AnalyzeOptions, AnalyzeResult, FaceResult } from '../../shared/face-engine-api';
import type { CounterDeps, CounterState, TrackView } from './counter-types';
import { errorText } from '../../i18n/error-text';
import { isAbortError } from '../../core/abort';

export type { AttributeSettings, CounterDeps, CounterState, TrackView, VisitSummary } from './counter-types';

/** An identity is re-checked this often while the face stays in view. */
const RECHECK_MS = 3000;

interface Carried {
  readonly face: FaceResult;
}

export class CounterSession {
  readonly state = new Observable<CounterState>({
    frameWidth: 0,
    frameHeight: 0,
    tracks: [],
    selectedId: undefined,
    fps: 0,
    latencyMs: undefined,
    analysedFrames: 0,
    capturedAt: undefined,
    error: undefined,
  });

  readonly #tracker = new Tracker<Carried>();
  readonly #identities = new Map<number, TrackIdentity>();
  #chosenId: number | undefined;
  #frameTimes: number[] = [];
  #lastEmbedAt = -Infinity;
  #lastFaceCount = 0;
  /** Bumped by reset(): results of frames captured before a reset are dropped when they arrive. */
  #generation = 0;

  readonly #gate: IdentityGate;
  readonly #liveness: LivenessGate;
  /** Fewer frames while nobody is in view (core/counter/idle-pacing). */
  readonly #pacing: IdlePacing;

  constructor(private readonly deps: CounterDeps) {
    this.#gate = deps.identityGate ?? IDENTITY_GATE;
    this.#liveness = new LivenessGate(deps.presentation, deps.assumeLive === true);
    this.#pacing = new IdlePacing(deps.pacing);
    this.#pacing.reset(this.#now());
  }

  #now(): number {
    return this.deps.now?.() ?? performance.now();
  }

  /** Wall-clock time, for visit times and the visitor registry's retention window. */
  #clock(): number {
    return this.deps.clock?.() ?? Date.now();
  }

  /**
   * What the next frame needs: embeddings when an identity is due, landmarks when a liveness sample is. While
   * nobody is in view only the detector runs: an idle frame costs little, and the result of the frame in which
   * someone appears comes back as soon as the detector has found them (the next frame does the rest).
   */
  analyzeOptions(now: number): AnalyzeOptions {
    if (this.#pacing.isIdle(now)) return { maxFaces: 8, embedding: false, liveness: false, landmarks: false };
    const a = this.deps.attributes();
    const newFaces = this.#lastFaceCount === 0 || this.#tracker.tracks.length !== this.#lastFaceCount;
    const due =
      newFaces ||
      now - this.#lastEmbedAt > RECHECK_MS ||
      [...this.#identities.values()].some((id) => id.kind === 'pending');
    const landmarks = newFaces || this.#liveness.landmarksDue(this.#identities.values(), now);
    return { maxFaces: 8, embedding: due, age: a.age, gender: a.gender, emotion: a.emotion, liveness: true, landmarks };
  }

  /**
   * Hands a camera frame to the engine (the bitmap is transferred), or, while nobody is in view and the picture
   * has not changed, closes it unanalysed.
   */
  submit(frame: ImageBitmap, capturedAt: number): void {
    const now = this.#now();
    const thumbnail = this.deps.thumbnail;
    if (!this.#pacing.wants(now, () => thumbnail?.(frame))) {
      frame.close();
      return;
    }
    this.#pacing.sent(now);
    const options = this.analyzeOptions(now);
    const generation = this.#generation;
    this.deps.engine.analyze(frame, options).then(
      (result) => {
        if (generation === this.#generation) this.ingest(result, capturedAt, this.#now());
      },
      (err: unknown) => {
        if (isAbortError(err)) return; // replaced by a newer frame
        if (generation !== this.#generation) return;
        this.state.update((s) => ({ ...s, error: errorText(err) }));
      },
    );
  }

  /** Processes one analysed frame (public for tests and the harness). */
  ingest(result: AnalyzeResult, capturedAt: number, now: number): void {
    if (result.faces.some((f) => f.embedding)) this.#lastEmbedAt = now;
    this.#pacing.analysed(now, result.faces.length);
    const update = this.#tracker.update(
      result.faces.map((face) => ({ box: face.box, embedding: face.embedding, data: { face } })),
      now,
    );
    for (const track of update.started) this.#identities.set(track.id, newIdentity());
    const gallery = this.deps.gallery();
    for (const track of update.tracks) {
      if (!track.visible || track.lastSeen !== now) continue;
      const id = this.#identities.get(track.id) ?? newIdentity();
      this.#identities.set(track.id, id);
      absorbFrame(id, track.data.face, now, this.deps.presentation, this.#gate);
      this.#decideIdentity(track, id, gallery, now);
      this.#liveness.announce(track.id, this.#view(track), (v) => this.deps.onIdentified?.(v));
    }
    for (const track of update.ended) this.#endTrack(track, now);
    // Tentative tracks lost before they were confirmed were never a face that was there: forgotten, not a visit.
    for (const track of update.dropped) this.#forget(track.id);
    this.#lastFaceCount = update.tracks.filter((t) => t.visible).length;

    this.#frameTimes.push(now);
    // Frames in the last 3 s only: after a pause (another screen, a stopped camera) the rate starts afresh.
    while (this.#frameTimes.length > 1 && now - (this.#frameTimes[0] ?? now) > 3000) this.#frameTimes.shift();
    const span = now - (this.#frameTimes[0] ?? now);
    const fps = span > 0 ? ((this.#frameTimes.length - 1) * 1000) / span : 0;
    const views = update.tracks.map((t) => this.#view(t));
    if (this.#chosenId !== undefined && !views.some((v) => v.id === this.#chosenId)) this.#chosenId = undefined;
    this.state.set({
      frameWidth: result.frameWidth,
      frameHeight: result.frameHeight,
      tracks: views,
      selectedId: this.#chosenId ?? largestVisible(views),
      fps,
      latencyMs: now - capturedAt,
      analysedFrames: this.state.value.analysedFrames + 1,
      capturedAt,
      error: undefined,
    });
  }

  /** Staff tapped a face: show that person's card until they leave. */
  select(trackId: number): void {
    this.#chosenId = trackId;
    this.state.update((s) => ({ ...s, selectedId: trackId }));
  }

  /** Ends every track (camera stopped or app locked), reporting their visits. */
  reset(): void {
    this.#generation++;
    const now = this.#now();
    this.#pacing.reset(now);
    for (const t of this.#tracker.endAll()) this.#endTrack(t, now);
    this.#chosenId = undefined;
    this.state.update((s) => ({ ...s, tracks: [], selectedId: undefined }));
  }

  /** The identity picture of a track, e.g. for enrolment from the counter. */
  identity(trackId: number): TrackIdentity | undefined {
    return this.#identities.get(trackId);
  }

  /**
   * Staff said the member named on a track is someone else ("Not this person"). Returns the rejected member and
   * the visit's averaged face (to find the member's template that matched), or undefined if the track was not
   * named as a member.
   */
  notThisPerson(trackId: number): { memberId: string; face: Float32Array | undefined } | undefined {
    const id = this.#identities.get(trackId);
    const memberId = id && rejectMember(id);
    if (!id || !memberId) return undefined;
    // The card stops showing the name at once, not at the next analysed frame.
    const track = this.#tracker.tracks.find((t) => t.id === trackId);
    if (track)
      this.state.update((s) => ({ ...s, tracks: s.tracks.map((v) => (v.id === trackId ? this.#view(track) : v)) }));
    return { memberId, face: evidenceMean(id.evidence) };
  }

  embedding(trackId: number): Float32Array | undefined {
    return this.#tracker.tracks.find((t) => t.id === trackId)?.embedding;
  }

  #decideIdentity(track: Track<Carried>, id: TrackIdentity, gallery: Gallery | undefined, now: number): void {
    const face = track.data.face;
    if (!face.embedding) return; // no fresh evidence this frame
    // Decisions are made only on frames good enough to recognise from (see core/counter/visit-evidence.ts).
    const good = usableForIdentity(face.quality, this.#gate);
    addEvidence(id.evidence, face.embedding, now, good);
    const mean = evidenceMean(id.evidence);
    if (!good || !mean) return;
    // Members are looked for on every good frame until named (so a member is named as soon as the evidence
    // allows), then re-checked now and then.
    if (id.kind === 'pending' || now - (id.decidedAt ?? -Infinity) >= RECHECK_MS) {
      const match = gallery?.identify(mean, this.deps.policy());
      const named = match?.memberId;
      if (mayName(id, named)) {
        id.kind = 'member';
        id.memberId = named;
        id.score = match?.best?.score;
        id.decidedAt = now;
      } else if (id.kind === 'member') {
        id.decidedAt = now; // still the same member: nothing new to decide
      }
    }
    // An anonymous visitor's number waits for a few good frames (a wrong number spoils the counts all day).
    if (id.kind === 'pending' && readyForVisitorDecision(id.evidence)) this.#matchVisitor(id, mean, now);
  }

  #matchVisitor(id: TrackIdentity, mean: Float32Array, now: number): void {
    const visitor = this.deps.visitors.match(mean, this.#clock());
    id.kind = 'visitor';
    id.visitorId = visitor.visitor.id;
    id.newVisitor = visitor.isNew;
    id.priorTraits = visitor.isNew ? NO_TRAITS : (visitor.visitor.traits ?? NO_TRAITS);
    id.score = visitor.similarity;
    id.decidedAt = now;
  }

  #view(t: Track<Carried>): TrackView {
    const id = this.#identities.get(t.id) ?? newIdentity();
    const a = this.deps.attributes();
    const live = this.#liveness.verdict(id);
    return {
      id: t.id,
      box: t.box,
      visible: t.visible,
      ...shownAs(id, live.live),
      ageBand: a.age ? smoothedAgeBand(id) : undefined,
      gender: a.gender ? smoothedGender(id) : undefined,
      emotion: a.emotion ? dominantEmotion(id) : undefined,
      live: live.live,
      liveReason: live.reason,
      firstSeen: t.firstSeen,
      identifiedAfterMs: id.decidedAt !== undefined && id.kind !== 'pending' ? id.decidedAt - t.firstSeen : undefined,
    };
  }

  #forget(trackId: number): void {
    this.#identities.delete(trackId);
    this.#liveness.forget(trackId);
  }

  #endTrack(track: Track<Carried>, now: number): void {
    const id = this.#identities.get(track.id);
    this.#forget(track.id);
    if (!this.#tracker.isConfirmed(track)) return; // ended (camera stopped, app locked) before it was confirmed: not a visit
    const mean = id && evidenceMean(id.evidence);
    // Gone before a visitor number was due: decided on what was seen.
    if (id?.kind === 'pending' && mean) this.#matchVisitor(id, mean, now);
    if (!id || id.kind === 'pending') return; // never a good frame (e.g. a face seen for a moment): not a visit
    // A new number was decided on the visit's first few frames; with all of them, it may be an earlier visitor
    // (unless another face still in view was given the same number meanwhile).
    const shared = [...this.#identities.values()].some((other) => other.visitorId === id.visitorId);
    if (id.kind === 'visitor' && id.newVisitor && id.visitorId !== undefined && mean && !shared) {
      const earlier = this.deps.visitors.reconsider(id.visitorId, mean, this.#clock());
      if (earlier) {
        id.visitorId = earlier.visitor.id;
        id.newVisitor = false;
        id.priorTraits = earlier.visitor.traits ?? NO_TRAITS;
        id.score = earlier.similarity;
      }
    }
    // The visit's evidence joins the anonymous visitor's template and traits, for their next visit.
    if (id.kind === 'visitor' && id.visitorId !== undefined && mean)
      this.deps.visitors.recordVisit(id.visitorId, mean, id.traits, this.#clock());
    const emotion = meanEmotion(id);
    const live = this.#liveness.verdict(id).live;
    this.deps.onVisit({
      trackId: track.id,
      start: this.#clock() - (now - track.firstSeen),
      end: this.#clock() - (now - track.lastSeen),
      // A presentation attack is not a member's visit.
      memberId: live === false ? undefined : id.memberId,
      visitorId: id.kind === 'visitor' ? id.visitorId : undefined,
      ageBand: smoothedAgeBand(id),
      gender: smoothedGender(id),
      emotion,
      live,
    });
  }
}

function largestVisible(views: readonly TrackView[]): number | undefined {
  let best: TrackView | undefined;
  for (const v of views)
    if (v.visible && (!best || v.box.width * v.box.height > best.box.width * best.box.height)) best = v;
  return best?.id;
}
