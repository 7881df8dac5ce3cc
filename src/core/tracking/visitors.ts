// Anonymous re-identification: a visitor who is not a member gets a number ("visitor #12") that stays the
// same if they come back within the retention window, so unique-visitor counts are real. Their template is
// kept only for that window and then forgotten; nothing links it to a person.
import { dot } from './vectors';

export interface AnonymousVisitor {
  readonly id: number;
  readonly firstSeen: number;
  lastSeen: number;
  /** Running mean of the visitor's embeddings (normalised). */
  readonly embedding: Float32Array;
  /** Embeddings folded into the mean so far (absent = 1). */
  samples?: number;
}

export interface VisitorMatch {
  readonly visitor: AnonymousVisitor;
  readonly isNew: boolean;
  readonly similarity: number;
}

export class VisitorRegistry {
  #visitors: AnonymousVisitor[] = [];

  constructor(
    /** Cosine similarity above which a face is the same anonymous visitor. */
    readonly threshold: number,
    readonly retentionMs: number,
    private nextId = 1,
  ) {}

  get visitors(): readonly AnonymousVisitor[] {
    return this.#visitors;
  }

  get nextVisitorId(): number {
    return this.nextId;
  }

  /** The visitor this face belongs to, creating a new one if none is similar enough. */
  match(embedding: Float32Array, now: number): VisitorMatch {
    this.purge(now);
    let best: AnonymousVisitor | undefined;
    let bestSim = -Infinity;
    for (const v of this.#visitors) {
      const s = dot(v.embedding, embedding);
      if (s > bestSim) {
        bestSim = s;
        best = v;
      }
    }
    if (best && bestSim >= this.threshold) {
      this.refine(best.id, embedding, now);
      return { visitor: best, isNew: false, similarity: bestSim };
    }
    const visitor: AnonymousVisitor = {
      id: this.nextId++,
      firstSeen: now,
      lastSeen: now,
      embedding: Float32Array.from(embedding),
    };
    this.#visitors.push(visitor);
    return { visitor, isNew: true, similarity: bestSim };
  }

  /**
   * Folds a later, better-averaged embedding of a known visitor into their template (a running mean,
   * re-normalised), so their return is matched against more than the first glimpse.
   */
  refine(id: number, embedding: Float32Array, now: number): void {
    const v = this.#visitors.find((x) => x.id === id);
    if (!v) return;
    v.lastSeen = now;
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

  clear(): void {
    this.#visitors = [];
  }
}
