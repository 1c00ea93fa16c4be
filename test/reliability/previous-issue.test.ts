import { afterEach, describe, expect, it } from "@jest/globals";
import type { Sandbox } from "../../src/sandbox/index.js";
import { MEETING_001, REPO, seedCratesIo } from "../helpers/meeting-world.js";
import { closeChecked } from "../helpers/close-checked.js";
import { botComments, meetingIssues, occurrences, startWorld, titles, warningsLogged, type ReliabilityWorld } from "./world.js";

const AFTER_001 = "2020-09-11T21:31:00Z";
const MAX_BODY = 65_536;

let world: ReliabilityWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

/** #001 as the team left it, edited by hand. */
function seedWith(body: string, title = "Crates.io Weekly Team Meeting #001") {
  return (sandbox: Sandbox) => {
    seedCratesIo(sandbox, { withMeeting001: false });
    sandbox.setPermission(REPO, "jtgeibel", "write");
    sandbox.createIssue(REPO, { title, body, labels: ["meeting"], user: "jtgeibel", createdAt: new Date("2020-09-08T10:00:00Z") });
  };
}

const item = (n: number, width = 90) => `- [ ] Action ${String(n).padStart(4, "0")} ${"x".repeat(width)}`;
function bodyOfLength(head: string, filler: string, length: number): string {
  let body = head;
  while (body.length + filler.length + 1 <= length) body += `${filler}\n`;
  return body + "y".repeat(length - body.length);
}

interface Shape {
  name: string;
  body: string;
  title?: string;
  /** Texts expected in the new issue exactly once each. */
  carried: string[];
  /** Texts that must not be in the new issue. */
  absent?: string[];
  /** Substrings of `carry-over:` warnings expected in the log. */
  warns: string[];
}

const LONG_ITEMS = Array.from({ length: 700 }, (_, i) => item(i + 1));
const SHAPES: Shape[] = [
  { name: "sections missing", body: "Nothing structured here, just notes.\n\n- [ ] a stray task\n", carried: [], absent: ["a stray task"], warns: ['no "Action Items" section', 'no "Open Discussion" section'] },
  {
    name: "sections renamed",
    body: "## To do\n\n- [ ] renamed section item\n\n## Talk about\n\n- later\n",
    carried: [],
    absent: ["renamed section item"],
    warns: ['no "Action Items" section', 'no "Open Discussion" section'],
  },
  {
    name: "a section duplicated",
    body: "### Action Items\n\n- [ ] first copy\n\n### Notes\n\n### Action Items\n\n- [ ] second copy\n- [x] done one\n\n### Open Discussion\n\n- talk\n",
    carried: ["- [ ] first copy", "- [ ] second copy", "- [ ] talk"],
    absent: ["done one"],
    warns: ['"Action Items" section 2 times'],
  },
  { name: "sections empty", body: "### Action Items\n\n### Open Discussion\n\n", carried: [], warns: [] },
  { name: "an empty body", body: "", carried: [], warns: ['no "Action Items" section'] },
  {
    name: "CRLF line endings",
    body: "### Action Items\r\n\r\n- [ ] crlf item one\r\n- [x] crlf done\r\n\r\n### Open Discussion\r\n\r\n- crlf talk\r\n",
    carried: ["- [ ] crlf item one", "- [ ] crlf talk"],
    absent: ["crlf done", "\r"],
    warns: [],
  },
  {
    name: "raw HTML",
    body: '<details><summary>Old notes</summary>\n\n### Action Items\n\n- [ ] inside details\n\n</details>\n\n### Open Discussion\n\n<table><tr><td>cell</td></tr></table>\n\n- [ ] <b>bold</b> item <img src="x" onerror="alert(1)">\n',
    carried: ["- [ ] inside details", "- [ ] <b>bold</b> item"],
    absent: ["<table>", "<details>"],
    warns: [],
  },
  {
    name: "a 65,536-character body, mostly notes",
    body: bodyOfLength("### Action Items\n\n- [ ] the one real item\n\n### Notes\n\n", "note ".repeat(20), MAX_BODY),
    carried: ["- [ ] the one real item"],
    warns: [],
  },
  {
    name: "a 65,536-character body, all action items",
    body: bodyOfLength("### Action Items\n\n", item(0), MAX_BODY).replace(/y+$/, ""),
    carried: [],
    warns: [],
  },
];

describe("fault: the previous meeting issue edited by hand into any shape", () => {
  it.each(SHAPES)("$name: the new issue is created from the template, with what could be carried", async ({ body, title, carried, absent = [], warns }) => {
    world = await startWorld(AFTER_001, { seed: seedWith(body, title) });
    const report = await world.app.bot.tick();
    expect(report.failed).toBe(0);
    const meetings = meetingIssues(world.sandbox);
    expect(meetings).toHaveLength(2);
    const [previous, next] = meetings;
    const text = next?.body ?? "";
    // The template's skeleton, dated and marked.
    expect(text).toContain("**Date/Time:** Friday, September 18, 2020, 20:30 UTC");
    expect(occurrences(text, "### Action Items")).toBe(1);
    expect(occurrences(text, "### Open Discussion")).toBe(1);
    expect(occurrences(text, "<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z")).toBe(1);
    expect(text.length).toBeLessThanOrEqual(MAX_BODY);
    for (const expected of carried) expect(occurrences(text, expected)).toBe(1);
    for (const unexpected of absent) expect(text).not.toContain(unexpected);
    const carryWarnings = warningsLogged(world.logs).filter((line) => line.msg.startsWith("carry-over:"));
    for (const expected of warns) expect(carryWarnings.map((line) => line.msg)).toContainEqual(expect.stringContaining(expected));
    for (const line of carryWarnings) expect(line).toMatchObject({ repo: REPO, previous: previous?.number });
    expect(previous?.state).toBe("closed");
    expect(botComments(world.sandbox, previous?.number ?? 0)).toHaveLength(1);
  });

  it("a previous body of 700 long action items: carried as far as GitHub's 65,536 characters allow, and says so", async () => {
    world = await startWorld(AFTER_001, { seed: seedWith(`### Action Items\n\n${LONG_ITEMS.join("\n")}\n`) });
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toHaveLength(2);
    const text = meetingIssues(world.sandbox)[1]?.body ?? "";
    expect(text.length).toBeLessThanOrEqual(MAX_BODY);
    expect(occurrences(text, "- [ ] Action 0001 ")).toBe(1);
    expect(warningsLogged(world.logs).map((line) => line.msg).join("\n")).toMatch(/65,?536|too long|limit/i);
  });
});

describe("fault: the previous meeting issue deleted, transferred or locked", () => {
  // #002 is created but the run is stopped before its link comment; then #001 changes; a restart finishes.
  async function createdButNotLinked(): Promise<ReliabilityWorld> {
    const w = await startWorld(AFTER_001, {
      seed: (sandbox) => {
        seedCratesIo(sandbox);
        const elsewhere = sandbox.addRepository(sandbox.state.installations.values().next().value?.id ?? 1, "archive", { defaultBranch: "main" });
        // The archive already has issues, so the moved #001 gets a number that exists in our repo too.
        for (let n = 0; n < 3; n++) sandbox.createIssue(elsewhere.fullName, { title: `Archived ${n}`, body: "", user: "jtgeibel" });
      },
    });
    w.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", times: 1, fault: { kind: "secondary-rate-limit", retryAfter: 3600 } });
    await w.app.bot.tick();
    expect(titles(w.sandbox)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    // Unrelated issues #3 and #4 in our repo, so a wrong number lands on a real issue.
    w.sandbox.createIssue(REPO, { title: "Unrelated bug", body: "", user: "carol" });
    w.sandbox.createIssue(REPO, { title: "Another bug", body: "", user: "carol" });
    await w.sandbox.webhooksIdle();
    return w;
  }

  const changes: Array<[string, (sandbox: Sandbox) => void, string]> = [
    ["deleted (410)", (sandbox) => sandbox.deleteIssue(REPO, 1), "is gone (deleted)"],
    ["transferred to another repository (301)", (sandbox) => void sandbox.transferIssue(REPO, 1, "rust-lang/archive"), "is gone (transferred to"],
  ];
  it.each(changes)("%s before the restart finishes linking: nothing is written to any other issue, and the log says why", async (_name, change, word) => {
    world = await createdButNotLinked();
    change(world.sandbox);
    world.sandbox.resetLog();
    await world.restart({ at: "2020-09-11T21:40:00Z" });
    await world.app.bot.tick();
    const writes = world.sandbox.requests.filter((request) => request.method !== "GET" && !request.path.includes("access_tokens"));
    expect(writes).toEqual([]);
    for (const number of [3, 4]) {
      expect(world.sandbox.issue(REPO, number).state).toBe("open");
      expect(world.sandbox.comments(REPO, number)).toEqual([]);
    }
    for (const archived of world.sandbox.issues("rust-lang/archive")) {
      expect(archived.state).toBe("open");
      expect(botComments(world.sandbox, archived.number, "rust-lang/archive")).toEqual([]);
    }
    expect(warningsLogged(world.logs)).toContainEqual(expect.objectContaining({ previous: 1, msg: expect.stringContaining(word) }));
  });

  it("locked: the link comment and the close still happen", async () => {
    world = await startWorld(AFTER_001);
    world.sandbox.lockIssue(REPO, 1, "resolved");
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toHaveLength(2);
    expect(world.sandbox.issue(REPO, 1).state).toBe("closed");
    expect(botComments(world.sandbox, 1)).toHaveLength(1);
  });

  it("the app's previous issue retitled by hand without a number: found by its marker, items carried, the numbering restart logged", async () => {
    world = await startWorld(AFTER_001);
    await world.app.bot.tick();
    world.sandbox.editIssue(REPO, 2, { title: "Weekly sync (renamed)" }, { user: "alice" });
    world.clock.set("2020-09-18T21:31:00Z");
    await world.app.bot.tick();
    const meetings = meetingIssues(world.sandbox);
    expect(meetings).toHaveLength(3);
    const next = meetings[2];
    // Nothing says which number #002 had any more: the template's rule for a first meeting applies, and the log says so.
    expect(next?.title).toBe("Crates.io Weekly Team Meeting #1");
    expect(warningsLogged(world.logs)).toContainEqual(
      expect.objectContaining({ previous: 2, msg: expect.stringContaining('could not read a meeting number from the previous meeting\'s title "Weekly sync (renamed)"') }),
    );
    expect(next?.body).toContain("occurrence=2020-09-25T20:30:00Z");
    expect(occurrences(next?.body ?? "", "Try to nail down the next zoom meeting through Discord")).toBe(1);
    expect(world.sandbox.issue(REPO, 2).state).toBe("closed");
  });

  it("deleted before the next creation: the new issue is numbered and filled from the newest meeting left", async () => {
    world = await startWorld(AFTER_001);
    await world.app.bot.tick();
    world.sandbox.deleteIssue(REPO, 2);
    world.clock.set("2020-09-18T21:31:00Z");
    await world.app.bot.tick();
    // #002 is gone with its history; #001 (closed) is the newest meeting left, so the new issue is #002 again.
    expect(titles(world.sandbox)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    const next = meetingIssues(world.sandbox)[1];
    expect(next?.body).toContain("occurrence=2020-09-25T20:30:00Z");
    // Carried under Action Items once, and on the agenda once (#001's NEXT WEEK MEETING:, collected).
    expect(occurrences(next?.body ?? "", "Try to nail down the next zoom meeting through Discord <!--")).toBe(1);
    expect(occurrences(next?.body ?? "", "Try to nail down the next zoom meeting through Discord _(from Outcomes in #1)_")).toBe(1);
  });
});
