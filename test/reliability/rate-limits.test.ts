import { afterEach, describe, expect, it } from "@jest/globals";
import { parseConfig } from "../../src/config/parse-config.js";
import type { SeriesConfig } from "../../src/config/schema.js";
import { retryAfterSeconds } from "../../src/github/is-transient-error.js";
import type { Fault, Sandbox } from "../../src/sandbox/index.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import { captureLog, LEVEL } from "../helpers/capture-log.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { CONFIG, CONFIG_PATH, REPO, seedCratesIo, TEMPLATE_PATH } from "../helpers/meeting-world.js";
import { closeChecked } from "../helpers/close-checked.js";
import { errorsLogged, meetingIssues, startWorld, type ReliabilityWorld } from "./world.js";

const AFTER_001 = "2020-09-11T21:31:00Z";
const OTHER = "nodejs/tsc";

let world: ReliabilityWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

/** Two installations: crates.io (rate-limited in these tests) and nodejs/tsc (not). */
function twoRepos(sandbox: Sandbox): void {
  seedCratesIo(sandbox);
  const other = sandbox.addInstallation({ account: "nodejs", type: "Organization" });
  sandbox.addRepository(other.id, "tsc", { defaultBranch: "main" });
  sandbox.putFile(OTHER, CONFIG_PATH, CONFIG.replace("Crates.io Weekly Team Meeting", "TSC Meeting"));
  sandbox.putFile(OTHER, TEMPLATE_PATH, "---\ntitle: 'TSC Meeting {{date}}'\n---\n## Agenda\n\n### Action Items\n");
}

const CRATES_ONLY = /^\/repos\/rust-lang\//;

const LIMITS: Array<{ name: string; method: string; fault: Fault; waitSeconds: number }> = [
  { name: "secondary rate limit (403, retry-after 120) on the create", method: "POST", fault: { kind: "secondary-rate-limit", retryAfter: 120 }, waitSeconds: 121 },
  { name: "secondary rate limit (403, retry-after 600) on the listing", method: "GET", fault: { kind: "secondary-rate-limit", retryAfter: 600 }, waitSeconds: 601 },
  { name: "primary rate limit exhausted (403, reset in 300 s)", method: "GET", fault: { kind: "primary-rate-limit", status: 403, resetAfter: 300 }, waitSeconds: 301 },
  { name: "primary rate limit exhausted (429, reset in 90 s)", method: "POST", fault: { kind: "primary-rate-limit", status: 429, resetAfter: 90 }, waitSeconds: 91 },
];

describe("fault: rate limits; the work is retried when GitHub says, other repos keep being served", () => {
  it.each(LIMITS)("$name", async ({ method, fault, waitSeconds }) => {
    world = await startWorld(AFTER_001, { seed: twoRepos });
    world.sandbox.faults.add({ method, route: CRATES_ONLY, times: 1, fault });
    const first = await world.app.bot.tick();
    expect(first).toEqual({ checked: 2, failed: 1 });
    // The other installation is served in the same tick.
    expect(world.sandbox.issues(OTHER).map((issue) => issue.title)).toEqual(["TSC Meeting Friday, September 18, 2020"]);
    expect(meetingIssues(world.sandbox)).toHaveLength(1);
    const [error] = errorsLogged(world.logs);
    expect(error).toMatchObject({ repo: REPO, retryInSeconds: waitSeconds });

    // Not before GitHub's time (no hammering) …
    world.clock.advance({ seconds: waitSeconds - 2 });
    expect(await world.app.bot.tick()).toEqual({ checked: 0, failed: 0 });
    // … and done right after it.
    world.clock.advance({ seconds: 2 });
    expect(await world.app.bot.tick()).toEqual({ checked: 1, failed: 0 });
    expect(meetingIssues(world.sandbox).map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    expect(meetingIssues(world.sandbox)[0]?.state).toBe("closed");
    expect(world.sandbox.issues(OTHER)).toHaveLength(1);
  });

  it("a rate limit on every request of one repo for an hour: the other repo's weekly issues keep coming", async () => {
    world = await startWorld(AFTER_001, { seed: twoRepos });
    world.sandbox.faults.add({ route: CRATES_ONLY, times: 40, fault: { kind: "secondary-rate-limit", retryAfter: 60 } });
    for (let minute = 0; minute < 60; minute++) {
      await world.app.bot.tick();
      world.clock.advance({ minutes: 1 });
    }
    expect(world.sandbox.issues(OTHER)).toHaveLength(1);
    world.sandbox.faults.clear();
    world.clock.set("2020-09-18T21:31:00Z");
    await world.app.bot.tick();
    expect(world.sandbox.issues(OTHER)).toHaveLength(2);
    // crates.io: one issue for the meeting due now, none for the one missed while limited.
    expect(meetingIssues(world.sandbox).map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    expect(meetingIssues(world.sandbox)[1]?.body).toContain("occurrence=2020-09-25T20:30:00Z");
  });
});

// Probot's production throttling does not retry a secondary limit in process (the cases above, with
// throttling off, behave the same) and retries a primary one twice, after the reset. It also spaces
// writes that notify people 3 s apart: this test's series has no previous issue, so one write.
describe("fault: primary rate limit under Probot's production throttling", () => {
  it("primary: Probot waits for the reset and retries in the same run", async () => {
    world = await startWorld(AFTER_001, { throttle: true, seed: (sandbox) => seedCratesIo(sandbox, { withMeeting001: false }) });
    world.sandbox.faults.add({ method: "GET", route: "/repos/{owner}/{repo}/issues", times: 1, fault: { kind: "primary-rate-limit", resetAfter: 1 } });
    expect(await world.app.bot.tick()).toEqual({ checked: 1, failed: 0 });
    expect(meetingIssues(world.sandbox).map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #1"]);
    const listings = world.sandbox.requests.filter((request) => request.route === "/repos/{owner}/{repo}/issues" && request.query.includes("labels=meeting&"));
    // The app's own issues (limited, then retried), then, as it has none yet, the team's.
    expect(listings.map((request) => request.status)).toEqual([403, 200, 200]);
  });
});

describe("fault: a local clock far from GitHub's; a schedule that cannot be computed", () => {
  it("measures the reset from GitHub's Date header, not the local clock", () => {
    const error = Object.assign(new Error("API rate limit exceeded"), {
      status: 403,
      response: { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Date.UTC(2025, 0, 1, 12, 5) / 1000), date: "Wed, 01 Jan 2025 12:00:00 GMT" } },
    });
    // The local clock says 2020: still 300 s, not five years.
    expect(retryAfterSeconds(error, Date.UTC(2020, 8, 11))).toBe(300);
  });

  it("a series whose schedule cannot be computed fails alone: the tick goes on, others are served, it is retried", async () => {
    const clock = new FakeClock(AFTER_001);
    const { log, lines } = captureLog();
    const ran: string[] = [];
    const scheduler = new Scheduler({ now: clock.now, log, run: async (job) => void ran.push(job.ref.repo) });
    const [good] = parseConfig(`id: weekly\nschedule: { weekday: friday, time: "20:30" }\n`).series as [SeriesConfig];
    // Validation normally stops this; the scheduler must not depend on it.
    const broken: SeriesConfig = { ...good, schedule: { ...good.schedule, timezone: "Mars/Olympus_Mons" } };
    scheduler.setRepo(1, { owner: "a", repo: "broken" }, [broken]);
    scheduler.setRepo(2, { owner: "b", repo: "fine" }, [good]);
    await expect(scheduler.tick()).resolves.toEqual({ checked: 2, failed: 1 });
    expect(ran).toEqual(["fine"]);
    expect(lines.filter((line) => line.level >= LEVEL.error)).toEqual([expect.objectContaining({ repo: "a/broken", retryInSeconds: 60 })]);
    // Still scheduled: retried after its backoff instead of silently dropped.
    clock.advance({ minutes: 1 });
    await expect(scheduler.tick()).resolves.toEqual({ checked: 1, failed: 1 });
  });
});
