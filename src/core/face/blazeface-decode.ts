// Decoding BlazeFace's raw output (one row per anchor: score logit, box centre offset and size, six keypoint
// offsets, all in input pixels relative to the anchor centre) into face detections, then merging overlapping
// detections by weighted non-maximum suppression, as MediaPipe does: the merged box and keypoints are the
// score-weighted mean of the overlapping candidates, which is steadier frame to frame than keeping one of them.

export interface Detection {
  /** Box in input pixels: left, top, width, height. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly score: number;
  /** Right eye, left eye (from the subject's point of view), nose tip, mouth centre, right ear, left ear. */
  readonly keypoints: readonly { readonly x: number; readonly y: number }[];
}

/** Anchor centres in input pixels. Two anchors per cell at stride size/16, six at size/8 (BlazeFace layout). */
export function blazeFaceAnchors(inputSize: number): Float32Array {
  const layout = [
    { stride: inputSize / 16, perCell: 2 },
    { stride: inputSize / 8, perCell: 6 },
  ];
  const out: number[] = [];
  for (const { stride, perCell } of layout) {
    const cells = inputSize / stride;
    for (let y = 0; y < cells; y++) {
      for (let x = 0; x < cells; x++) {
        for (let a = 0; a < perCell; a++) out.push((x + 0.5) * stride, (y + 0.5) * stride);
      }
    }
  }
  return new Float32Array(out);
}

export const BLAZEFACE_ROW = 17;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, x))));

export function iou(a: Detection, b: Detection): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Candidate detections above `minScore` from raw rows (N x 17) and anchors (N x 2). */
export function decodeCandidates(raw: Float32Array, anchors: Float32Array, minScore: number): Detection[] {
  const n = anchors.length / 2;
  const out: Detection[] = [];
  for (let i = 0; i < n; i++) {
    const r = i * BLAZEFACE_ROW;
    const score = sigmoid(raw[r] as number);
    if (score < minScore) continue;
    const ax = anchors[2 * i] as number;
    const ay = anchors[2 * i + 1] as number;
    const cx = ax + (raw[r + 1] as number);
    const cy = ay + (raw[r + 2] as number);
    const w = raw[r + 3] as number;
    const h = raw[r + 4] as number;
    const keypoints = [];
    for (let k = 0; k < 6; k++)
      keypoints.push({ x: ax + (raw[r + 5 + 2 * k] as number), y: ay + (raw[r + 6 + 2 * k] as number) });
    out.push({ x: cx - w / 2, y: cy - h / 2, width: w, height: h, score, keypoints });
  }
  return out;
}

/** Weighted non-maximum suppression. */
export function weightedNms(candidates: readonly Detection[], iouThreshold: number, maxFaces: number): Detection[] {
  const remaining = [...candidates].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  while (remaining.length && kept.length < maxFaces) {
    const best = remaining[0] as Detection;
    const group = remaining.filter((d) => iou(best, d) >= iouThreshold);
    const rest = remaining.filter((d) => iou(best, d) < iouThreshold);
    const total = group.reduce((s, d) => s + d.score, 0);
    const avg = (f: (d: Detection) => number) => group.reduce((s, d) => s + f(d) * d.score, 0) / total;
    kept.push({
      x: avg((d) => d.x),
      y: avg((d) => d.y),
      width: avg((d) => d.width),
      height: avg((d) => d.height),
      score: best.score,
      keypoints: best.keypoints.map((_, k) => ({
        x: avg((d) => d.keypoints[k]?.x ?? 0),
        y: avg((d) => d.keypoints[k]?.y ?? 0),
      })),
    });
    remaining.length = 0;
    remaining.push(...rest);
  }
  return kept;
}
