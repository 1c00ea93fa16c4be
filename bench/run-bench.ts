import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { BenchRow } from "./bench-row.js";
import { formatTable } from "./format-table.js";
import { apiCalls } from "./scenarios/api-calls.js";
import { coalescing } from "./scenarios/coalescing.js";
import { onTime } from "./scenarios/on-time.js";
import { parserCost } from "./scenarios/parser-cost.js";
import { reconcileScenario } from "./scenarios/reconcile.js";
import { schedulerScale } from "./scenarios/scheduler-scale.js";
import { webhookThroughput } from "./scenarios/webhook-throughput.js";

type Scenario = (log: (line: string) => void) => Promise<BenchRow[]>;

/** In the order of issue #6. */
const SCENARIOS: ReadonlyArray<[name: string, run: Scenario]> = [
  ["api-calls", apiCalls],
  ["coalescing", coalescing],
  ["on-time", onTime],
  ["scheduler-scale", schedulerScale],
  ["parser-cost", parserCost],
  ["webhook-throughput", webhookThroughput],
  ["reconcile", reconcileScenario],
];

const RESULTS = new URL("../../bench/results.json", import.meta.url);

/**
 * `npm run bench`: run every scenario, print the table, write bench/results.json.
 * `npm run bench -- api-calls parser-cost` runs only those (and writes bench/results.local.json instead).
 */
export async function runBench(argv: readonly string[]): Promise<number> {
  const wanted = argv.filter((arg) => !arg.startsWith("-"));
  const unknown = wanted.filter((name) => !SCENARIOS.some(([known]) => known === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown scenario ${unknown.join(", ")}; the scenarios are ${SCENARIOS.map(([name]) => name).join(", ")}\n`);
    return 2;
  }
  const started = performance.now();
  const rows: BenchRow[] = [];
  for (const [name, run] of SCENARIOS) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const at = performance.now();
    process.stderr.write(`▶ ${name}\n`);
    rows.push(...(await run((line) => process.stderr.write(`  ${line}\n`))));
    process.stderr.write(`  (${((performance.now() - at) / 1000).toFixed(1)} s)\n`);
  }
  process.stdout.write(`${formatTable(rows)}\n`);
  const target = wanted.length > 0 ? new URL("results.local.json", RESULTS) : RESULTS;
  writeFileSync(target, `${JSON.stringify(rows, null, 2)}\n`);
  const missed = rows.filter((row) => !row.met).length;
  process.stdout.write(
    `\n${rows.length} figures, ${missed === 0 ? "every target met" : `${missed} target(s) missed`}; ${((performance.now() - started) / 1000).toFixed(0)} s. Written to ${target.pathname}\n`,
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runBench(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`npm run bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
