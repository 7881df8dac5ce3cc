// Enrolment from photo files (staff importing members): each photo is analysed by the face engine and must
// pass the same quality checks as a camera capture (liveness aside: staff vouch for a photo they import).
// Files are hostile until proven otherwise: a picture's size is read from its header before it is decoded, so a
// "decompression bomb" (a small file declaring a gigantic picture) is refused instead of exhausting the tablet's
// memory, and big camera photos are decoded straight to a working size.
import { imageSize } from 'image-size';
import type { FaceEngineClient } from '../../client/face-engine';
import {
  type CaptureProblem,
  MAX_TEMPLATES,
  PHOTO_RULES,
  checkCapture,
  keepTemplate,
} from '../../core/members/enrolment';

/**
 * Why a file was not used: before any face could be looked for, or because its face adds nothing (the same
 * picture as one already used, or enough templates already).
 */
export type PhotoFileProblem = 'unreadable' | 'too-large' | 'failed' | 'same-as-another' | 'enough-already';

export interface PhotoOutcome {
  readonly name: string;
  readonly accepted: boolean;
  readonly problems: readonly CaptureProblem[] | readonly [PhotoFileProblem];
}

/** Larger than any phone or camera photo staff would import. */
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;
/** 50 megapixels: decoded, about 200 MB of memory. */
export const MAX_PHOTO_PIXELS = 50_000_000;
/** Pictures are decoded to at most this many pixels on the long side: plenty for a face, cheap to transfer. */
export const WORKING_SIDE = 2048;

export interface PhotoTemplates {
  readonly templates: Float32Array[];
  readonly outcomes: PhotoOutcome[];
}

/** Decodes an image file; undefined when it is not an image the browser can read. */
export async function decodeImage(file: Blob, resizeWidth?: number): Promise<ImageBitmap | undefined> {
  try {
    // Only the width is given, so the browser keeps the aspect ratio (whatever the EXIF orientation).
    return await createImageBitmap(file, resizeWidth ? { resizeWidth, resizeQuality: 'high' } : {});
  } catch {
    return undefined;
  }
}

/** Width and height declared in the file's header, or undefined if the format is not one the reader knows. */
export function declaredSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  try {
    const { width, height } = imageSize(bytes);
    return width > 0 && height > 0 ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

/** Decides, from the file's size and header alone, whether and at what width to decode it. */
export function photoPlan(
  bytes: number,
  size: { width: number; height: number } | undefined,
): { problem: PhotoFileProblem } | { resizeWidth: number | undefined } {
  if (bytes === 0) return { problem: 'unreadable' };
  if (bytes > MAX_PHOTO_BYTES) return { problem: 'too-large' };
  if (!size) return { resizeWidth: undefined }; // let the browser try; it refuses what it cannot read
  if (size.width * size.height > MAX_PHOTO_PIXELS) return { problem: 'too-large' };
  const long = Math.max(size.width, size.height);
  return { resizeWidth: long > WORKING_SIDE ? Math.round((size.width * WORKING_SIDE) / long) : undefined };
}

async function photoBitmap(image: Blob): Promise<ImageBitmap | PhotoFileProblem> {
  const header = image.size <= MAX_PHOTO_BYTES ? new Uint8Array(await image.arrayBuffer()) : undefined;
  const plan = photoPlan(image.size, header ? declaredSize(header) : undefined);
  if ('problem' in plan) return plan.problem;
  return (await decodeImage(image, plan.resizeWidth)) ?? 'unreadable';
}

export async function templatesFromPhotos(
  engine: FaceEngineClient,
  photos: readonly { name: string; image: Blob }[],
): Promise<PhotoTemplates> {
  const templates: Float32Array[] = [];
  const outcomes: PhotoOutcome[] = [];
  for (const photo of photos) {
    const bitmap = await photoBitmap(photo.image);
    if (typeof bitmap === 'string') {
      outcomes.push({ name: photo.name, accepted: false, problems: [bitmap] });
      continue;
    }
    let result;
    try {
      // Kept in the queue: the counter, running on, must not push a chosen photo out.
      result = await engine.analyze(bitmap, { embedding: true, maxFaces: 3 }, undefined, { keep: true });
    } catch (err) {
      // The engine failed on this one picture (or restarted): say so and go on with the others.
      console.warn('The face engine could not analyse a photo:', err instanceof Error ? err.message : String(err));
      outcomes.push({ name: photo.name, accepted: false, problems: ['failed'] });
      continue;
    }
    const check = checkCapture(result.faces, { requireLive: false, allowDominantFace: true, rules: PHOTO_RULES });
    const embedding = check.ok ? check.face?.embedding : undefined;
    if (!embedding) {
      outcomes.push({ name: photo.name, accepted: false, problems: check.problems });
      continue;
    }
    const full = templates.length >= MAX_TEMPLATES;
    const accepted = keepTemplate(templates, embedding);
    outcomes.push({
      name: photo.name,
      accepted,
      problems: accepted ? [] : [full ? 'enough-already' : 'same-as-another'],
    });
  }
  return { templates, outcomes };
}
