import type { DateTime } from "luxon";
import type { Logger } from "probot";
import type { SeriesConfig } from "../config/schema.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import { dueMeeting, nextDueMeeting } from "../core/meeting-schedule.js";
import { NO_CHANGES, type ScheduleChanges } from "../core/schedule-changes.js";
import type { Occurrence, ScheduleSpec } from "../core/schedule.js";
import { repoName, type RepoRef } from "../github/github-client.js";
import { isRateLimitError, retryAfterSeconds } from "../github/is-transient-error.js";
import { LeaseBusyError } from "../store/lease-busy-error.js";
import { DueQueue } from "./due-queue.js";
import { limitConcurrency } from "./limit-concurrency.js";

/** One series of one repo, as the scheduler tracks it. */
export interface SeriesJob {
  installationId: number;
  ref: RepoRef;
  series: SeriesConfig;
  spec: ScheduleSpec;
  /** Skips and moves recorded by `/meeting` commands, as last read from GitHub. */
  changes: ScheduleChanges;
}

export interface SchedulerOptions {
  now: () => DateTime;
  /** Make sure the issue of `occurrence` exists (ensureMeetingIssue behind a lock). */
  run: (job: SeriesJob, occurrence: Occurrence) => Promise<void>;
  log: Pick<Logger, "info" | "warn" | "error" | "debug">;
  /**
   * How many series are handled at once (default 32). A run mostly waits: Probot spaces an
   * installation's writes 1–3 s apart, so linking and closing the previous issue take seconds,
   * while runs of different installations do not slow each other. With 4, the fifth series due
   * at the same minute waited for four others to finish linking.
   */
  concurrency?: number;
}

export interface TickReport {
  /** Series looked at in this tick. */
  checked: number;
  /** Series whose run failed; each is retried later. */
  failed: number;
}

const MINUTE = 60_000;
const MAX_BACKOFF = 15 * MINUTE;

/**
 * Knows when each series next needs attention and does nothing in between: series sit in a queue
 * ordered by their next creation time, so a tick with nothing due costs one peek.
 *
 * When a series is added (start-up, install, config push) it is checked at once: if an
 * occurrence's creation time passed while the app was down, its issue is created now; only the
 * latest due occurrence, never a burst of stale ones.
 */
export class Scheduler {
  readonly #options: SchedulerOptions;
  readonly #jobs = new Map<string, SeriesJob & { failures: number }>();
  readonly #queue = new DueQueue<string>();
  // Each repo's job keys: replacing one repo's series must not scan every series installed.
  readonly #repoKeys = new Map<string, string[]>();
  readonly #concurrency: number;
  // Shared by overlapping ticks, so at most `concurrency` runs are in flight in all.
  readonly #pool: <T>(task: () => Promise<T>) => Promise<T>;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#concurrency = options.concurrency ?? 32;
    this.#pool = limitConcurrency(this.#concurrency);
  }

  /** Replace a repo's series (after reading its config); each is checked on the next tick. */
  setRepo(installationId: number, ref: RepoRef, series: readonly SeriesConfig[]): void {
    // What GitHub said of a series' skips and moves stays known across a config re-read.
    const previous = new Map((this.#repoKeys.get(repoName(ref)) ?? []).map((key) => [key, this.#jobs.get(key)?.changes]));
    this.removeRepo(ref);
    const now = this.#options.now().toMillis();
    const keys: string[] = [];
    for (const entry of series) {
      const key = jobKey(ref, entry.id);
      const known = previous.get(key) ?? NO_CHANGES;
      this.#jobs.set(key, { installationId, ref, series: entry, spec: scheduleSpec(entry), changes: known, failures: 0 });
      this.#queue.set(key, now);
      keys.push(key);
    }
    if (keys.length > 0) this.#repoKeys.set(repoName(ref), keys);
  }

  /**
   * The skips and moves of one series as just read from GitHub (a run, or a `/meeting` command):
   * due times follow them from now on. With `recheck`, the series is checked at once (a skip
   * taken back may make its meeting due now).
   */
  setChanges(ref: RepoRef, seriesId: string, changes: ScheduleChanges, options: { recheck?: boolean } = {}): void {
    const key = jobKey(ref, seriesId);
    const job = this.#jobs.get(key);
    if (!job) return;
    job.changes = changes;
    if (options.recheck) this.#queue.set(key, this.#options.now().toMillis());
  }

  removeRepo(ref: RepoRef): void {
    const name = repoName(ref);
    for (const key of this.#repoKeys.get(name) ?? []) {
      this.#jobs.delete(key);
      this.#queue.delete(key);
    }
    this.#repoKeys.delete(name);
  }

  /** How many series are scheduled. */
  get size(): number {
    return this.#jobs.size;
  }

  /** When the next series is due (ms since epoch), for sleeping until then; undefined when idle. */
  nextWakeUp(): number | undefined {
    return this.#queue.peekTime();
  }

  /** Handle every series due now; resolves when they are done. */
  async tick(): Promise<TickReport> {
    const now = this.#options.now();
    const keys = this.#queue.popDue(now.toMillis());
    // A few workers take the due series in order, rather than a waiting promise per series: at
    // start-up every series is due, and 100,000 pending promises cost 4× the CPU of the checks.
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++] as string;
        if (!(await this.#pool(() => this.#check(key, now)))) failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, keys.length) }, worker));
    return { checked: keys.length, failed };
  }

  async #check(key: string, now: DateTime): Promise<boolean> {
    const job = this.#jobs.get(key);
    if (!job) return true;
    let occurrence: Occurrence | null = null;
    let next: number;
    try {
      // Inside the try: a schedule that cannot be computed must not take the tick (and other series) down.
      // The run reads the series' issues and may learn of new changes (`setChanges`) before the next due time is taken.
      occurrence = dueMeeting(job.spec, job.changes, now)?.meeting ?? null;
      if (occurrence) await this.#options.run(job, occurrence);
      next = nextDueMeeting(job.spec, job.changes, now).createAt.toMillis();
    } catch (error) {
      job.failures++;
      const delay = this.#retryDelay(job.failures, error, now.toMillis());
      const level = error instanceof LeaseBusyError ? "debug" : "error";
      this.#options.log[level](
        { err: error, repo: repoName(job.ref), series: job.series.id, occurrence: occurrence?.key, retryInSeconds: Math.round(delay / 1000) },
        `could not ensure the meeting issue; retrying in ${Math.round(delay / 1000)} s`,
      );
      if (this.#jobs.get(key) === job) this.#queue.set(key, now.toMillis() + delay);
      return false;
    }
    job.failures = 0;
    // The next creation time is strictly after `now`, so a series never runs twice for one occurrence.
    if (this.#jobs.get(key) === job) this.#queue.set(key, next);
    return true;
  }

  #retryDelay(failures: number, error: unknown, nowMs: number): number {
    const askedFor = isRateLimitError(error) ? retryAfterSeconds(error, nowMs) : undefined;
    if (askedFor !== undefined) return Math.min(askedFor * 1000 + 1000, 2 * MAX_BACKOFF);
    return Math.min(MINUTE * 2 ** (failures - 1), MAX_BACKOFF);
  }
}

function jobKey(ref: RepoRef, seriesId: string): string {
  return `${repoName(ref)}#${seriesId}`;
}
