import { afterEach, describe, expect, it } from "@jest/globals";
import type { Fault } from "../../src/sandbox/index.js";
import { REPO, seedCratesIo } from "../helpers/meeting-world.js";
import { closeChecked } from "../helpers/close-checked.js";
import { botComments, meetingIssues, occurrences, sandboxSettled, startWorld, titles, type ReliabilityWorld } from "./world.js";

// #001 ended 2020-09-11 21:30 UTC: #002's issue is due.
const AFTER_001 = "2020-09-11T21:31:00Z";
// The client gives up after 100 ms; the sandbox answers (and commits) after 300 ms.
const CLIENT_TIMEOUT_MS = 100;
const SLOW_MS = 300;

let world: ReliabilityWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

const FAULTS: Array<[string, Fault]> = [
  ["502", { kind: "status", status: 502 }],
  ["502 after committing the write", { kind: "committed-status", status: 502 }],
  ["a lost response (committed)", { kind: "lose-response" }],
  ["a timeout (committed late)", { kind: "timeout", ms: SLOW_MS }],
];
// Every 5xx GitHub sends, on the write that matters most; the app treats them alike elsewhere.
const MORE_STATUSES: Array<[string, Fault]> = [
  ["500", { kind: "status", status: 500 }],
  ["503", { kind: "status", status: 503 }],
  ["500 after committing the write", { kind: "committed-status", status: 500 }],
  ["503 after committing the write", { kind: "committed-status", status: 503 }],
];

const STEPS: Array<[string, { method: string; route: string }]> = [
  ["listing the meeting issues", { method: "GET", route: "/repos/{owner}/{repo}/issues" }],
  ["checking the label", { method: "GET", route: "/repos/{owner}/{repo}/labels/{name}" }],
  ["creating the issue", { method: "POST", route: "/repos/{owner}/{repo}/issues" }],
  ["the link comment", { method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments" }],
  ["closing the previous issue", { method: "PATCH", route: "/repos/{owner}/{repo}/issues/{issue_number}" }],
];

const CASES = STEPS.flatMap(([step, where]) =>
  [...FAULTS, ...(step === "creating the issue" ? MORE_STATUSES : [])].map(([name, fault]) => [step, name, where, fault] as const),
);

describe("fault: GitHub answers 5xx, times out, or loses the response, at each write of a scheduled creation", () => {
  it.each(CASES)("%s fails with %s: one issue, one link, previous closed, items once", async (_step, _name, where, fault) => {
    world = await startWorld(AFTER_001, { requestTimeoutMs: CLIENT_TIMEOUT_MS });
    world.sandbox.faults.add({ ...where, times: 1, fault });
    await world.app.bot.tick();
    await sandboxSettled(world.sandbox);
    // The scheduler retries a failed series after its backoff (1 min, then 2, 4 …).
    for (let attempt = 0; attempt < 3; attempt++) {
      world.clock.advance({ minutes: 16 });
      await world.app.bot.tick();
    }
    await world.sandbox.webhooksIdle();

    expect(world.sandbox.faults.pending).toEqual([]);
    expect(titles(world.sandbox)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    const [first, second] = meetingIssues(world.sandbox);
    const body = second?.body ?? "";
    // Carried under Action Items once, and collected onto the agenda once (#001's NEXT WEEK MEETING:).
    expect(occurrences(body, "- [ ] Try to nail down the next zoom meeting through Discord <!-- meeting-bot:carried=1")).toBe(1);
    expect(occurrences(body, "- [ ] Try to nail down the next zoom meeting through Discord _(from Outcomes in #1)_")).toBe(1);
    expect(occurrences(body, "- [ ] create and propose a meeting notes structure _(from Outcomes in #1)_")).toBe(1);
    expect(occurrences(body, "Suggestion we do a once a month")).toBe(1);
    expect(occurrences(body, "<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z")).toBe(1);
    expect(botComments(world.sandbox, first?.number ?? 0)).toEqual([`Next meeting: #${second?.number}\n\n<!-- meeting-bot:next=2020-09-18T20:30:00Z series=weekly -->\n`]);
    expect(first?.state).toBe("closed");
    // Never a blind second POST of the issue: at most the one that failed and the one that landed.
    const creates = world.sandbox.requests.filter((request) => request.method === "POST" && request.route === "/repos/{owner}/{repo}/issues");
    expect(creates.length).toBeLessThanOrEqual(2);
    expect(world.sandbox.issues(REPO).filter((issue) => issue.title.endsWith("#002"))).toHaveLength(1);
  });

  it.each(FAULTS)("creating the missing label fails with %s: the label once, with its colour, and the issue", async (_name, fault) => {
    // A first meeting in a repo without the label: the app creates it (GET 404, then POST) before the issue.
    world = await startWorld(AFTER_001, { requestTimeoutMs: CLIENT_TIMEOUT_MS, seed: (sandbox) => seedCratesIo(sandbox, { withMeeting001: false }) });
    world.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/labels", times: 1, fault });
    await world.app.bot.tick();
    await sandboxSettled(world.sandbox);
    world.clock.advance({ minutes: 16 });
    await world.app.bot.tick();
    expect(world.sandbox.faults.pending).toEqual([]);
    const labels = [...world.sandbox.state.repository(REPO).labels.values()].filter((label) => label.name === "meeting");
    expect(labels).toEqual([expect.objectContaining({ color: "1d76db" })]);
    expect(titles(world.sandbox)).toEqual(["Crates.io Weekly Team Meeting #1"]);
  });

  it("a request GitHub never answers in time does not hold the tick: the client gives up, the scheduler retries", async () => {
    world = await startWorld(AFTER_001, { requestTimeoutMs: CLIENT_TIMEOUT_MS });
    world.sandbox.faults.add({ method: "GET", route: "/repos/{owner}/{repo}/issues", fault: { kind: "timeout", ms: 1_500 } });
    const report = await world.app.bot.tick();
    // Every attempt (Octokit's retries included) was abandoned after 100 ms; the sandbox is still "working" on them.
    expect(report).toEqual({ checked: 1, failed: 1 });
    expect(world.sandbox.requests.filter((request) => request.fault === "timeout" && request.status === 0).length).toBeGreaterThan(0);
    world.sandbox.faults.clear();
    await sandboxSettled(world.sandbox);
    world.clock.advance({ minutes: 2 });
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
  });
});
