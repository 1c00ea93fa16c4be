import { DateTime } from "luxon";
import { validateConfig } from "../../src/config/parse-config.js";
import { shareParts } from "../../src/config/share-parts.js";
import { scheduleSpec } from "../../src/config/schedule-spec.js";
import type { SeriesConfig } from "../../src/config/schema.js";
import { nextDue } from "../../src/core/schedule.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import { cpuTime, median } from "../stats.js";
import { size } from "../bench-size.js";

/** What one child process measured for one number of series. */
export interface ScaleResult {
  series: number;
  installations: number;
  loadCpuMs: number;
  startupTickCpuMs: number;
  idleTickCpuMs: number;
  /** The same idle tick, on a scheduler with no series: the baseline. */
  emptyTickCpuMs: number;
  dueTickCpuMs: number;
  dueTickSeries: number;
  rssMb: number;
  peakRssMb: number;
  rssBeforeMb: number;
  heapMb: number;
}

const INSTALLATIONS = 1_000;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "Europe/London", "Pacific/Auckland"];
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
// A few thousand distinct series settings; each repo gets its own validated copy, as if it had its own file.
const VARIANTS = 3_000;
const START = DateTime.fromISO("2026-03-02T00:00:00Z");
const IDLE_TICKS = size(10_000, 100);
const DUE_TICKS = 5;

/**
 * Scenario 5, one size, in its own process (so resident memory is this size's alone): `count`
 * series, one per repo, across 1,000 installations, configs already cached; the Scheduler class
 * driven directly with a stub run. Prints a ScaleResult as JSON.
 */
async function main(count: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBefore = process.memoryUsage().rss;

  // Validated once per variant; each repo then gets its own series object, with its own name, as
  // validateConfig returns it for that repo's file (nested parts shared, see shareParts).
  const variants = Array.from({ length: VARIANTS }, (_, i) => validateConfig({ series: [rawSeries(i)] }, ".github/meeting-bot.yml").series[0] as SeriesConfig);
  let nowMs = START.toMillis();
  const now = () => DateTime.fromMillis(nowMs, { zone: "utc" });
  const scheduler = new Scheduler({ now, run: async () => {}, log: { info() {}, warn() {}, error() {}, debug() {} } });

  const emptyTickCpuMs = await idleTick(scheduler);

  const configs: SeriesConfig[][] = [];
  for (let i = 0; i < count; i++) configs.push([shareParts({ ...(variants[i % VARIANTS] as SeriesConfig), name: `Team ${i} meeting` })]);
  const loadCpuMs = await cpuTime(() => {
    for (let i = 0; i < count; i++) {
      const installation = (i % INSTALLATIONS) + 1;
      scheduler.setRepo(installation, { owner: `org-${installation}`, repo: `repo-${i}` }, configs[i] as SeriesConfig[]);
    }
  });

  // Every series is checked once when its repo is loaded (catch-up after downtime).
  const startupTickCpuMs = await cpuTime(() => scheduler.tick());

  // Where the series now wait: their next creation times (the scheduler's own computation), from a
  // sample; the ticks below report how many were actually due.
  const dueTimes = configs
    .filter((_, i) => Math.imul(i + 1, 2_654_435_761) >>> 28 < 2) // ~12 %, spread over every variant
    .map((series) => nextDue(scheduleSpec(series[0] as SeriesConfig), now()).createAt.toMillis())
    .sort((a, b) => a - b);

  // Idle: just before the earliest creation time, nothing is due.
  nowMs = (dueTimes[0] as number) - 1;
  const idleTickCpuMs = await idleTick(scheduler);

  // 1 % due: move the clock to successive percentiles of the creation times.
  const due: number[] = [];
  const dueCounts: number[] = [];
  for (let slice = 1; slice <= DUE_TICKS; slice++) {
    nowMs = dueTimes[Math.floor((slice * dueTimes.length) / 100) - 1] as number;
    let checked = 0;
    due.push(await cpuTime(async () => { checked = (await scheduler.tick()).checked; }));
    dueCounts.push(checked);
  }

  // Resident memory once the process settles: V8 returns pages freed by collections after a while.
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const memory = process.memoryUsage();
  const result: ScaleResult = {
    series: scheduler.size,
    installations: INSTALLATIONS,
    loadCpuMs,
    startupTickCpuMs,
    idleTickCpuMs,
    emptyTickCpuMs,
    dueTickCpuMs: median(due),
    dueTickSeries: median(dueCounts),
    rssMb: memory.rss / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb: rssBefore / 2 ** 20,
    heapMb: memory.heapUsed / 2 ** 20,
  };
  // The configs and the scheduler stay alive until memory is measured: they are what is measured.
  if (configs.length !== count || scheduler.size !== count) throw new Error("lost series");
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** CPU time of one tick with nothing due: the median of 5 batches of IDLE_TICKS. */
async function idleTick(scheduler: Scheduler): Promise<number> {
  const batches: number[] = [];
  for (let round = 0; round < 5; round++) {
    batches.push(
      (await cpuTime(async () => {
        for (let i = 0; i < IDLE_TICKS; i++) await scheduler.tick();
      })) / IDLE_TICKS,
    );
  }
  return median(batches);
}

/** A config entry as a repo would write it: varied weekdays, times, zones, periods and creation rules. */
function rawSeries(i: number): Record<string, unknown> {
  return {
    id: "weekly",
    name: `Team ${i} meeting`,
    template: ".github/ISSUE_TEMPLATE/meeting.md",
    labels: ["meeting"],
    schedule: {
      weekday: WEEKDAYS[i % 7],
      time: `${String(Math.floor(i / 7) % 24).padStart(2, "0")}:${String(((i * 13) % 4) * 15).padStart(2, "0")}`,
      timezone: ZONES[i % ZONES.length],
      duration: [30, 45, 60, 90][i % 4],
      every: i % 5 === 0 ? 2 : 1,
      // Holidays on the meeting weekday (2026-12-21 is a Monday), for weekly series.
      skip: i % 3 === 0 && i % 5 !== 0 ? [isoDay(Date.UTC(2026, 11, 21 + (i % 7))), isoDay(Date.UTC(2026, 11, 28 + (i % 7)))] : [],
    },
    ...(i % 4 === 0 ? { creation: { daysBefore: 2, time: "09:00" } } : {}),
    timezones: [ZONES[(i + 1) % ZONES.length], ZONES[(i + 2) % ZONES.length]],
    carryOver: ["Action Items", "Open Discussion"],
    roles: { moderator: ["alice", "bob", "carol"], notetaker: ["dave", "erin"] },
    location: { default: "Zoom", rules: [{ when: "first-of-month", location: "In person" }] },
  };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

main(Number(process.argv[2])).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
