// Multi-face tracking across frames. Each detection is matched to an existing track by box overlap (IoU) and,
// when both have one, by embedding similarity; the embedding lets a track survive fast movement and keeps two
// people who swap places from swapping identities. Track ids never change while a face stays in view and are
// never reused, so other faces entering or leaving do not disturb them. A track that misses frames is held for
// a grace period (no flicker when a face is briefly lost) and then ended.
//
// A new track is tentative until it has been matched in `confirmHits` analysed frames in a row; a tentative track
// that misses a frame is dropped, not ended: it was most likely a detector's false positive (a lamp, a poster, a
// pattern in the background scoring just above the detector's threshold for a frame or two), not a person. This is
// the usual rule of multi-object trackers (SORT and Deep SORT confirm after 3 hits); the number was not tuned.
import { dot } from './vectors';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Observation<T = unknown> {
  readonly box: Box;
  /** L2-normalised embedding, when computed for this frame. */
  readonly embedding?: Float32Array | undefined;
  /** Anything the caller wants carried with the track (attributes, keypoints...). */
  readonly data: T;
}

export interface Track<T = unknown> {
  readonly id: number;
  box: Box;
  firstSeen: number;
  lastSeen: number;
  /** Frames matched. */
  hits: number;
  /** Running mean of the embeddings seen (normalised), for re-identification. */
  embedding: Float32Array | undefined;
  embeddedAt: number | undefined;
  /** Latest observation's data. */
  data: T;
  /** False while the face is temporarily not detected (within the grace period). */
  visible: boolean;
}

export interface TrackerOptions {
  /** Minimum IoU for a match on position alone. */
  readonly minIou: number;
  /** Minimum cosine similarity for a match on appearance alone (face moved too far for IoU). */
  readonly minSimilarity: number;
  /** Below this similarity two faces are different people even if their boxes overlap. */
  readonly vetoSimilarity: number;
  /** How long a lost face's track is kept. */
  readonly graceMs: number;
  /** Box smoothing: weight of the new box (1 = no smoothing). */
  readonly boxAlpha: number;
  /** Frames in a row a new track must be matched in to be confirmed (1: at once). */
  readonly confirmHits: number;
}

export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = {
  minIou: 0.2,
  minSimilarity: 0.6,
  vetoSimilarity: 0.2,
  graceMs: 1500,
  boxAlpha: 0.6,
  confirmHits: 3,
};

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

export interface TrackerUpdate<T> {
  /** All live tracks (visible or within grace), oldest first. */
  readonly tracks: readonly Track<T>[];
  readonly started: readonly Track<T>[];
  /** Tracks that ended this update (lost for longer than the grace period). */
  readonly ended: readonly Track<T>[];
  /** Tentative tracks that missed a frame before being confirmed: not a face that was there. */
  readonly dropped: readonly Track<T>[];
}

export class Tracker<T = unknown> {
  #nextId = 1;
  #tracks: Track<T>[] = [];

  constructor(readonly options: TrackerOptions = DEFAULT_TRACKER_OPTIONS) {}

  get tracks(): readonly Track<T>[] {
    return this.#tracks;
  }

  update(observations: readonly Observation<T>[], now: number): TrackerUpdate<T> {
    const { minIou, minSimilarity, vetoSimilarity } = this.options;
    // Score every plausible (track, observation) pair, then match greedily, best first.
    const pairs: { t: number; o: number; score: number }[] = [];
    this.#tracks.forEach((track, t) => {
      observations.forEach((obs, o) => {
        const overlap = iou(track.box, obs.box);
        const sim = track.embedding && obs.embedding ? dot(track.embedding, obs.embedding) : undefined;
        if (sim !== undefined && sim < vetoSimilarity) return;
        const byPosition = overlap >= minIou;
        const byAppearance = sim !== undefined && sim >= minSimilarity;
        if (!byPosition && !byAppearance) return;
        pairs.push({ t, o, score: overlap + (sim ?? 0) });
      });
    });
    pairs.sort((a, b) => b.score - a.score);
    const usedTracks = new Set<number>();
    const usedObs = new Set<number>();
    for (const p of pairs) {
      if (usedTracks.has(p.t) || usedObs.has(p.o)) continue;
      usedTracks.add(p.t);
      usedObs.add(p.o);
      this.#absorb(this.#tracks[p.t] as Track<T>, observations[p.o] as Observation<T>, now);
    }
    const started: Track<T>[] = [];
    observations.forEach((obs, o) => {
      if (usedObs.has(o)) return;
      const track: Track<T> = {
        id: this.#nextId++,
        box: obs.box,
        firstSeen: now,
        lastSeen: now,
        hits: 1,
        embedding: obs.embedding ? Float32Array.from(obs.embedding) : undefined,
        embeddedAt: obs.embedding ? now : undefined,
        data: obs.data,
        visible: true,
      };
      this.#tracks.push(track);
      started.push(track);
    });
    const ended: Track<T>[] = [];
    const dropped: Track<T>[] = [];
    this.#tracks = this.#tracks.filter((track, t) => {
      if (t < this.#tracks.length - started.length && !usedTracks.has(t)) {
        track.visible = false;
        if (!this.isConfirmed(track)) {
          dropped.push(track);
          return false;
        }
      }
      if (!track.visible && now - track.lastSeen > this.options.graceMs) {
        ended.push(track);
        return false;
      }
      return true;
    });
    return { tracks: this.#tracks, started, ended, dropped };
  }

  /**
   * Matched in enough frames in a row to be a face that is there (see the top of this file). A tentative track is
   * dropped at its first miss, so the hits of a track still held are in a row until it is confirmed.
   */
  isConfirmed(track: Track<T>): boolean {
    return track.hits >= this.options.confirmHits;
  }

  /** Ends every track (camera stopped, app locked). */
  endAll(): Track<T>[] {
    const ended = this.#tracks;
    this.#tracks = [];
    return ended;
  }

  #absorb(track: Track<T>, obs: Observation<T>, now: number): void {
    const a = this.options.boxAlpha;
    track.box = {
      x: a * obs.box.x + (1 - a) * track.box.x,
      y: a * obs.box.y + (1 - a) * track.box.y,
      width: a * obs.box.width + (1 - a) * track.box.width,
      height: a * obs.box.height + (1 - a) * track.box.height,
    };
    track.lastSeen = now;
    track.hits++;
    track.visible = true;
    track.data = obs.data;
    if (obs.embedding) {
      if (!track.embedding) {
        track.embedding = Float32Array.from(obs.embedding);
      } else {
        // Running mean of appearances, renormalised: steadier than any single frame.
        const e = track.embedding;
        let norm = 0;
        for (let i = 0; i < e.length; i++) {
          e[i] = 0.7 * (e[i] as number) + 0.3 * (obs.embedding[i] as number);
          norm += (e[i] as number) ** 2;
        }
        const inv = 1 / (Math.sqrt(norm) || 1);
        for (let i = 0; i < e.length; i++) e[i] = (e[i] as number) * inv;
      }
      track.embeddedAt = now;
    }
  }
}
