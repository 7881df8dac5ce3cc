// How often the counter analyses a frame when nobody is in front of it. A tablet left on the counter all day
// should not run the face models at full rate on an empty shop (heat, battery, fan noise on a laptop), yet a
// customer walking up must be seen at once. So once no face has been seen for `idleAfterMs`, frames are analysed
// only now and then (a heartbeat), and in between a frame goes to the engine only when the picture changed: each
// frame is shrunk to a small grey thumbnail, compared with the last analysed one, and let through when enough of
// it differs. Someone stepping into view changes a patch of the picture; sensor noise (averaged away by the
// shrinking) and a change of exposure (the whole picture brighter or darker: the typical difference is taken off
// first) do not.
//
// Pure logic: the thumbnails come from the app (app/counter/frame-thumbnail.ts), the clock from the caller.

export interface PacingSettings {
  /** Nobody in view this long: the counter goes idle. */
  readonly idleAfterMs: number;
  /** Idle heartbeat: at least this long between two analysed frames when nothing changes. */
  readonly idleIntervalMs: number;
  /** …and at least this many times the busy frame interval, so idle stays a small share on any machine. */
  readonly idleShareOfBusy: number;
  /** A thumbnail pixel counts as changed when it differs by more than this (grey levels, after exposure). */
  readonly changeLevel: number;
  /** The picture changed when at least this share of its thumbnail pixels did. */
  readonly changedShare: number;
}

export const IDLE_PACING: PacingSettings = {
  // "A few seconds": long enough that a customer who looks down at the till for a moment keeps the full rate.
  idleAfterMs: 3000,
  idleIntervalMs: 1000,
  idleShareOfBusy: 5,
  // A 32x24 thumbnail of a 640x480 frame averages 400 pixels per thumbnail pixel: sensor noise of a few grey
  // levels averages to well under one. A face or body in front of the background moves pixels by tens of levels.
  changeLevel: 18,
  // 1 % of the thumbnail (8 of 768 pixels): a face at the far edge of the counter's view covers more.
  changedShare: 0.01,
};

/** Share of pixels of two same-sized grey thumbnails that differ by more than `level`, exposure change aside. */
export function changedShare(a: Uint8Array, b: Uint8Array, level: number): number {
  if (a.length !== b.length || a.length === 0) return 1;
  const diffs = new Int16Array(a.length);
  for (let i = 0; i < a.length; i++) diffs[i] = (a[i] as number) - (b[i] as number);
  // The median difference is the whole picture getting brighter or darker (exposure, a cloud): not a person.
  const sorted = Int16Array.from(diffs).sort();
  const typical = sorted[sorted.length >> 1] as number;
  let changed = 0;
  for (const d of diffs) if (Math.abs(d - typical) > level) changed++;
  return changed / a.length;
}

/**
 * Decides frame by frame whether the counter analyses it. Tell it what each analysed frame held (`analysed`);
 * ask it about each new frame (`wants`).
 */
export class IdlePacing {
  #lastFaceAt = -Infinity;
  #lastAnalysedAt = -Infinity;
  #reference: Uint8Array | undefined;
  /** Mean time between analysed frames while someone was in view (exponentially weighted). */
  #busyIntervalMs: number | undefined;
  #lastBusyFrameAt: number | undefined;

  constructor(private readonly settings: PacingSettings = IDLE_PACING) {}

  /** True when nobody has been in view for a while (the counter analyses only now and then). */
  isIdle(now: number): boolean {
    return now - this.#lastFaceAt >= this.settings.idleAfterMs;
  }

  /** The least time between two analysed frames while idle. */
  get idleIntervalMs(): number {
    const busy = this.#busyIntervalMs ?? 0;
    return Math.max(this.settings.idleIntervalMs, this.settings.idleShareOfBusy * busy);
  }

  /**
   * Should the frame arriving at `now` be analysed? `thumbnail` is asked for only while idle (shrinking a frame
   * costs a little), and may be undefined when the frame cannot be read: then only the heartbeat lets frames by.
   */
  wants(now: number, thumbnail: () => Uint8Array | undefined): boolean {
    if (!this.isIdle(now)) return true;
    if (now - this.#lastAnalysedAt >= this.idleIntervalMs) {
      this.#reference = thumbnail();
      return true;
    }
    const thumb = thumbnail();
    if (!thumb || !this.#reference) return false;
    if (changedShare(thumb, this.#reference, this.settings.changeLevel) < this.settings.changedShare) return false;
    this.#reference = thumb;
    return true;
  }

  /** A frame went to the engine at `now`. */
  sent(now: number): void {
    this.#lastAnalysedAt = now;
  }

  /** An analysed frame came back at `now` holding `faces` visible faces. */
  analysed(now: number, faces: number): void {
    if (faces === 0) {
      this.#lastBusyFrameAt = undefined;
      return;
    }
    this.#lastFaceAt = now;
    if (this.#lastBusyFrameAt !== undefined) {
      const gap = now - this.#lastBusyFrameAt;
      this.#busyIntervalMs = this.#busyIntervalMs === undefined ? gap : 0.9 * this.#busyIntervalMs + 0.1 * gap;
    }
    this.#lastBusyFrameAt = now;
  }

  /** Starting afresh (camera restarted): the next frames are analysed at full rate until nobody is seen. */
  reset(now: number): void {
    this.#lastFaceAt = now;
    this.#lastAnalysedAt = -Infinity;
    this.#reference = undefined;
    this.#lastBusyFrameAt = undefined;
  }
}
