// A video or photo file standing in for the camera (demos, shops testing without a camera). Frames go out exactly
// as from the camera: a video plays looped, and a photo is streamed from a canvas, so the rest of the app cannot
// tell the difference (and the liveness check rightly sees a still picture).

const VIDEO_FILE = /\.(mp4|webm|mov|m4v|ogv)$/i;

export class FileSource {
  #url: string | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #rewind: ((event: Event) => void) | undefined;

  /**
   * Puts `file` on `video`. Returns a photo's stream, which the view then owns like a camera's; undefined for a
   * video file. Throws for anything else.
   */
  async attach(file: File, video: HTMLVideoElement): Promise<MediaStream | undefined> {
    if (file.type.startsWith('image/')) {
      const bitmap = await createImageBitmap(file);
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      const draw = () => ctx.drawImage(bitmap, 0, 0);
      draw();
      // captureStream only emits frames when the canvas changes; redraw so a still photo keeps streaming.
      this.#timer = setInterval(draw, 100);
      const stream = canvas.captureStream(10);
      video.srcObject = stream;
      return stream;
    }
    if (file.type.startsWith('video/') || VIDEO_FILE.test(file.name)) {
      this.#url = URL.createObjectURL(file);
      // Looped by hand rather than with `loop`: WebKitGTK (Safari's engine) with `loop` restarts a WebM file
      // seconds before its end and leaves an MP4 stuck on its last frame; rewinding at `ended` plays every frame
      // in every engine tried (Chromium, Firefox, WebKitGTK).
      this.#rewind = () => {
        video.currentTime = 0;
        void video.play().catch(() => undefined);
      };
      video.addEventListener('ended', this.#rewind);
      video.src = this.#url;
      return undefined;
    }
    throw new Error('not a video or photo');
  }

  /** Takes the file off `video` (undefined before the view's first render) and frees what it held. */
  release(video: HTMLVideoElement | undefined): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (video) {
      if (this.#rewind) video.removeEventListener('ended', this.#rewind);
      if (this.#url) {
        video.removeAttribute('src');
        video.load();
      }
    }
    this.#rewind = undefined;
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = undefined;
  }
}
