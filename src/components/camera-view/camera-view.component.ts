// <camera-view>: lists cameras, starts and stops the stream, explains every failure with a retry, and hands frames
// on as transferable ImageBitmaps. It owns the MediaStream (a device resource) and nothing else: what happens to
// the frames is the listener's business.
import { LitElement, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { strings } from '../../i18n/strings';
import { type CameraDevice, type CameraProblem, classifyCameraError, describeCameras } from './camera-errors';
import { cameraViewStyles } from './camera-view.styles';

export type CameraState = 'off' | 'starting' | 'live' | 'error';

export interface CameraStateDetail {
  readonly state: CameraState;
  readonly problem: CameraProblem | undefined;
  readonly deviceId: string | undefined;
  readonly devices: readonly CameraDevice[];
}

/** A captured frame. The listener owns `bitmap` and must close() or transfer it. */
export interface CameraFrameDetail {
  readonly bitmap: ImageBitmap;
  /** performance.now() when the frame was captured, for camera-to-overlay latency. */
  readonly capturedAt: number;
}

declare global {
  interface HTMLElementTagNameMap {
    'camera-view': CameraView;
  }
  interface HTMLElementEventMap {
    'camera-state': CustomEvent<CameraStateDetail>;
    'camera-frame': CustomEvent<CameraFrameDetail>;
  }
}

@customElement('camera-view')
export class CameraView extends LitElement {
  static override styles = cameraViewStyles;

  /** Start the camera as soon as the element is connected. */
  @property({ type: Boolean }) autostart = false;
  /** The camera to use; empty = the browser's default (front camera on tablets). */
  @property({ attribute: 'device-id' }) deviceId = '';
  @property({ type: Number }) width = 1280;
  @property({ type: Number }) height = 720;
  /** Frames per second handed on as camera-frame events; 0 = none. */
  @property({ type: Number, attribute: 'frame-rate' }) frameRate = 0;

  @state() private cameraState: CameraState = 'off';
  @state() private problem: CameraProblem | undefined;
  @state() private devices: CameraDevice[] = [];

  @query('video') private video!: HTMLVideoElement;

  #stream: MediaStream | undefined;
  #frameLoop = 0;
  #lastFrameAt = 0;
  #startToken = 0;
  readonly #onDeviceChange = () => void this.#handleDeviceChange();

  /** undefined outside secure contexts and in old browsers, whatever the DOM typings say. */
  get #media(): MediaDevices | undefined {
    return (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#media?.addEventListener('devicechange', this.#onDeviceChange);
    if (this.autostart) void this.updateComplete.then(() => this.start());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#media?.removeEventListener('devicechange', this.#onDeviceChange);
    this.stop();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('deviceId') && changed.get('deviceId') !== undefined && this.cameraState !== 'off')
      void this.start();
    if (changed.has('frameRate')) this.#scheduleFrames();
  }

  get state(): CameraState {
    return this.cameraState;
  }

  async start(): Promise<void> {
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
      const video: MediaTrackConstraints = {
        width: { ideal: this.width },
        height: { ideal: this.height },
        ...(this.deviceId ? { deviceId: { exact: this.deviceId } } : { facingMode: 'user' }),
      };
      const stream = await media.getUserMedia({ video, audio: false });
      if (token !== this.#startToken) {
        // A newer start() or stop() won the race; do not leak this stream.
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      this.#stream = stream;
      for (const track of stream.getVideoTracks()) {
        track.addEventListener('ended', () => {
          if (this.#stream === stream) this.#fail('unplugged');
        });
      }
      this.video.srcObject = stream;
      await this.video.play().catch(() => undefined); // muted + playsinline: autoplay is allowed everywhere.
      this.devices = await this.#listCameras();
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
    cancelAnimationFrame(this.#frameLoop);
    this.#frameLoop = 0;
    this.#stream?.getTracks().forEach((t) => t.stop());
    this.#stream = undefined;
    if (this.hasUpdated) this.video.srcObject = null;
  }

  #fail(problem: CameraProblem): void {
    this.#release();
    this.#setState('error', problem);
  }

  #setState(next: CameraState, problem: CameraProblem | undefined): void {
    this.cameraState = next;
    this.problem = problem;
    const detail: CameraStateDetail = {
      state: next,
      problem,
      deviceId: this.#stream?.getVideoTracks()[0]?.getSettings().deviceId ?? (this.deviceId || undefined),
      devices: this.devices,
    };
    this.dispatchEvent(new CustomEvent('camera-state', { detail, bubbles: true, composed: true }));
  }

  async #listCameras(): Promise<CameraDevice[]> {
    try {
      return describeCameras((await this.#media?.enumerateDevices()) ?? []);
    } catch {
      return [];
    }
  }

  async #handleDeviceChange(): Promise<void> {
    this.devices = await this.#listCameras();
    // A camera came back after being unplugged (or one was connected): recover without a tap.
    if (
      this.cameraState === 'error' &&
      (this.problem === 'unplugged' || this.problem === 'no-camera') &&
      this.devices.length
    ) {
      await this.start();
    }
  }

  #scheduleFrames(): void {
    cancelAnimationFrame(this.#frameLoop);
    this.#frameLoop = 0;
    if (this.frameRate <= 0 || this.cameraState !== 'live') return;
    const tick = () => {
      this.#frameLoop = requestAnimationFrame(tick);
      const now = performance.now();
      if (now - this.#lastFrameAt < 1000 / this.frameRate) return;
      if (this.video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !this.video.videoWidth) return;
      this.#lastFrameAt = now;
      // createImageBitmap copies the frame off the video asynchronously; the UI thread does not wait for it.
      createImageBitmap(this.video).then(
        (bitmap) => {
          const detail: CameraFrameDetail = { bitmap, capturedAt: now };
          const delivered = this.dispatchEvent(new CustomEvent('camera-frame', { detail, cancelable: true }));
          // Nobody took the frame (no listener called preventDefault): free its memory now.
          if (delivered) bitmap.close();
        },
        () => undefined, // The stream stopped between the check and the copy.
      );
    };
    this.#frameLoop = requestAnimationFrame(tick);
  }

  #onPick(e: Event): void {
    this.deviceId = (e.target as HTMLSelectElement).value;
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
        ${this.cameraState === 'live' ? html`<button class="secondary" @click=${() => this.stop()}>${t.stop}</button>` : null}
      </div>
    `;
  }
}
