/** One line of the results table, and of bench/results.json (a committed contract: keep the shape). */
export interface BenchRow {
  scenario: string;
  figure: string;
  value: number;
  unit: string;
  /** The target as a sentence ("≤ 4", "< 5 ms"), or "baseline" for reference figures. */
  target: string;
  met: boolean;
}

/** A row whose target is "at most `limit`". */
export function atMost(scenario: string, figure: string, value: number, unit: string, limit: number, target = `≤ ${limit}`): BenchRow {
  return { scenario, figure, value, unit, target, met: value <= limit };
}

/** A row whose target is "at least `limit`". */
export function atLeast(scenario: string, figure: string, value: number, unit: string, limit: number, target = `≥ ${limit}`): BenchRow {
  return { scenario, figure, value, unit, target, met: value >= limit };
}

/** A reference figure (a baseline, or context for another row): nothing to meet. */
export function info(scenario: string, figure: string, value: number, unit: string, target = "(reference)"): BenchRow {
  return { scenario, figure, value, unit, target, met: true };
}
