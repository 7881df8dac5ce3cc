// Hands the camera view's frames on at a set rate: each tick of the display copies the <video> element's current
// frame into an ImageBitmap (asynchronously, the UI thread does not wait) and offers it to the view's listener.
// It owns only the timing and which frames are worth handing on; the view owns the stream and decides what a
// source is.
import type { CameraFrameDetail } from './camera-events';
import { type FrameReading, NewFrameGate } from './new-frame-gate';
import { RepeatPictureFilter, THUMBNAIL_SIDE } from './repeat-picture';

export interface FramePumpHost {
  /** The view's <video> element, once it has rendered. */
  video(): HTMLVideoElement | undefined;
  /** Frames per second to hand on; read on every tick. */
  frameRate(): number;
  /** Offers a frame; true when nobody kept the bitmap, which the pump then closes. */
  deliver(detail: CameraFrameDetail): boolean;
}

export class FramePump {
  #loop = 0;
  #lastFrameAt = 0;
  /**
   * Video files only: `frames` lets through only frames not handed on yet (see new-frame-gate.ts), `pictures` drops
   * copies that show the picture handed on last, or nothing (see repeat-picture.ts).
   */
  #file: { readonly frames: NewFrameGate; readonly pictures: RepeatPictureFilter } | undefined;
  /** Frames presented so far, counted by requestVideoFrameCallback once the engine calls it. */
  #presentedFrames: number | undefined;
  #frameCallback = 0;
  /** A small canvas to look at a copied frame (see #thumbnail). */
  #probe: CanvasRenderingContext2D | null | undefined;

  constructor(private readonly host: FramePumpHost) {}

  /** Video files: from now on, hand on only frames not handed on yet, counting the frames the element presents. */
  countPresentedFrames(): void {
    this.#file = { frames: new NewFrameGate(), pictures: new RepeatPictureFilter() };
    const video = this.host.video();
    // Not in every engine, whatever the DOM typings say: the gate then uses the decoded count or the position.
    if (!video || typeof video.requestVideoFrameCallback !== 'function') return;
    const onFrame: VideoFrameRequestCallback = (_now, meta) => {
      this.#presentedFrames = meta.presentedFrames;
      this.#frameCallback = video.requestVideoFrameCallback(onFrame);
    };
    this.#frameCallback = video.requestVideoFrameCallback(onFrame);
  }

  /** (Re)starts handing frames on while the source is `live` and the rate is above 0. */
  run(live: boolean): void {
    this.stop();
    if (this.host.frameRate() <= 0 || !live) return;
    const tick = () => {
      this.#loop = requestAnimationFrame(tick);
      const now = performance.now();
      if (now - this.#lastFrameAt < 1000 / this.host.frameRate()) return;
      const video = this.host.video();
      if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !video.videoWidth) return;
      const file = this.#file;
      const reading = file ? this.#reading(video) : undefined;
      if (file && reading && !file.frames.admit(reading)) return; // handed on already
      this.#lastFrameAt = now;
      createImageBitmap(video).then(
        (bitmap) => {
          const thumbnail = file ? this.#thumbnail(bitmap) : undefined;
          const verdict = file && thumbnail ? file.pictures.judge(thumbnail, now) : 'new';
          if (verdict !== 'new') {
            bitmap.close();
            // A blank copy was no frame: that frame may be copied again. A repeat was the frame handed on already.
            if (verdict === 'blank' && file && reading) file.frames.retract(reading);
            return;
          }
          // Nobody took the frame (no listener called preventDefault): free its memory now.
          if (this.host.deliver({ bitmap, capturedAt: now })) bitmap.close();
        },
        () => undefined, // The stream stopped between the check and the copy.
      );
    };
    this.#loop = requestAnimationFrame(tick);
  }

  stop(): void {
    cancelAnimationFrame(this.#loop);
    this.#loop = 0;
  }

  /** Stops, and forgets the file's frames: the next source starts from nothing. */
  reset(): void {
    this.stop();
    if (this.#frameCallback) this.host.video()?.cancelVideoFrameCallback(this.#frameCallback);
    this.#frameCallback = 0;
    this.#presentedFrames = undefined;
    this.#file = undefined;
  }

  #reading(video: HTMLVideoElement): FrameReading {
    const quality = typeof video.getVideoPlaybackQuality === 'function' ? video.getVideoPlaybackQuality() : undefined;
    const decoded = quality?.totalVideoFrames ?? 0;
    return { presented: this.#presentedFrames, decoded: decoded > 0 ? decoded : undefined, time: video.currentTime };
  }

  /** The copy scaled down to THUMBNAIL_SIDE² pixels, RGBA (64 pixels read back); undefined without a 2D canvas. */
  #thumbnail(bitmap: ImageBitmap): Uint8ClampedArray | undefined {
    if (this.#probe === undefined) {
      const canvas = document.createElement('canvas');
      canvas.width = THUMBNAIL_SIDE;
      canvas.height = THUMBNAIL_SIDE;
      this.#probe = canvas.getContext('2d', { willReadFrequently: true });
    }
    const probe = this.#probe;
    if (!probe) return undefined;
    probe.clearRect(0, 0, THUMBNAIL_SIDE, THUMBNAIL_SIDE);
    probe.drawImage(bitmap, 0, 0, THUMBNAIL_SIDE, THUMBNAIL_SIDE);
    return probe.getImageData(0, 0, THUMBNAIL_SIDE, THUMBNAIL_SIDE).data;
  }
}
