import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { BenchRow } from "./bench-row.js";
import { formatTable } from "./format-table.js";

type Scenario = (log: (line: string) => void) => Promise<BenchRow[]>;

/** In the order of issue #6 (and #10's reconcile). Loaded after `--smoke` set the sizes. */
async function scenarios(): Promise<ReadonlyArray<[name: string, run: Scenario]>> {
  return [
    ["api-calls", (await import("./scenarios/api-calls.js")).apiCalls],
    ["coalescing", (await import("./scenarios/coalescing.js")).coalescing],
    ["on-time", (await import("./scenarios/on-time.js")).onTime],
    ["scheduler-scale", (await import("./scenarios/scheduler-scale.js")).schedulerScale],
    ["parser-cost", (await import("./scenarios/parser-cost.js")).parserCost],
    ["webhook-throughput", (await import("./scenarios/webhook-throughput.js")).webhookThroughput],
    ["reconcile", (await import("./scenarios/reconcile.js")).reconcileScenario],
  ];
}
const NAMES = ["api-calls", "coalescing", "on-time", "scheduler-scale", "parser-cost", "webhook-throughput", "reconcile"];

const RESULTS = new URL("../../bench/results.json", import.meta.url);

/**
 * `npm run bench`: run every scenario, print the table, write bench/results.json.
 * `npm run bench -- api-calls parser-cost` runs only those (and writes bench/results.local.json instead).
 * `npm run bench -- --smoke`: every scenario on a small size, in under a minute, targets not judged,
 * nothing written (CI runs it, so the benchmark cannot break unnoticed).
 */
export async function runBench(argv: readonly string[]): Promise<number> {
  const smoke = argv.includes("--smoke");
  const flags = argv.filter((arg) => arg.startsWith("-") && arg !== "--smoke");
  if (flags.length > 0) {
    process.stderr.write(`unknown option ${flags.join(", ")}; usage: npm run bench [-- --smoke] [scenario …]\n`);
    return 2;
  }
  // Before the scenarios load: they read their sizes from it (bench-size.ts), the scheduler-scale child too.
  if (smoke) process.env.BENCH_SMOKE = "1";
  const SCENARIOS = await scenarios();
  const wanted = argv.filter((arg) => !arg.startsWith("-"));
  const unknown = wanted.filter((name) => !NAMES.includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown scenario ${unknown.join(", ")}; the scenarios are ${NAMES.join(", ")}\n`);
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
  if (smoke) {
    process.stdout.write(`\nsmoke run: ${rows.length} figures from ${SCENARIOS.length} scenarios, targets not judged; ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    return 0;
  }
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
