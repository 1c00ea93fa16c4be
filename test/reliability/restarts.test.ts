import { afterEach, describe, expect, it } from "@jest/globals";
import type { FaultRule } from "../../src/sandbox/index.js";
import { formatMarker, parseMarkers } from "../../src/core/markers.js";
import { CONFIG, EXAMPLE_CONFIG, REPO, seedCratesIo } from "../helpers/meeting-world.js";
import { closeChecked } from "../helpers/close-checked.js";
import { botComments, errorsLogged, meetingIssues, occurrences, startWorld, titles, warningsLogged, type ReliabilityWorld } from "./world.js";

const AFTER_001 = "2020-09-11T21:31:00Z";

let world: ReliabilityWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

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
    // Carried under Action Items once, and collected onto the agenda once (#001's NEXT WEEK MEETING:).
    expect(occurrences(two?.body ?? "", "- [ ] Try to nail down the next zoom meeting through Discord <!-- meeting-bot:carried=1")).toBe(1);
    expect(occurrences(two?.body ?? "", "- [ ] Try to nail down the next zoom meeting through Discord _(from Outcomes in #1)_")).toBe(1);
    expect(created(world, "/repos/{owner}/{repo}/issues")).toBe(1);
    expect(created(world, "/repos/{owner}/{repo}/issues/{issue_number}/comments")).toBe(1);
    const closes = world.sandbox.requests.filter((request) => request.method === "PATCH" && request.status === 200);
    expect(closes).toHaveLength(1);
  });

  it("killed after creating the issue, restarted only after the next creation time: the new issue links and closes its own previous, and #001 is finished too", async () => {
    world = await startWorld(AFTER_001);
    world.sandbox.faults.add(refuse("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"));
    await world.app.bot.tick();
    await world.restart({ at: "2020-09-18T21:31:00Z" });
    await world.app.bot.tick();
    await world.app.bot.tick();
    await world.sandbox.webhooksIdle();
    expect(titles(world.sandbox)).toEqual([
      "Crates.io Weekly Team Meeting #001",
      "Crates.io Weekly Team Meeting #002",
      "Crates.io Weekly Team Meeting #003",
    ]);
    const [one, two, three] = meetingIssues(world.sandbox);
    expect(two?.state).toBe("closed");
    expect(botComments(world.sandbox, two?.number ?? 0)).toEqual([expect.stringContaining(`Next meeting: #${three?.number}`)]);
    // The run that created #002 never linked or closed #001: the run for #003 does it, once.
    expect(one?.state).toBe("closed");
    expect(botComments(world.sandbox, one?.number ?? 0)).toEqual([`Next meeting: #${two?.number}\n\n<!-- meeting-bot:next=2020-09-18T20:30:00Z series=weekly -->\n`]);
    // The items travel on: #001 → #002 → #003, once each.
    expect(occurrences(three?.body ?? "", "Try to nail down the next zoom meeting through Discord")).toBe(1);
  });

  it("killed the same way, but #003's run is stopped after creating #003: the restart finishes both links", async () => {
    world = await startWorld(AFTER_001);
    world.sandbox.faults.add(refuse("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"));
    await world.app.bot.tick();
    await world.restart({ at: "2020-09-18T21:31:00Z" });
    world.sandbox.faults.add(refuse("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"));
    await world.app.bot.tick();
    expect(world.sandbox.faults.pending).toEqual([]);
    await world.restart({ at: "2020-09-18T21:35:00Z" });
    await world.app.bot.tick();
    await world.sandbox.webhooksIdle();
    expect(titles(world.sandbox)).toHaveLength(3);
    const [one, two, three] = meetingIssues(world.sandbox);
    expect([one?.state, two?.state, three?.state]).toEqual(["closed", "closed", "open"]);
    expect(botComments(world.sandbox, one?.number ?? 0)).toEqual([expect.stringContaining(`Next meeting: #${two?.number}\n`)]);
    expect(botComments(world.sandbox, two?.number ?? 0)).toEqual([expect.stringContaining(`Next meeting: #${three?.number}\n`)]);
  });
});

// The requests the app sent to the repo (its installation token and the app's own requests aside).
const repoRequests = (w: ReliabilityWorld, from = 0) =>
  w.sandbox.requests
    .slice(from)
    .filter((request) => request.path.startsWith(`/repos/${REPO}/`))
    .map((request) => `${request.method} ${request.route ?? request.path}`);
const WEEKLY_RUN = [
  "GET /repos/{owner}/{repo}/issues",
  "POST /repos/{owner}/{repo}/issues",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
];

describe("the meeting before the previous one: finished only when the app left it unfinished", () => {
  it("three weeks in a row, no fault: each run makes the four usual requests (plus one read of the team's hand-made #001, once)", async () => {
    world = await startWorld(AFTER_001);
    await world.app.bot.tick();
    // #003's previous (#002) and #004's (#003) name an earlier meeting in their marker. #004's
    // (#002) is in the app's own listing, shown closed; #003's is the team's hand-made #001, which
    // that listing does not hold: read once, that week only.
    const READ_001 = "GET /repos/{owner}/{repo}/issues/{issue_number}";
    for (const [at, expected] of [
      ["2020-09-18T21:31:00Z", [...WEEKLY_RUN, READ_001]],
      ["2020-09-25T21:31:00Z", WEEKLY_RUN],
    ] as const) {
      world.clock.set(at);
      const from = world.sandbox.requests.length;
      await world.app.bot.tick();
      await world.sandbox.webhooksIdle();
      expect(repoRequests(world, from)).toEqual(expected);
    }
    expect(titles(world.sandbox)).toHaveLength(4);
    expect(meetingIssues(world.sandbox).map((issue) => issue.state)).toEqual(["closed", "closed", "closed", "open"]);
  });

  it("an earlier meeting someone reopened after the app linked and closed it stays open: one look at its comments, no write", async () => {
    world = await startWorld(AFTER_001);
    await world.app.bot.tick();
    const [one] = meetingIssues(world.sandbox);
    world.sandbox.editIssue(REPO, one?.number ?? 0, { state: "open", stateReason: "reopened" }, { user: "jtgeibel" });
    world.clock.set("2020-09-18T21:31:00Z");
    const from = world.sandbox.requests.length;
    await world.app.bot.tick();
    await world.sandbox.webhooksIdle();
    expect(repoRequests(world, from)).toEqual([...WEEKLY_RUN, "GET /repos/{owner}/{repo}/issues/{issue_number}", "GET /repos/{owner}/{repo}/issues/{issue_number}/comments"]);
    expect(world.sandbox.issue(REPO, one?.number ?? 0).state).toBe("open");
    expect(botComments(world.sandbox, one?.number ?? 0)).toHaveLength(1);
  });

  it("closePrevious: false, killed after creating #002 and restarted after #003 is due: #001 is not touched", async () => {
    const config = CONFIG.replace("closePrevious: true", "closePrevious: false");
    expect(config).not.toBe(CONFIG);
    world = await startWorld(AFTER_001, { seed: (sandbox) => seedCratesIo(sandbox, { config }) });
    world.sandbox.faults.add(refuse("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"));
    await world.app.bot.tick();
    await world.restart({ at: "2020-09-18T21:31:00Z" });
    const from = world.sandbox.requests.length;
    await world.app.bot.tick();
    await world.sandbox.webhooksIdle();
    const [one, two, three] = meetingIssues(world.sandbox);
    // No close, and no request about #001 at all (#002's body already names it).
    const aboutOne = new RegExp(`^/repos/${REPO}/issues/${one?.number}(/|$)`);
    expect(world.sandbox.requests.slice(from).filter((request) => aboutOne.test(request.path))).toEqual([]);
    expect(repoRequests(world, from).filter((request) => request.startsWith("PATCH"))).toEqual([]);
    expect([one?.state, two?.state, three?.state]).toEqual(["open", "open", "open"]);
    expect(botComments(world.sandbox, one?.number ?? 0)).toEqual([]);
    expect(botComments(world.sandbox, two?.number ?? 0)).toEqual([expect.stringContaining(`Next meeting: #${three?.number}\n`)]);
    expect(two?.body).toMatch(new RegExp(`Previous meeting:\\** #${one?.number}\\n`));
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
