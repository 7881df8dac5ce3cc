// Enrolment from photo files (staff importing members): each photo is analysed by the face engine and must
// pass the same quality checks as a camera capture (liveness aside: staff vouch for a photo they import).
import type { FaceEngineClient } from '../../client/face-engine';
import { type CaptureProblem, PHOTO_RULES, checkCapture, keepTemplate } from '../../core/members/enrolment';

export interface PhotoOutcome {
  readonly name: string;
  readonly accepted: boolean;
  readonly problems: readonly CaptureProblem[] | readonly ['unreadable'];
}

export interface PhotoTemplates {
  readonly templates: Float32Array[];
  readonly outcomes: PhotoOutcome[];
}

/** Decodes an image file; undefined when it is not an image the browser can read. */
export async function decodeImage(file: Blob): Promise<ImageBitmap | undefined> {
  try {
    return await createImageBitmap(file);
  } catch {
    return undefined;
  }
}

export async function templatesFromPhotos(
  engine: FaceEngineClient,
  photos: readonly { name: string; image: Blob }[],
): Promise<PhotoTemplates> {
  const templates: Float32Array[] = [];
  const outcomes: PhotoOutcome[] = [];
  for (const photo of photos) {
    const bitmap = await decodeImage(photo.image);
    if (!bitmap) {
      outcomes.push({ name: photo.name, accepted: false, problems: ['unreadable'] });
      continue;
    }
    const result = await engine.analyze(bitmap, { embedding: true, maxFaces: 3 });
    const check = checkCapture(result.faces, { requireLive: false, allowDominantFace: true, rules: PHOTO_RULES });
    const accepted = check.ok && check.face?.embedding !== undefined && keepTemplate(templates, check.face.embedding);
    outcomes.push({ name: photo.name, accepted, problems: check.problems });
  }
  return { templates, outcomes };
}
