// How long tests wait before giving up. Waits are for events (a frame analysed, a text shown), never for clock
// time; these limits only bound how long a broken build takes to fail. `npm run test:slow` runs the suite on a
// slowed-down machine and stretches every limit by E2E_PATIENCE.
export const PATIENCE = Math.max(1, Number(process.env.E2E_PATIENCE ?? 1));

/** `ms` milliseconds, stretched on a slowed-down machine. */
export function patience(ms: number): number {
  return ms * PATIENCE;
}
