// Anonymous re-identification: a visitor who is not a member gets a number ("visitor #12") that stays the
// same if they come back within the retention window, so unique-visitor counts are real. Their template is
// kept only for that window and then forgotten; nothing links it to a person.
//
// Merging two different people under one number is the error that breaks the counts, and it grows with the
// number of visitors stored: a newcomer compared with N strangers, each wrongly matched with probability
// FMR(t) at threshold t, is merged with one of them with probability close to N·FMR(t). So the threshold is not
// fixed: it is the lowest one at which N·FMR(t) stays within a budget of expected false merges per newcomer,
// read from the measured false-match rates of the embedding. A quiet shop (few visitors stored) can afford a
// lower threshold, and so recognises returning visitors more often, than a busy one. On top of that the best
// visitor must beat the second best by a margin: a face that sits between two stored visitors is a new one.
//
// Two refinements keep one person from being split again and again:
// - the margin is over the best *other-looking* visitor: a runner-up whose template itself matches the best
//   visitor's is one person stored twice (an earlier split), and counting it as a rival would split that person
//   at every later visit, each new number making the next tie likelier;
// - a visit that was given a new number is reconsidered when it ends, with all of its frames (the number was
//   decided on its first few): if it is then clearly an earlier visitor, the visit is theirs and the new number
//   is withdrawn. The same threshold, budget and margin apply, so merges stay within the same bound.
import { NO_TRAITS, type Traits, addTraits } from '../face/attribute-estimates';
import { dot } from './vectors';

export interface AnonymousVisitor {
  readonly id: number;
  readonly firstSeen: number;
  lastSeen: number;
  /** Mean of the visitor's visit embeddings (normalised), one visit one vote. */
  readonly embedding: Float32Array;
  /** Visits folded into the mean so far (absent = 1). */
  samples?: number;
  /** Age and gender evidence of all their visits. */
  traits?: Traits;
}

export interface VisitorPolicy {
  /** Expected false merges per newcomer the threshold is set for (see the top of this file). */
  readonly falseMergeBudget: number;
  /** The threshold never goes below this (a near-empty registry) nor above `maxThreshold`. */
  readonly minThreshold: number;
  readonly maxThreshold: number;
  /** The best visitor must beat the second best by this much (cosine similarity). */
  readonly margin: number;
}

export interface VisitorMatch {
  readonly visitor: AnonymousVisitor;
  readonly isNew: boolean;
  readonly similarity: number;
  /** The threshold the decision was made at (it depends on how many visitors were stored). */
  readonly threshold: number;
}

/**
 * The lowest threshold (on a 0.001 grid) at which `stored` comparisons give at most `budget` expected false
 * matches, given the false-match rate per comparison `fmr(t)`; clamped to the policy's range.
 */
export function reidThreshold(policy: VisitorPolicy, stored: number, fmr: (t: number) => number): number {
  if (stored <= 0) return policy.minThreshold;
  for (let t = policy.minThreshold; t < policy.maxThreshold; t += 0.001) {
    if (stored * fmr(t) <= policy.falseMergeBudget) return Math.round(t * 1000) / 1000;
  }
  return policy.maxThreshold;
}

export class VisitorRegistry {
  #visitors: AnonymousVisitor[] = [];

  constructor(
    readonly policy: VisitorPolicy,
    /** Measured false-match rate of one comparison at a threshold (the calibration table). */
    private readonly falseMatchRate: (threshold: number) => number,
    readonly retentionMs: number,
    private nextId = 1,
  ) {}

  get visitors(): readonly AnonymousVisitor[] {
    return this.#visitors;
  }

  get nextVisitorId(): number {
    return this.nextId;
  }

  /** The threshold a face is matched at now. */
  get threshold(): number {
    return reidThreshold(this.policy, this.#visitors.length, this.falseMatchRate);
  }

  /**
   * The visitor this face (a visit's averaged embedding) belongs to, creating a new one if no stored visitor is
   * similar enough and clearly the best. The template itself is updated when the visit ends (`recordVisit`).
   */
  match(embedding: Float32Array, now: number): VisitorMatch {
    this.purge(now);
    const threshold = this.threshold;
    const found = this.#nearest(embedding, threshold, undefined);
    if (found.visitor) {
      found.visitor.lastSeen = now;
      return { visitor: found.visitor, isNew: false, similarity: found.similarity, threshold };
    }
    const visitor: AnonymousVisitor = {
      id: this.nextId++,
      firstSeen: now,
      lastSeen: now,
      embedding: Float32Array.from(embedding),
      samples: 0,
    };
    this.#visitors.push(visitor);
    return { visitor, isNew: true, similarity: found.similarity, threshold };
  }

  /**
   * The visit that created visitor `id` ended, and `embedding` is the mean of all its frames. If that is clearly
   * a visitor stored before (same threshold, budget and margin as `match`, over the others), the visit is theirs:
   * the new visitor is withdrawn and the earlier one returned. Undefined when the new number stands (or `id` is
   * not a visitor without any recorded visit).
   */
  reconsider(id: number, embedding: Float32Array, now: number): VisitorMatch | undefined {
    const mine = this.#visitors.find((v) => v.id === id);
    if (!mine || (mine.samples ?? 1) > 0) return undefined;
    const threshold = reidThreshold(this.policy, this.#visitors.length - 1, this.falseMatchRate);
    const found = this.#nearest(embedding, threshold, mine);
    if (!found.visitor) return undefined;
    this.#visitors = this.#visitors.filter((v) => v !== mine);
    found.visitor.lastSeen = now;
    return { visitor: found.visitor, isNew: false, similarity: found.similarity, threshold };
  }

  /** The stored visitor (other than `skip`) this face clearly is at `threshold`, and the best similarity. */
  #nearest(
    embedding: Float32Array,
    threshold: number,
    skip: AnonymousVisitor | undefined,
  ): { visitor: AnonymousVisitor | undefined; similarity: number } {
    const candidates = this.#visitors.filter((v) => v !== skip);
    const sims = candidates.map((v) => dot(v.embedding, embedding));
    let at = -1;
    for (let i = 0; i < sims.length; i++) if (at < 0 || (sims[i] as number) > (sims[at] as number)) at = i;
    const best = candidates[at];
    const similarity = at < 0 ? -Infinity : (sims[at] as number);
    if (!best || similarity < threshold) return { visitor: undefined, similarity };
    // A rival within the margin that is another-looking visitor: neither is clearly the one.
    const rival = candidates.some(
      (v, i) =>
        v !== best &&
        (sims[i] as number) > similarity - this.policy.margin &&
        dot(v.embedding, best.embedding) < threshold,
    );
    return { visitor: rival ? undefined : best, similarity };
  }

  /**
   * A visit of visitor `id` ended: its averaged embedding joins their template (a running mean over visits,
   * re-normalised; the visit that created the visitor replaces the first glimpse it was created from) and what
   * it saw of their age and gender joins their traits.
   */
  recordVisit(id: number, embedding: Float32Array, traits: Traits, now: number): void {
    const v = this.#visitors.find((x) => x.id === id);
    if (!v) return;
    v.lastSeen = now;
    v.traits = addTraits(v.traits ?? NO_TRAITS, traits);
    v.samples = (v.samples ?? 1) + 1;
    const w = 1 / v.samples;
    let norm = 0;
    for (let i = 0; i < v.embedding.length; i++) {
      const x = (1 - w) * (v.embedding[i] as number) + w * (embedding[i] as number);
      v.embedding[i] = x;
      norm += x * x;
    }
    const inv = 1 / (Math.sqrt(norm) || 1);
    for (let i = 0; i < v.embedding.length; i++) v.embedding[i] = (v.embedding[i] as number) * inv;
  }

  /** Forgets visitors not seen within the retention window. Returns their ids. */
  purge(now: number): number[] {
    const expired = this.#visitors.filter((v) => now - v.lastSeen > this.retentionMs);
    if (expired.length) this.#visitors = this.#visitors.filter((v) => now - v.lastSeen <= this.retentionMs);
    return expired.map((v) => v.id);
  }

  /** Restores visitors persisted earlier (e.g. after a reload), dropping expired ones. */
  restore(visitors: readonly AnonymousVisitor[], now: number): void {
    this.#visitors = visitors.filter((v) => now - v.lastSeen <= this.retentionMs).map((v) => ({ ...v }));
    this.nextId = Math.max(this.nextId, ...visitors.map((v) => v.id + 1));
  }

  /** Forgets every template; numbers given later still follow on from the ones given so far. */
  clear(): void {
    this.#visitors = [];
  }

  /** Numbers given from now on are above `id` (a number already used by a visit on record). */
  continueAfter(id: number): void {
    this.nextId = Math.max(this.nextId, id + 1);
  }
}
