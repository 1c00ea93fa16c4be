import { describe, expect, it } from "@jest/globals";
import { DateTime } from "luxon";
import { parseConfig } from "../../src/config/parse-config.js";
import type { SeriesConfig } from "../../src/config/schema.js";
import type { Occurrence } from "../../src/core/schedule.js";
import type { RepoRef } from "../../src/github/github-client.js";
import { Scheduler, type SeriesJob } from "../../src/scheduler/scheduler.js";
import { LeaseBusyError } from "../../src/store/lease-busy-error.js";
import { captureLog, LEVEL } from "../helpers/capture-log.js";
import { FakeClock } from "../helpers/fake-clock.js";

// Weekly on Fridays 20:30–21:30 UTC; an issue is created when the meeting before it ends.
const CONFIG = parseConfig(`
series:
  - id: weekly
    title: "Weekly Meeting #{{number}}"
    schedule:
      weekday: friday
      time: "20:30"
      timezone: UTC
  - id: later
    schedule:
      weekday: friday
      time: "20:30"
      anchor: 2030-01-04
`);
const WEEKLY = CONFIG.series[0] as SeriesConfig;
const NOT_YET_BEGUN = CONFIG.series[1] as SeriesConfig;
const [WEEKLY_AT_21] = parseConfig(`
id: weekly
schedule:
  weekday: friday
  time: "21:00"
`).series as [SeriesConfig];

const REPO: RepoRef = { owner: "acme", repo: "meetings" };
// One minute after the 2020-09-11 meeting ended: the 2020-09-18 issue is due.
const START = "2020-09-11T21:31:00Z";
const SECOND = 1000;
const MINUTE = 60 * SECOND;

interface Call {
  job: SeriesJob;
  occurrence: Occurrence;
  at: string;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A scheduler on a fake clock whose `run` records its calls and does what `behave` says. */
function world(options: { concurrency?: number } = {}) {
  const clock = new FakeClock(START);
  const { log, lines } = captureLog("debug");
  const calls: Call[] = [];
  let behave: (call: Call) => Promise<void> = async () => {};
  const scheduler = new Scheduler({
    now: clock.now,
    log,
    run: async (job, occurrence) => {
      const call = { job, occurrence, at: clock.now().toISO() ?? "" };
      calls.push(call);
      await behave(call);
    },
    ...options,
  });
  return {
    clock,
    lines,
    calls,
    scheduler,
    behave: (next: (call: Call) => Promise<void>) => {
      behave = next;
    },
    /** Milliseconds from now until the scheduler next wants to wake up. */
    wakeUpIn: () => {
      const next = scheduler.nextWakeUp();
      return next === undefined ? undefined : next - clock.now().toMillis();
    },
    occurrences: () => calls.map((call) => call.occurrence.key),
  };
}

/** How a run that is in flight ends. */
const OUTCOMES = [
  { outcome: "succeeds", behave: (gate: Deferred) => gate.resolve() },
  { outcome: "fails", behave: (gate: Deferred) => gate.reject(new Error("Server Error")) },
];

const failWith = (error: unknown) => async () => {
  throw error;
};

/** Let pending promise continuations run (no timers). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe("Scheduler", () => {
  describe("catch-up and normal runs", () => {
    it("checks a series added on the next tick, not before", async () => {
      const w = world();
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      expect(w.scheduler.size).toBe(1);
      expect(w.calls).toHaveLength(0);
      expect(w.wakeUpIn()).toBe(0);

      expect(await w.scheduler.tick()).toEqual({ checked: 1, failed: 0 });
      expect(w.calls).toHaveLength(1);
      const [call] = w.calls as [Call];
      expect(call.job).toMatchObject({ installationId: 7, ref: REPO, series: WEEKLY });
      expect(call.job.spec).toMatchObject({ weekday: 5, time: "20:30", timezone: "UTC" });
      expect(call.occurrence.key).toBe("2020-09-18T20:30:00Z");
    });

    it("after long downtime runs only the latest due occurrence, once", async () => {
      const w = world();
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      await w.scheduler.tick();
      w.clock.advance({ days: 5 * 7 });

      expect(await w.scheduler.tick()).toEqual({ checked: 1, failed: 0 });
      // 2020-10-16's meeting has ended, so 2020-10-23's issue is the one due; none in between.
      expect(w.occurrences()).toEqual(["2020-09-18T20:30:00Z", "2020-10-23T20:30:00Z"]);
      await w.scheduler.tick();
      expect(w.calls).toHaveLength(2);
    });

    it("a series added after downtime is caught up with the latest occurrence only", async () => {
      const w = world();
      w.clock.advance({ days: 3 * 7 });
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      await w.scheduler.tick();
      expect(w.occurrences()).toEqual(["2020-10-09T20:30:00Z"]);
    });

    it("after a success does not run again until the next creation time", async () => {
      const w = world();
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      await w.scheduler.tick();
      // The 2020-09-25 issue is due when the 2020-09-18 meeting ends.
      const nextCreation = DateTime.fromISO("2020-09-18T21:30:00Z").toMillis();
      expect(w.scheduler.nextWakeUp()).toBe(nextCreation);

      // Idle ticks, hourly for a week: nothing is due, so run is never called.
      while (w.clock.now().plus({ hours: 1 }).toMillis() < nextCreation) {
        w.clock.advance({ hours: 1 });
        expect(await w.scheduler.tick()).toEqual({ checked: 0, failed: 0 });
      }
      w.clock.set("2020-09-18T21:29:59.999Z");
      expect(await w.scheduler.tick()).toEqual({ checked: 0, failed: 0 });
      expect(w.calls).toHaveLength(1);

      w.clock.set("2020-09-18T21:30:00Z");
      expect(await w.scheduler.tick()).toEqual({ checked: 1, failed: 0 });
      expect(w.occurrences()).toEqual(["2020-09-18T20:30:00Z", "2020-09-25T20:30:00Z"]);
    });

    it("a tick with nothing scheduled does nothing", async () => {
      const w = world();
      expect(await w.scheduler.tick()).toEqual({ checked: 0, failed: 0 });
      expect(w.scheduler.nextWakeUp()).toBeUndefined();
      expect(w.calls).toHaveLength(0);
    });

    it("a series that has not begun is not run, and wakes up for its first issue", async () => {
      const w = world();
      w.scheduler.setRepo(7, REPO, [NOT_YET_BEGUN]);
      expect(await w.scheduler.tick()).toEqual({ checked: 1, failed: 0 });
      expect(w.calls).toHaveLength(0);
      // The first meeting (2030-01-04) gets its issue a week before.
      expect(w.scheduler.nextWakeUp()).toBe(DateTime.fromISO("2029-12-28T20:30:00Z").toMillis());
    });

    it("keeps at most `concurrency` runs going at once", async () => {
      const w = world({ concurrency: 2 });
      const gates: Deferred[] = [];
      let active = 0;
      let maxActive = 0;
      w.behave(async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        active--;
      });
      for (const repo of ["a", "b", "c", "d", "e"]) w.scheduler.setRepo(7, { owner: "acme", repo }, [WEEKLY]);
      const ticking = w.scheduler.tick();
      for (let step = 0; step < 5; step++) {
        await settle();
        gates.shift()?.resolve();
      }
      expect(await ticking).toEqual({ checked: 5, failed: 0 });
      expect(maxActive).toBe(2);
      expect(w.calls).toHaveLength(5);
    });

    it("does not check a series again while its run is in flight", async () => {
      const w = world();
      const gate = deferred();
      w.behave(() => gate.promise);
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      const first = w.scheduler.tick();
      await settle();
      expect(await w.scheduler.tick()).toEqual({ checked: 0, failed: 0 });
      gate.resolve();
      await first;
      expect(w.calls).toHaveLength(1);
    });
  });

  describe("failures", () => {
    it("retries a failing run with doubling backoff capped at 15 minutes, then resets after a success", async () => {
      const w = world();
      w.behave(failWith(Object.assign(new Error("Server Error"), { status: 502 })));
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      expect(await w.scheduler.tick()).toEqual({ checked: 1, failed: 1 });

      for (const minutes of [1, 2, 4, 8, 15, 15]) {
        expect(w.wakeUpIn()).toBe(minutes * MINUTE);
        w.clock.advance({ minutes, seconds: -1 });
        expect(await w.scheduler.tick()).toEqual({ checked: 0, failed: 0 });
        w.clock.advance({ seconds: 1 });
        expect(await w.scheduler.tick()).toEqual({ checked: 1, failed: 1 });
      }
      expect(w.calls).toHaveLength(7);
      expect(new Set(w.occurrences())).toEqual(new Set(["2020-09-18T20:30:00Z"]));

      const errors = w.lines.filter((line) => line.level === LEVEL.error);
      expect(errors.map((line) => line["retryInSeconds"])).toEqual([60, 120, 240, 480, 900, 900, 900]);
      expect(errors[0]).toMatchObject({
        repo: "acme/meetings",
        series: "weekly",
        occurrence: "2020-09-18T20:30:00Z",
        msg: "could not ensure the meeting issue; retrying in 60 s",
        err: expect.objectContaining({ message: "Server Error" }),
      });

      // A success resets the count: the next failure waits one minute again.
      w.behave(async () => {});
      w.clock.advance({ minutes: 15 });
      expect(await w.scheduler.tick()).toEqual({ checked: 1, failed: 0 });
      w.clock.set("2020-09-18T21:30:00Z");
      w.behave(failWith(new Error("socket hang up")));
      expect(await w.scheduler.tick()).toEqual({ checked: 1, failed: 1 });
      expect(w.wakeUpIn()).toBe(1 * MINUTE);
    });

    it.each([
      {
        name: "a secondary rate limit with retry-after",
        error: { status: 403, message: "You have exceeded a secondary rate limit", response: { headers: { "retry-after": "120" } } },
        waitMs: 121 * SECOND,
      },
      {
        name: "a 403 with only retry-after",
        error: { status: 403, response: { headers: { "retry-after": "120" } } },
        waitMs: 121 * SECOND,
      },
      {
        name: "a 429 with retry-after",
        error: { status: 429, response: { headers: { "retry-after": "30" } } },
        waitMs: 31 * SECOND,
      },
      {
        name: "a primary rate limit until x-ratelimit-reset",
        error: {
          status: 403,
          response: { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(DateTime.fromISO(START).toSeconds() + 300) } },
        },
        waitMs: 301 * SECOND,
      },
      {
        name: "a retry-after longer than half an hour (capped)",
        error: { status: 403, response: { headers: { "retry-after": "7200" } } },
        waitMs: 30 * MINUTE,
      },
      {
        name: "a rate limit that does not say how long (backoff)",
        error: { status: 429, response: { headers: {} } },
        waitMs: 1 * MINUTE,
      },
    ])("waits as long as GitHub asks after $name", async ({ error, waitMs }) => {
      const w = world();
      w.behave(failWith(error));
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      await w.scheduler.tick();
      expect(w.wakeUpIn()).toBe(waitMs);

      w.clock.advance({ seconds: waitMs / SECOND - 1 });
      await w.scheduler.tick();
      expect(w.calls).toHaveLength(1);
      w.clock.advance({ seconds: 1 });
      await w.scheduler.tick();
      expect(w.calls).toHaveLength(2);
    });

    it("logs a busy lease (another replica is on it) at debug level, not as an error, and retries", async () => {
      const w = world();
      w.behave(failWith(new LeaseBusyError("ensure:acme/meetings:weekly:2020-09-18T20:30:00Z")));
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      expect(await w.scheduler.tick()).toEqual({ checked: 1, failed: 1 });

      expect(w.lines.filter((line) => line.level >= LEVEL.warn)).toEqual([]);
      const debug = w.lines.filter((line) => line.level === LEVEL.debug);
      expect(debug).toHaveLength(1);
      expect(debug[0]).toMatchObject({ series: "weekly", msg: "could not ensure the meeting issue; retrying in 60 s" });
      expect(w.wakeUpIn()).toBe(1 * MINUTE);
    });
  });

  describe("changing repos", () => {
    it("removeRepo stops its runs, now and later, and leaves other repos alone", async () => {
      const w = world();
      // "acme/meet" is a prefix of "acme/meetings": removing one must not touch the other.
      const other: RepoRef = { owner: "acme", repo: "meet" };
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      w.scheduler.setRepo(7, other, [WEEKLY]);
      w.scheduler.removeRepo(REPO);
      expect(w.scheduler.size).toBe(1);
      await w.scheduler.tick();
      expect(w.calls.map((call) => call.job.ref)).toEqual([other]);

      w.scheduler.removeRepo(other);
      expect(w.scheduler.size).toBe(0);
      expect(w.scheduler.nextWakeUp()).toBeUndefined();
      w.clock.advance({ days: 7 });
      expect(await w.scheduler.tick()).toEqual({ checked: 0, failed: 0 });
      expect(w.calls).toHaveLength(1);
    });

    it("setRepo replaces a repo's series: removed ones stop, new ones are checked at once", async () => {
      const w = world();
      w.scheduler.setRepo(7, REPO, [WEEKLY, NOT_YET_BEGUN]);
      await w.scheduler.tick();
      expect(w.scheduler.size).toBe(2);
      w.scheduler.setRepo(7, REPO, [WEEKLY_AT_21]);
      expect(w.scheduler.size).toBe(1);
      expect(w.wakeUpIn()).toBe(0);
      await w.scheduler.tick();
      expect(w.calls.at(-1)?.job.series).toBe(WEEKLY_AT_21);
      // The 21:00 meeting of 2020-09-11 has not ended yet, so its own issue is the one due.
      expect(w.calls.at(-1)?.occurrence.key).toBe("2020-09-11T21:00:00Z");
    });

    it.each(OUTCOMES)("setRepo while a run is in flight: the stale job's run $outcome and does not reschedule it", async ({ behave }) => {
      const w = world();
      const gate = deferred();
      w.behave(() => gate.promise);
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      const ticking = w.scheduler.tick();
      await settle();
      expect(w.calls).toHaveLength(1);

      // A config push lands while the old run is still going.
      w.scheduler.setRepo(7, REPO, [WEEKLY_AT_21]);
      behave(gate);
      await ticking;

      // The new job is still due now; the old one's outcome did not move it to next week or a retry.
      expect(w.wakeUpIn()).toBe(0);
      w.behave(async () => {});
      expect(await w.scheduler.tick()).toEqual({ checked: 1, failed: 0 });
      expect(w.calls).toHaveLength(2);
      expect(w.calls[1]?.job.series).toBe(WEEKLY_AT_21);
    });

    it.each(OUTCOMES)("a repo removed while its run is in flight stays removed when the run $outcome", async ({ behave }) => {
      const w = world();
      const gate = deferred();
      w.behave(() => gate.promise);
      w.scheduler.setRepo(7, REPO, [WEEKLY]);
      const ticking = w.scheduler.tick();
      await settle();
      w.scheduler.removeRepo(REPO);
      behave(gate);
      await ticking;
      expect(w.scheduler.size).toBe(0);
      expect(w.scheduler.nextWakeUp()).toBeUndefined();
    });
  });
});
