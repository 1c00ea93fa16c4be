import { afterEach, describe, expect, it } from "@jest/globals";
import type { FaultRule } from "../../src/sandbox/index.js";
import { formatMarker, parseMarkers } from "../../src/core/markers.js";
import { EXAMPLE_CONFIG, REPO, seedCratesIo } from "../helpers/meeting-world.js";
import { assertRequestsMatchOpenApi } from "../helpers/openapi-contract.js";
import { botComments, errorsLogged, meetingIssues, occurrences, startWorld, titles, warningsLogged, type ReliabilityWorld } from "./world.js";

const AFTER_001 = "2020-09-11T21:31:00Z";

let world: ReliabilityWorld | undefined;
afterEach(async () => {
  if (world) {
    assertRequestsMatchOpenApi(world.sandbox.requests);
    await world.close();
  }
  world = undefined;
});

// "Killed after step N": step N+1's request is refused with a status the app does not retry in
// process (403), the run stops there, and the process is stopped before the scheduler's retry.
const refuse = (method: string, route: string): FaultRule => ({ method, route, times: 1, fault: { kind: "secondary-rate-limit", retryAfter: 3600 } });

const KILLS: Array<[string, FaultRule | undefined]> = [
  ["before anything (listing the meeting issues)", refuse("GET", "/repos/{owner}/{repo}/issues")],
  ["after checking the label, before creating the issue", refuse("POST", "/repos/{owner}/{repo}/issues")],
  ["after creating the issue, before the link comment", refuse("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments")],
  ["after the link comment, before closing the previous issue", refuse("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}")],
  ["after the last step", undefined],
];

const created = (w: ReliabilityWorld, route: string) =>
  w.sandbox.requests.filter((request) => request.method === "POST" && request.route === route && request.status === 201).length;

describe("fault: the process is killed at each step of ensureMeetingIssue, and restarted", () => {
  it.each(KILLS)("killed %s: the restart finishes the rest, nothing twice", async (_step, fault) => {
    world = await startWorld(AFTER_001);
    if (fault) world.sandbox.faults.add(fault);
    const first = await world.app.bot.tick();
    expect(first.failed).toBe(fault ? 1 : 0);
    expect(world.sandbox.faults.pending).toEqual([]);

    await world.restart({ at: "2020-09-11T21:35:00Z" });
    await world.app.bot.tick();
    await world.app.bot.tick();
    await world.sandbox.webhooksIdle();

    expect(titles(world.sandbox)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    const [one, two] = meetingIssues(world.sandbox);
    expect(one?.state).toBe("closed");
    expect(botComments(world.sandbox, one?.number ?? 0)).toEqual([expect.stringContaining(`Next meeting: #${two?.number}`)]);
    expect(occurrences(two?.body ?? "", "- [ ] Try to nail down the next zoom meeting through Discord")).toBe(1);
    expect(created(world, "/repos/{owner}/{repo}/issues")).toBe(1);
    expect(created(world, "/repos/{owner}/{repo}/issues/{issue_number}/comments")).toBe(1);
    const closes = world.sandbox.requests.filter((request) => request.method === "PATCH" && request.status === 200);
    expect(closes).toHaveLength(1);
  });

  it("killed after creating the issue, restarted only after the next creation time: the new issue links and closes its own previous", async () => {
    world = await startWorld(AFTER_001);
    world.sandbox.faults.add(refuse("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"));
    await world.app.bot.tick();
    await world.restart({ at: "2020-09-18T21:31:00Z" });
    await world.app.bot.tick();
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toEqual([
      "Crates.io Weekly Team Meeting #001",
      "Crates.io Weekly Team Meeting #002",
      "Crates.io Weekly Team Meeting #003",
    ]);
    const [, two, three] = meetingIssues(world.sandbox);
    expect(two?.state).toBe("closed");
    expect(botComments(world.sandbox, two?.number ?? 0)).toEqual([expect.stringContaining(`Next meeting: #${three?.number}`)]);
    // The items travel on: #001 → #002 → #003, once each.
    expect(occurrences(three?.body ?? "", "Try to nail down the next zoom meeting through Discord")).toBe(1);
  });
});

describe("fault: killed before the link comment, and the team's text imitates the app's", () => {
  const killedBeforeLink = async () => {
    world = await startWorld(AFTER_001);
    world.sandbox.faults.add(refuse("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"));
    await world.app.bot.tick();
    const [one, two] = meetingIssues(world.sandbox);
    const own = parseMarkers(two?.body ?? "").findLast((fields) => fields.occurrence);
    if (!one || !two || !own?.series || !own.occurrence) throw new Error("expected #001 and #002 with the app's marker");
    return { world, one, two, series: own.series, occurrence: own.occurrence };
  };

  it("a member pasted the link marker into a comment on the previous issue: the restart still writes the app's link", async () => {
    const { world, one, two, series, occurrence } = await killedBeforeLink();
    world.sandbox.comment(REPO, one.number, `Next meeting: #${two.number}\n\n${formatMarker({ next: occurrence, series })}\n`, { user: "alice" });
    await world.restart({ at: "2020-09-11T21:35:00Z" });
    await world.app.bot.tick();
    await world.sandbox.webhooksIdle();
    expect(botComments(world.sandbox, one.number)).toEqual([expect.stringContaining(`Next meeting: #${two.number}`)]);
    expect(world.sandbox.issue(REPO, one.number).state).toBe("closed");
  });

  it("a marker naming another previous issue was pasted above the app's own: the app's own counts", async () => {
    const { world, one, two, series, occurrence } = await killedBeforeLink();
    const forged = formatMarker({ series, occurrence, previous: "999" });
    world.sandbox.editIssue(REPO, two.number, { body: `${forged}\n${two.body ?? ""}` }, { user: "alice" });
    await world.restart({ at: "2020-09-11T21:35:00Z" });
    await world.app.bot.tick();
    await world.sandbox.webhooksIdle();
    expect(botComments(world.sandbox, one.number)).toEqual([expect.stringContaining(`Next meeting: #${two.number}`)]);
    expect(world.sandbox.issue(REPO, one.number).state).toBe("closed");
    expect(world.sandbox.requests.some((request) => request.path.endsWith("/issues/999"))).toBe(false);
  });
});

const DOWN_AT_START: Array<[string, string]> = [
  ["listing the app's installations", "/app/installations"],
  ["listing an installation's repositories", "/installation/repositories"],
  ["reading the config", "/repos/{owner}/{repo}/contents/{path}"],
];

describe("fault: GitHub fails while the app starts (every retry of one start-up read)", () => {
  it.each(DOWN_AT_START)("%s: no crash; a later tick reads it again and creates the issue due", async (_name, route) => {
    world = await startWorld(AFTER_001);
    await world.stopApp();
    // Octokit tries a GET four times: all four fail.
    world.sandbox.faults.add({ method: "GET", route, times: 4, fault: { kind: "status", status: 502 } });
    await world.startApp();
    expect(world.sandbox.faults.pending).toEqual([]);
    expect(errorsLogged(world.logs)).toHaveLength(1);
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toHaveLength(1);
    // A minute later the read is tried again, and the catch-up runs in the same tick.
    world.clock.advance({ minutes: 1 });
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    expect(errorsLogged(world.logs)).toHaveLength(1);
  });

  it("still failing on the retry: backs off (1, 2, 4 … minutes) and says so, then recovers", async () => {
    world = await startWorld(AFTER_001);
    await world.stopApp();
    world.sandbox.faults.add({ method: "GET", route: "/installation/repositories", times: 8, fault: { kind: "status", status: 502 } });
    await world.startApp();
    world.clock.advance({ minutes: 1 });
    await world.app.bot.tick();
    expect(warningsLogged(world.logs).at(-1)).toMatchObject({ retryInSeconds: 120 });
    world.clock.advance({ minutes: 1 });
    await world.app.bot.tick();
    expect(world.sandbox.faults.pending).toEqual([]);
    expect(titles(world.sandbox)).toHaveLength(1);
    world.clock.advance({ minutes: 1 });
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toHaveLength(2);
  });
});

// Creation times (issue due when the previous meeting ends, Fridays 21:30 UTC): 09-11, 09-18, 09-25, 10-02, …
const DOWNTIMES: Array<{ name: string; config?: string; restartAt: string; issues: number; latest: string; date: string }> = [
  { name: "over one creation time", restartAt: "2020-09-12T08:00:00Z", issues: 2, latest: "#002", date: "2020-09-18T20:30:00Z" },
  { name: "over two creation times", restartAt: "2020-09-19T08:00:00Z", issues: 2, latest: "#002", date: "2020-09-25T20:30:00Z" },
  { name: "over four creation times", restartAt: "2020-10-03T08:00:00Z", issues: 2, latest: "#002", date: "2020-10-09T20:30:00Z" },
  { name: "over ten creation times", restartAt: "2020-11-14T08:00:00Z", issues: 2, latest: "#002", date: "2020-11-20T20:30:00Z" },
  // With `creation: { daysBefore: 3, time: "09:00" }` the issue of 09-18 is due 09-15 09:00, of 09-25 on 09-22 …
  { name: "over three creation times, created 3 days before", config: EXAMPLE_CONFIG, restartAt: "2020-09-30T08:00:00Z", issues: 2, latest: "#002", date: "2020-10-02T20:30:00Z" },
  { name: "that ends just before a creation time", config: EXAMPLE_CONFIG, restartAt: "2020-09-15T08:59:00Z", issues: 1, latest: "#001", date: "" },
];

describe("fault: downtime over one or several creation times", () => {
  it.each(DOWNTIMES)("down $name: exactly one catch-up issue, for the latest occurrence", async ({ config, restartAt, issues, latest, date }) => {
    // The app last ran before #002 was due, then was down until `restartAt`.
    world = await startWorld("2020-09-11T20:00:00Z", { seed: (sandbox) => seedCratesIo(sandbox, config ? { config } : {}) });
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toHaveLength(1);
    await world.restart({ at: restartAt });
    await world.app.bot.tick();
    await world.app.bot.tick();
    const meetings = meetingIssues(world.sandbox);
    expect(meetings).toHaveLength(issues);
    expect(meetings.at(-1)?.title).toBe(`Crates.io Weekly Team Meeting ${latest}`);
    if (date) {
      expect(meetings.at(-1)?.body).toContain(`occurrence=${date}`);
      expect(meetings[0]?.state).toBe("closed");
    }
  });

  it("down for weeks after #002: one issue (#003) for the meeting due now, carrying #002's items", async () => {
    world = await startWorld(AFTER_001);
    await world.app.bot.tick();
    await world.restart({ at: "2020-10-17T12:00:00Z" });
    await world.app.bot.tick();
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toEqual([
      "Crates.io Weekly Team Meeting #001",
      "Crates.io Weekly Team Meeting #002",
      "Crates.io Weekly Team Meeting #003",
    ]);
    const [, two, three] = meetingIssues(world.sandbox);
    expect(three?.body).toContain("occurrence=2020-10-23T20:30:00Z");
    expect(two?.state).toBe("closed");
    expect(occurrences(three?.body ?? "", "Try to nail down the next zoom meeting through Discord")).toBe(1);
    expect(world.sandbox.issues(REPO)).toHaveLength(3);
  });
});
