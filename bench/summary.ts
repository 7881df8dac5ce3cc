// Median and 95th percentile of a benchmark's samples (nearest rank), rounded to `places` decimals: the shape
// every bench/*.bench.ts figure is reported in.
export function summary(xs: readonly number[], places = 1): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  const round = (x: number) => Math.round(x * 10 ** places) / 10 ** places;
  return { median: round(at(0.5)), p95: round(at(0.95)) };
}
