import { afterEach, describe, expect, it } from "@jest/globals";
import { agendaItems } from "../../src/core/apply-agenda-commands.js";
import type { Fault } from "../../src/sandbox/index.js";
import { REPO } from "../helpers/meeting-world.js";
import { closeChecked } from "../helpers/close-checked.js";
import { botComments, meetingIssues, say, startWithUpcomingMeeting, type ReliabilityWorld } from "./world.js";
import { notCollectedFrom001 } from "../helpers/collected-from-001.js";

let world: ReliabilityWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

const agendaOf = (w: ReliabilityWorld, issue = 2) =>
  agendaItems(w.sandbox.issue(REPO, issue).body ?? "", "Proposed Agenda").map((item) => item.text.replace(/\s*<!--[^]*?-->$/, "")).filter(notCollectedFrom001);
const reactionsOn = (w: ReliabilityWorld, issue: number, commentId: number) =>
  w.sandbox
    .comments(REPO, issue)
    .find((comment) => comment.id === commentId)
    ?.reactions.map((reaction) => reaction.content) ?? [];

const FAULTS: Array<[string, Fault]> = [
  ["502", { kind: "status", status: 502 }],
  ["502 after committing the write", { kind: "committed-status", status: 502 }],
  ["a lost response (committed)", { kind: "lose-response" }],
  ["a timeout (committed late)", { kind: "timeout", ms: 300 }],
];
const STEPS: Array<[string, { method: string; route: string }]> = [
  ["reading the meeting issue", { method: "GET", route: "/repos/{owner}/{repo}/issues/{issue_number}" }],
  ["writing the agenda (PATCH)", { method: "PATCH", route: "/repos/{owner}/{repo}/issues/{issue_number}" }],
  ["the reaction", { method: "POST", route: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions" }],
  ["the reply", { method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments" }],
];
const CASES = STEPS.flatMap(([step, where]) => FAULTS.map(([name, fault]) => [step, name, where, fault] as const));

describe("fault: GitHub answers 5xx, times out, or loses the response during /agenda", () => {
  it.each(CASES)("%s fails with %s: the item once, one 👍, one reply", async (_step, _name, where, fault) => {
    world = await startWithUpcomingMeeting({ requestTimeoutMs: 100 });
    world.sandbox.faults.add({ ...where, times: 1, fault });
    const comment = await say(world, 3, "/agenda add Decide on the 2.0 date");

    expect(world.sandbox.faults.pending).toEqual([]);
    expect(agendaOf(world)).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(reactionsOn(world, 3, comment.id)).toEqual(["+1"]);
    expect(botComments(world.sandbox, 3)).toEqual([expect.stringMatching(/^Added to \[Crates\.io Weekly Team Meeting #002\]\(http[^)]*\/issues\/2\)\./)]);
    expect(meetingIssues(world.sandbox)).toHaveLength(2);
  });
});

describe("fault: the upcoming meeting issue the app knows is deleted or transferred", () => {
  const changes: Array<[string, (w: ReliabilityWorld) => void]> = [
    ["deleted (410)", (w) => w.sandbox.deleteIssue(REPO, 2)],
    ["transferred (301)", (w) => void w.sandbox.transferIssue(REPO, 2, "rust-lang/archive")],
  ];
  it.each(changes)("%s: /agenda forgets it, opens the meeting's issue again, and the item lands there once", async (_name, change) => {
    world = await startWithUpcomingMeeting({ requestTimeoutMs: 100 });
    world.sandbox.addRepository([...world.sandbox.state.installations.values()][0]?.id ?? 0, "archive", { defaultBranch: "main" });
    // The app learns #2 is the upcoming meeting's issue (and caches it).
    await say(world, 3, "/agenda add Before");
    expect(agendaOf(world)).toEqual(["Before (@alice, from #3)"]);
    change(world);
    await say(world, 3, "/agenda add After");
    await say(world, 3, "/agenda add Later still");

    const meetings = meetingIssues(world.sandbox);
    expect(meetings.map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    const reopened = meetings[1]?.number ?? 0;
    expect(reopened).toBeGreaterThan(3);
    expect(agendaOf(world, reopened)).toEqual(["After (@alice, from #3)", "Later still (@alice, from #3)"]);
    // Nothing was written into the moved issue in the other repository.
    for (const moved of world.sandbox.issues("rust-lang/archive")) expect(moved.body).not.toContain("After");
    expect(botComments(world.sandbox, 3)).toHaveLength(3);
  });
});
