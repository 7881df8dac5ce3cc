// Open-set identification metrics. Probes are images of enrolled people, unknowns of people never enrolled.
// - DIR (detection and identification rate) at a threshold: share of probes whose top match is the right
//   person and scores at least the threshold.
// - FPIR (false positive identification rate): share of unknowns whose top match scores at least the threshold.

export interface ProbeOutcome {
  readonly truth: string;
  /** Top-ranked identity and its score; undefined when no face was found (counts as a miss). */
  readonly top: string | undefined;
  readonly topScore: number | undefined;
}

export interface UnknownOutcome {
  readonly topScore: number | undefined;
}

/** The threshold at which `fpir` of the unknowns are (falsely) identified, and the DIR there. */
export function dirAtFpir(
  probes: readonly ProbeOutcome[],
  unknowns: readonly UnknownOutcome[],
  fpir: number,
): { dir: number; threshold: number } {
  const scores = unknowns.map((u) => u.topScore ?? -Infinity).sort((a, b) => b - a);
  const allowed = Math.floor(fpir * scores.length);
  const edge = scores[allowed] ?? -Infinity;
  const threshold = Number.isFinite(edge) ? edge + 1e-9 : -Infinity;
  const hits = probes.filter((p) => p.topScore !== undefined && p.topScore >= threshold && p.top === p.truth).length;
  return { dir: probes.length ? hits / probes.length : NaN, threshold };
}
