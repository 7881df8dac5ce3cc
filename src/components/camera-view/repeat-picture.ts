// Whether a copied frame of a video file shows anything new, judged by the copy itself. The gate in
// new-frame-gate.ts goes by what the engine reports (frame counters, playback position), and engines report
// wrongly at times; a copy can also be taken from a frame the element has not replaced yet. Scaled down to a
// thumbnail, two copies of one decoded frame are byte for byte the same, while two frames of a recording (sensor
// noise, movement) practically never are. Handing the same picture on twice tells the liveness check that the face
// did not move at all, which is what a still picture does; so a repeat is dropped, unless REPEAT_AFTER_MS have
// passed since the last picture handed on (a file that really shows one picture still reaches the check, and is
// judged by it). The wait is clock time, not playback position: rewound at its end, WebKitGTK reports position 0
// while the copy still shows the last frame (seen in the cross-engine suite's page log), so a jump in position
// says nothing about the picture.
// A fully transparent copy (WebKitGTK makes some of a playing file) is no frame at all.

/** Clock time after which the same picture is handed on again. */
export const REPEAT_AFTER_MS = 1000;

/** Side of the square thumbnail a copy is compared at. */
export const THUMBNAIL_SIDE = 8;

export type PictureVerdict = 'new' | 'repeat' | 'blank';

export class RepeatPictureFilter {
  #last: Uint8ClampedArray | undefined;
  #lastAt = 0;

  /** `rgba`: the copy's thumbnail (RGBA bytes); `at`: when it was copied (performance.now(), ms). */
  judge(rgba: Uint8ClampedArray, at: number): PictureVerdict {
    let opaque = false;
    for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) opaque = true;
    if (!opaque) return 'blank';
    const last = this.#last;
    if (last && at - this.#lastAt < REPEAT_AFTER_MS && sameBytes(last, rgba)) return 'repeat';
    this.#last = rgba;
    this.#lastAt = at;
    return 'new';
  }
}

function sameBytes(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
