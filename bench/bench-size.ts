/**
 * `npm run bench -- --smoke` (BENCH_SMOKE=1, set before the scenarios load): every scenario runs
 * end to end on a small size, so CI notices a broken benchmark within a minute. Its figures are
 * not judged: small sizes and a busy CI machine say nothing about the targets.
 */
export const SMOKE = process.env.BENCH_SMOKE === "1";

/** `full` for the real benchmark, `smoke` for the smoke run. */
export function size<T>(full: T, smoke: T): T {
  return SMOKE ? smoke : full;
}
