/** Small statistics for noisy measurements: medians, percentiles, rounding for the table. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0…100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Round to `digits` significant digits, so the JSON reads like the table. */
export function round(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

/** Milliseconds of wall time since `start` (a `performance.now()` reading). */
export function since(start: number): number {
  return performance.now() - start;
}

/** CPU time (user + system, ms) spent by `work`. */
export async function cpuTime(work: () => Promise<unknown> | unknown): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Collect garbage now when the process allows it (`npm run bench` passes --expose-gc), so one measurement's garbage is not collected during the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
