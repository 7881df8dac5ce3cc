// Which frames of a video file are new. A file can stall (before it starts, at the loop point, while a slow device
// decodes) and keep showing one frame; handing that frame on again adds no information, and to the liveness check
// the same landmarks twice look exactly like a still picture. Engines tell new frames apart in different ways, so
// each reading carries what the engine offers, best first:
// - presented: frames presented so far (requestVideoFrameCallback), once the engine has called it at least once;
// - decoded: frames decoded so far (getVideoPlaybackQuality().totalVideoFrames), once above zero;
// - time: the playback position, which at least stops when the file stalls.
// A counter that stops reporting while the position moves on (an engine that never calls back while it plays in
// the background, say) must not stop the frames: after STALE_COUNTER_S of playback a frame goes through anyway.
// And a counter can move without a new frame: rewound at the file's end, WebKitGTK counted a presented frame while
// the position was still 0.000 (seen in the cross-engine suite's page log, docs/eval/webkit-video-frames-page-log-
// 2026-12-04.txt). So the same playback position is the same frame, whatever the counters say. What a copy shows
// is judged apart, by the copy itself (repeat-picture.ts).

/** Playback time after which a frame goes through even if the frame counters did not move. */
export const STALE_COUNTER_S = 1;

export interface FrameReading {
  readonly presented: number | undefined;
  readonly decoded: number | undefined;
  /** video.currentTime, in seconds. */
  readonly time: number;
}

export class NewFrameGate {
  #last: FrameReading | undefined;
  /** The frame handed on before #last, for retract(). */
  #before: FrameReading | undefined;

  /** True when `reading` shows a frame not handed on yet; it then becomes the last frame handed on. */
  admit(reading: FrameReading): boolean {
    const last = this.#last;
    const fresh =
      last === undefined ||
      Math.abs(reading.time - last.time) >= STALE_COUNTER_S ||
      (reading.time !== last.time &&
        (reading.presented !== undefined
          ? reading.presented !== last.presented
          : reading.decoded === undefined || reading.decoded !== last.decoded));
    if (fresh) {
      this.#before = last;
      this.#last = reading;
    }
    return fresh;
  }

  /**
   * The frame admitted as `reading` could not be used (its copy was blank): unless a later one was admitted since,
   * the gate goes back to the frame handed on before it, so the same frame can be admitted again.
   */
  retract(reading: FrameReading): void {
    if (this.#last !== reading) return;
    this.#last = this.#before;
    this.#before = undefined;
  }

  reset(): void {
    this.#last = undefined;
    this.#before = undefined;
  }
}
