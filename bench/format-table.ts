import type { BenchRow } from "./bench-row.js";

/** The rows as a Markdown table (docs/PERFORMANCE.md holds the same). */
export function formatTable(rows: readonly BenchRow[]): string {
  const lines = [
    "| scenario | figure | value | target | met |",
    "|---|---|---:|---|:-:|",
    ...rows.map((row) => `| ${row.scenario} | ${row.figure} | ${formatValue(row.value)} ${row.unit} | ${row.target} | ${row.met ? "yes" : "**no**"} |`),
  ];
  return lines.join("\n");
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toLocaleString("en-US", { maximumSignificantDigits: 3 });
}
