import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { limitConcurrency } from "../../src/scheduler/limit-concurrency.js";
import { atMost, info, type BenchRow } from "../bench-row.js";
import { median, round } from "../stats.js";
import type { ScaleResult } from "./scheduler-scale-child.js";
import { size } from "../bench-size.js";

const SCENARIO = "5. Scheduler scale, 1,000 installations";
const CHILD = fileURLToPath(new URL("./scheduler-scale-child.js", import.meta.url));
const RUNS = size(3, 1);

/**
 * Scenario 5: each size measured in fresh child processes (so resident memory is that size's
 * alone), RUNS times; medians. Idle tick (nothing due; baseline: the same tick of an empty
 * scheduler) and a tick with 1 % due, in CPU time, and resident memory after loading, checking
 * and ticking every series. See scheduler-scale-child.ts for what one child does.
 */
export async function schedulerScale(log: (line: string) => void): Promise<BenchRow[]> {
  // Two children at a time (this machine has two cores); each measures its own CPU time.
  const pool = limitConcurrency(2);
  const [small, large] = await Promise.all([measure(size(10_000, 1_000), pool, log), measure(size(100_000, 10_000), pool, log)]);
  const perDue = (result: ScaleResult) => (result.dueTickCpuMs * 1000) / result.dueTickSeries;
  const rows: BenchRow[] = [];
  for (const result of [small, large]) {
    const size = `${(result.series / 1000).toLocaleString("en-US")}k series`;
    rows.push(
      atMost(SCENARIO, `${size}: idle tick (nothing due), CPU`, round(result.idleTickCpuMs), "ms", 5, "< 5 ms"),
      info(SCENARIO, `${size}: idle tick ÷ idle tick of an empty scheduler`, round(result.idleTickCpuMs / result.emptyTickCpuMs), "×", "(reference: 1 = independent of series installed)"),
      info(SCENARIO, `${size}: tick with 1 % due (${result.dueTickSeries} series), CPU`, round(result.dueTickCpuMs), "ms"),
      info(SCENARIO, `${size}: per due series`, round(perDue(result)), "µs"),
      info(SCENARIO, `${size}: start-up (load + first check of every series), CPU`, round(result.loadCpuMs + result.startupTickCpuMs), "ms"),
      atMost(SCENARIO, `${size}: resident memory (settled)`, round(result.rssMb), "MB", 300, "< 300 MB"),
      info(SCENARIO, `${size}: resident memory, peak while loading`, round(result.peakRssMb), "MB"),
    );
  }
  rows.push(atMost(SCENARIO, `per due series, ${large.series / 1000}k ÷ ${small.series / 1000}k series`, round(perDue(large) / perDue(small)), "×", 2, "≈ 1 (≤ 2): grows with due, not installed"));
  return rows;
}

async function measure(series: number, pool: <T>(task: () => Promise<T>) => Promise<T>, log: (line: string) => void): Promise<ScaleResult> {
  const child = () => promisify(execFile)(process.execPath, ["--expose-gc", CHILD, String(series)], { maxBuffer: 1 << 20 });
  const outputs = await Promise.all(Array.from({ length: RUNS }, () => pool(child)));
  const runs = outputs.map(({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as ScaleResult);
  const pick = (field: keyof ScaleResult) => median(runs.map((run) => run[field]));
  const result: ScaleResult = {
    series,
    installations: runs[0]?.installations ?? 0,
    loadCpuMs: pick("loadCpuMs"),
    startupTickCpuMs: pick("startupTickCpuMs"),
    idleTickCpuMs: pick("idleTickCpuMs"),
    emptyTickCpuMs: pick("emptyTickCpuMs"),
    dueTickCpuMs: pick("dueTickCpuMs"),
    dueTickSeries: pick("dueTickSeries"),
    rssMb: pick("rssMb"),
    peakRssMb: pick("peakRssMb"),
    rssBeforeMb: pick("rssBeforeMb"),
    heapMb: pick("heapMb"),
  };
  log(`${series} series: ${JSON.stringify(Object.fromEntries(Object.entries(result).map(([key, value]) => [key, round(value)])))}`);
  return result;
}
