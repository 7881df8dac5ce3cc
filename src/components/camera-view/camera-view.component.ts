// <camera-view>: lists cameras, starts and stops the stream, explains every failure with a retry, and hands frames
// on as transferable ImageBitmaps. It owns the MediaStream (a device resource) and nothing else: what happens to
// the frames is the listener's business.
import { LitElement, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { strings } from '../../i18n/strings';
import { emit } from '../emit';
import { type CameraDevice, type CameraProblem, classifyCameraError, listCameras } from './camera-errors';
import type { CameraState, CameraStateDetail } from './camera-events';
import { CameraPermission } from './camera-permission';
import { claimCamera, yieldCamera } from './camera-yield';
import { cameraViewStyles } from './camera-view.styles';
import { openCamera } from './open-camera';
import { FileSource } from './file-source';
import { FramePump } from './frame-pump';

export type { CameraFrameDetail, CameraPickDetail, CameraState, CameraStateDetail } from './camera-events';

declare global {
  interface HTMLElementTagNameMap {
    'camera-view': CameraView;
  }
}

/**
 * @fires camera-state - `{ state, problem, deviceId, devices, width, height }` on every change of state (bubbles,
 *   composed). `deviceId`, `width` and `height` are what the camera actually delivers.
 * @fires camera-pick - `{ deviceId }` when staff choose another camera in the view (bubbles, composed), so the
 *   choice can be remembered.
 * @fires camera-frame - `{ bitmap, capturedAt }` for each frame handed on, at most `frame-rate` a second. Neither
 *   bubbling nor composed, and cancelable: a listener that keeps the bitmap calls preventDefault(), otherwise the
 *   view closes it.
 */
@customElement('camera-view')
export class CameraView extends LitElement {
  static override styles = cameraViewStyles;

  /** Start the camera as soon as the element is connected. */
  @property({ type: Boolean }) autostart = false;
  /** The camera to use; empty = the browser's default (front camera on tablets). */
  @property({ attribute: 'device-id' }) deviceId = '';
  /** The resolution asked for (the camera delivers the nearest it can). */
  @property({ type: Number }) width = 1280;
  @property({ type: Number }) height = 720;
  /** Frames per second handed on as camera-frame events; 0 = none. */
  @property({ type: Number, attribute: 'frame-rate' }) frameRate = 0;
  /** Gives the camera up while a view that does not yield runs one, then takes it back (camera-yield.ts). */
  @property({ type: Boolean }) yields = false;

  @state() private cameraState: CameraState = 'off';
  @state() private problem: CameraProblem | undefined;
  @state() private devices: CameraDevice[] = [];
  /** Set when the chosen camera was not found and the default camera is shown instead. */
  @state() private missingDevice = false;

  @query('video') private video!: HTMLVideoElement;

  #stream: MediaStream | undefined;
  /** Set while a video or photo file stands in for the camera (demos, shops testing without a camera). */
  @state() private fileName: string | undefined;
  readonly #file = new FileSource();
  readonly #frames = new FramePump({
    video: () => (this.hasUpdated ? this.video : undefined),
    frameRate: () => this.frameRate,
    deliver: (detail) => emit(this, 'camera-frame', detail, { bubbles: false, composed: false, cancelable: true }),
  });
  #startToken = 0;
  readonly #onDeviceChange = () => void this.#handleDeviceChange();
  readonly #permission = new CameraPermission(() => void this.#handlePermissionChange());
  #yielding: ReturnType<typeof yieldCamera> | undefined;

  /** undefined outside secure contexts and in old browsers, whatever the DOM typings say. */
  get #media(): MediaDevices | undefined {
    return (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#media?.addEventListener('devicechange', this.#onDeviceChange);
    void this.#permission.watch(() => this.isConnected);
    if (this.yields) this.#yielding = yieldCamera(this);
    if (this.autostart && !this.#yielding?.paused()) void this.updateComplete.then(() => this.start());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#media?.removeEventListener('devicechange', this.#onDeviceChange);
    this.#permission.unwatch();
    this.#yielding?.release();
    this.#yielding = undefined;
    this.stop();
  }

  override updated(changed: Map<string, unknown>): void {
    // Another camera or resolution while the camera runs: start again with it (not on the first render, when
    // autostart does it; not while a file stands in for the camera, which staff chose on purpose).
    const asked = ['deviceId', 'width', 'height'].some((k) => changed.has(k) && changed.get(k) !== undefined);
    if (asked && this.cameraState !== 'off' && this.fileName === undefined) void this.start();
    if (changed.has('frameRate')) this.#scheduleFrames();
  }

  get state(): CameraState {
    return this.cameraState;
  }

  /**
   * Plays a video file (looped) or shows a photo in place of the camera; frames go out exactly as from the camera.
   * A photo is streamed from a canvas, so the rest of the app cannot tell the difference (and the liveness check
   * rightly sees a still picture).
   */
  async useFile(file: File): Promise<void> {
    const token = ++this.#startToken;
    this.#release();
    this.#setState('starting', undefined);
    try {
      const photo = await this.#file.attach(file, this.video);
      if (photo) this.#stream = photo;
      else this.#frames.countPresentedFrames();
      await this.video.play();
      if (token !== this.#startToken) return;
      this.fileName = file.name;
      this.#setState('live', undefined);
      this.#scheduleFrames();
    } catch {
      if (token === this.#startToken) this.#fail('bad-file');
    }
  }

  #onFile(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.useFile(file);
  }

  async start(): Promise<void> {
    if (!this.isConnected) return; // e.g. autostart's turn came after the view was taken away: no stream to leak
    const token = ++this.#startToken;
    this.#release();
    const media = this.#media;
    if (!window.isSecureContext) {
      this.#fail('insecure');
      return;
    }
    if (!media) {
      this.#fail('unsupported');
      return;
    }
    this.#setState('starting', undefined);
    try {
      const opened = await openCamera(media, this.deviceId, { width: this.width, height: this.height });
      const stream = opened.stream;
      this.missingDevice = opened.missingDevice;
      if (token !== this.#startToken) {
        // A newer start() or stop() won the race; do not leak this stream.
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      this.#stream = stream;
      for (const track of stream.getVideoTracks()) {
        track.addEventListener('ended', () => {
          // The browser also ends the track when access is withdrawn; say which, the fixes differ.
          if (this.#stream === stream) this.#fail(this.#permission.state === 'denied' ? 'revoked' : 'unplugged');
        });
      }
      this.video.srcObject = stream;
      await this.video.play().catch(() => undefined); // muted + playsinline: autoplay is allowed everywhere.
      this.devices = await listCameras(this.#media);
      // Stopped (or started again) while this start waited: that one has released the stream; never 'live' now.
      if (token !== this.#startToken) return;
      this.#setState('live', undefined);
      this.#scheduleFrames();
    } catch (err) {
      if (token === this.#startToken) this.#fail(classifyCameraError(err));
    }
  }

  stop(): void {
    this.#startToken++;
    this.#release();
    this.#setState('off', undefined);
  }

  #release(): void {
    this.#frames.reset();
    this.#stream?.getTracks().forEach((t) => t.stop());
    this.#stream = undefined;
    this.fileName = undefined;
    if (this.hasUpdated) this.video.srcObject = null;
    this.#file.release(this.hasUpdated ? this.video : undefined);
  }

  #fail(problem: CameraProblem): void {
    this.#release();
    this.#setState('error', problem);
  }

  #setState(next: CameraState, problem: CameraProblem | undefined): void {
    this.cameraState = next;
    if (!this.yields) claimCamera(this, next === 'live' || next === 'starting');
    this.problem = problem;
    const delivered = this.#stream?.getVideoTracks()[0]?.getSettings();
    const detail: CameraStateDetail = {
      state: next,
      problem,
      deviceId: delivered?.deviceId ?? (this.deviceId || undefined),
      devices: this.devices,
      width: delivered?.width,
      height: delivered?.height,
    };
    emit(this, 'camera-state', detail);
  }

  async #handleDeviceChange(): Promise<void> {
    this.devices = await listCameras(this.#media);
    // A camera came back after being unplugged (or one was connected): recover without a tap.
    if (
      this.cameraState === 'error' &&
      (this.problem === 'unplugged' || this.problem === 'no-camera') &&
      this.devices.length
    ) {
      await this.start();
    }
  }

  async #handlePermissionChange(): Promise<void> {
    const state = this.#permission.state;
    if (state === 'denied' && this.#stream && this.fileName === undefined) {
      // Withdrawn while the camera is on (a video or photo file in its place needs no permission): stop at once,
      // whatever the browser does with the stream.
      this.#fail('revoked');
    } else if (
      state === 'granted' &&
      this.cameraState === 'error' &&
      (this.problem === 'revoked' || this.problem === 'denied')
    ) {
      await this.start();
    }
  }

  #scheduleFrames(): void {
    this.#frames.run(this.cameraState === 'live');
  }

  #onPick(e: Event): void {
    this.deviceId = (e.target as HTMLSelectElement).value;
    emit(this, 'camera-pick', { deviceId: this.deviceId });
  }

  override render() {
    const t = strings.camera;
    const message =
      this.cameraState === 'error' && this.problem
        ? t.problems[this.problem]
        : this.cameraState === 'starting'
          ? t.starting
          : this.cameraState === 'off'
            ? t.stopped
            : '';
    return html`
      <div class="stage" role="region" aria-label=${t.regionLabel}>
        <video playsinline muted autoplay aria-label=${t.videoLabel}></video>
        <div class="overlay"><slot name="overlay"></slot></div>
        <div class="message" role=${this.cameraState === 'error' ? 'alert' : 'status'} ?hidden=${!message}>
          <p>${message}</p>
          ${
            this.cameraState === 'error' || this.cameraState === 'off'
              ? html`<p>
                  <button @click=${() => void this.start()}>${this.cameraState === 'error' ? t.retry : t.start}</button>
                </p>`
              : null
          }
        </div>
      </div>
      <div class="controls">
        ${
          this.devices.length > 1
            ? html`<label
                >${t.choose}
                <select @change=${this.#onPick} .value=${this.deviceId}>
                  ${this.devices.map((d) => html`<option value=${d.deviceId}>${d.label}</option>`)}
                </select></label
              >`
            : null
        }
        ${this.missingDevice && this.cameraState === 'live' && !this.fileName ? html`<span class="file" role="status">${t.chosenMissing}</span>` : null}
        ${this.cameraState === 'live' && !this.fileName ? html`<button class="secondary" @click=${() => this.stop()}>${t.stop}</button>` : null}
        ${
          this.fileName
            ? html`<span class="file" role="status">${t.fromFile(this.fileName)}</span>
                <button class="secondary" @click=${() => void this.start()}>${t.backToCamera}</button>`
            : null
        }
        <label class="file-pick"
          >${t.useFile} <input type="file" accept="video/*,image/*" @change=${this.#onFile}
        /></label>
      </div>
    `;
  }
}
