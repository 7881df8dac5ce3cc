// Who has the camera when two views want it. The counter's camera runs all day, also while staff are on another
// screen; when another view opens a camera (the enrolment wizard's), the counter's gives way until that one is
// off again: tablets (iPad Safari above all) let only one page stream capture at a time, and the person being
// enrolled is not a visit. A view that yields is stopped while any view that does not yield is live, and started
// again afterwards.

export interface YieldingCamera {
  readonly state: string;
  start(): Promise<void>;
  stop(): void;
}

interface Yielding {
  readonly camera: YieldingCamera;
  /** Stopped to give way: started again when the camera is free. */
  gaveWay: boolean;
}

const yielding = new Set<Yielding>();
const claiming = new Set<object>();

/** `connecting`: the view is about to start by itself (autostart), so it counts as running. */
function giveWay(y: Yielding, paused: boolean, connecting = false): void {
  const running = y.camera.state === 'live' || y.camera.state === 'starting';
  if (paused) {
    // A camera staff switched off stays off afterwards.
    if (!running && !connecting) return;
    y.gaveWay = true;
    if (running) y.camera.stop();
  } else if (y.gaveWay) {
    y.gaveWay = false;
    void y.camera.start();
  }
}

/**
 * `camera` gives way from now on (at once if another view has the camera). Returns whether it is giving way
 * now (so it does not start by itself) and how to stop yielding.
 */
export function yieldCamera(camera: YieldingCamera): { readonly paused: () => boolean; readonly release: () => void } {
  const y: Yielding = { camera, gaveWay: false };
  yielding.add(y);
  giveWay(y, claiming.size > 0, true);
  return { paused: () => y.gaveWay, release: () => yielding.delete(y) };
}

/** A view that does not yield is live or starting (`live` true), or is not any more. */
export function claimCamera(view: object, live: boolean): void {
  const before = claiming.size > 0;
  if (live) claiming.add(view);
  else claiming.delete(view);
  const after = claiming.size > 0;
  if (before !== after) for (const y of yielding) giveWay(y, after);
}
