// A camera frame shrunk to a 32x24 grey thumbnail, for the idle counter to see whether anything changed in front
// of the camera (core/counter/idle-pacing.ts). The browser does the shrinking (drawImage averages while it
// scales); reading back 768 pixels costs well under a millisecond.
export const THUMBNAIL_WIDTH = 32;
export const THUMBNAIL_HEIGHT = 24;

let context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null | undefined;

function thumbnailContext(): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null {
  if (context !== undefined) return context;
  if (typeof OffscreenCanvas === 'function') {
    context = new OffscreenCanvas(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT).getContext('2d', { willReadFrequently: true });
  } else if (typeof document !== 'undefined') {
    const canvas = document.createElement('canvas');
    canvas.width = THUMBNAIL_WIDTH;
    canvas.height = THUMBNAIL_HEIGHT;
    context = canvas.getContext('2d', { willReadFrequently: true });
  } else context = null;
  return context;
}

/** The frame as THUMBNAIL_WIDTH x THUMBNAIL_HEIGHT grey levels; undefined when it cannot be read. */
export function frameThumbnail(frame: CanvasImageSource): Uint8Array | undefined {
  const ctx = thumbnailContext();
  if (!ctx) return undefined;
  try {
    ctx.drawImage(frame, 0, 0, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
    const rgba = ctx.getImageData(0, 0, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT).data;
    const grey = new Uint8Array(THUMBNAIL_WIDTH * THUMBNAIL_HEIGHT);
    for (let i = 0; i < grey.length; i++)
      grey[i] =
        ((rgba[4 * i] as number) * 77 + (rgba[4 * i + 1] as number) * 150 + (rgba[4 * i + 2] as number) * 29) >> 8;
    return grey;
  } catch {
    return undefined; // a closed or detached bitmap
  }
}
