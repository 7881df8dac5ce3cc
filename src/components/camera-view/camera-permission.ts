// The camera permission, watched so that withdrawing it mid-session is told apart from an unplugged camera, and
// granting it again can bring the camera back without a tap. The view decides what a change means.

export class CameraPermission {
  #status: PermissionStatus | undefined;
  readonly #onChange = () => this.onChange();

  constructor(private readonly onChange: () => void) {}

  /** The permission's state; undefined while not watched. */
  get state(): PermissionState | undefined {
    return this.#status?.state;
  }

  /** Starts watching, unless `stillWanted()` says otherwise once the browser has answered. */
  async watch(stillWanted: () => boolean): Promise<void> {
    try {
      // 'camera' is not in every browser's permission list (older Safari, Firefox): then nothing is watched.
      const status = await navigator.permissions.query({ name: 'camera' });
      if (!stillWanted()) return;
      this.#status = status;
      status.addEventListener('change', this.#onChange);
    } catch {
      this.#status = undefined;
    }
  }

  unwatch(): void {
    this.#status?.removeEventListener('change', this.#onChange);
    this.#status = undefined;
  }
}
