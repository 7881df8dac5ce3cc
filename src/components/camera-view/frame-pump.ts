// Hands the camera view's frames on at a set rate: each tick of the display copies the <video> element's current
// frame into an ImageBitmap (asynchronously, the UI thread does not wait) and offers it to the view's listener.
// It owns only the timing; the view owns the stream and decides what a source is.
import type { CameraFrameDetail } from './camera-events';

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
   * Video files only: frames the video element has presented so far, and the count at the last frame handed on.
   * A file can stall (at start, at the loop point, while a slow device decodes) and show one frame for a while;
   * handing that frame on again would add no information, and to the liveness check the same landmarks twice look
   * exactly like a still picture. Counted with requestVideoFrameCallback where the engine has it; without it every
   * tick hands a frame on, as before.
   */
  #presentedFrames = 0;
  #handedOnFrames = -1;
  #frameCallback = 0;

  constructor(private readonly host: FramePumpHost) {}

  /** Video files: counts the frames the element presents (see #presentedFrames). */
  countPresentedFrames(): void {
    const video = this.host.video();
    // Not in every engine, whatever the DOM typings say: then every tick hands a frame on.
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
      if (this.#frameCallback) {
        if (this.#presentedFrames === this.#handedOnFrames) return; // still the frame handed on last time
        this.#handedOnFrames = this.#presentedFrames;
      }
      this.#lastFrameAt = now;
      createImageBitmap(video).then(
        (bitmap) => {
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

  /** Stops, and forgets the presented-frame count: the next source starts from nothing. */
  reset(): void {
    this.stop();
    if (this.#frameCallback) this.host.video()?.cancelVideoFrameCallback(this.#frameCallback);
    this.#frameCallback = 0;
    this.#presentedFrames = 0;
    this.#handedOnFrames = -1;
  }
}
