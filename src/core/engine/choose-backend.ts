// Which TF.js backend runs the face models is decided by measurement, not by availability: a "WebGPU" that is
// really a software rasteriser (SwiftShader, a fallback adapter) can be 50x slower than wasm, while a real tablet
// GPU is much faster. Each candidate runs the real models on a synthetic frame; the fastest sound one wins.

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What the user asked for in Settings: 'auto' = measure, or force one backend. */
export type BackendPreference = 'auto' | BackendName;

export interface BackendTrial {
  readonly name: BackendName;
  /** The backend initialised and ran the models correctly. */
  readonly ok: boolean;
  readonly error?: string;
  /** The adapter or renderer is a software implementation. */
  readonly software?: boolean;
  /** First run, including shader compilation / wasm start-up. */
  readonly warmupMs?: number;
  /** Median of the timed runs after warm-up. */
  readonly medianMs?: number;
  /** The trial was stopped early because it was already far slower than the best so far. */
  readonly abandoned?: boolean;
}

/** The order in which candidates are tried: a forced backend first, the rest as fallbacks. */
export function candidateOrder(preference: BackendPreference, exclude: readonly BackendName[] = []): BackendName[] {
  const all = preference === 'auto' ? [...BACKENDS] : [preference, ...BACKENDS.filter((b) => b !== preference)];
  return all.filter((b) => !exclude.includes(b));
}

/**
 * Picks the backend to use. A forced preference wins when it works; otherwise the fastest successful trial.
 * `cpu` (plain JavaScript) is only a last resort: it is never faster than wasm for these models.
 */
export function chooseBackend(
  trials: readonly BackendTrial[],
  preference: BackendPreference = 'auto',
): BackendName | undefined {
  const sound = trials.filter((t) => t.ok && t.medianMs !== undefined && !t.abandoned);
  if (preference !== 'auto' && sound.some((t) => t.name === preference)) return preference;
  const ranked = [...sound].sort((a, b) => (a.medianMs ?? Infinity) - (b.medianMs ?? Infinity));
  return ranked.find((t) => t.name !== 'cpu')?.name ?? ranked[0]?.name;
}

/** Stop timing a candidate once it is this many times slower than the best finished trial. */
export const ABANDON_FACTOR = 3;
/** A GPU backend whose first run (shader compilation included) takes longer than this is not worth waiting for. */
export const WARMUP_BUDGET_MS = 8000;

/**
 * Whether to stop timing a candidate: its first run blew the warm-up budget, or a run was far behind the best
 * trial so far. Never for the backend staff forced in Settings: slow is their choice to make, and abandoning it
 * would leave the engine with no backend at all (the forced one is tried alone while it works).
 */
export function shouldAbandon(
  run: { readonly ms: number; readonly warmup: boolean },
  bestMedianMs: number | undefined,
  forced = false,
): boolean {
  if (forced) return false;
  if (run.warmup && run.ms > WARMUP_BUDGET_MS) return true;
  return bestMedianMs !== undefined && run.ms > ABANDON_FACTOR * bestMedianMs;
}

export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}
