import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import {
  agendaItems,
  agendaThreads,
  applyAgendaCommands,
  normalizeItemText,
  type AgendaOutcome,
  type AgendaRequest,
} from "../../src/core/apply-agenda-commands.js";

const SECTION = "Proposed Agenda";

const BODY = [
  "## Meeting Details",
  "- **Date:** Friday",
  "",
  "### Proposed Agenda",
  "",
  "- [ ] Release plan (@alice) <!-- meeting-bot:comment=1 index=0 -->",
  "- [x] #12 Old topic (@bob)",
  "- [ ] #34 Flaky CI (@carol, from #34)",
  "* Roadmap",
  "",
  "### Action Items",
  "",
  "- [ ] Send notes <!-- meeting-bot:comment=7 index=0 -->",
  "",
].join("\n");

const add = (text: string, commentId = 100, index = 0, extra: Partial<Extract<AgendaRequest, { kind: "add" }>> = {}): AgendaRequest => ({
  kind: "add",
  text,
  author: "dave",
  source: { commentId, index },
  ...extra,
});
const removeText = (text: string): AgendaRequest => ({ kind: "remove", target: { text } });
const removeNumber = (number: number): AgendaRequest => ({ kind: "remove", target: { number } });

/** BODY with `lines` inserted where the agenda's adds go. */
function withAdded(...lines: string[]): string {
  return BODY.replace("* Roadmap\n", `* Roadmap\n\n${lines.join("\n")}\n`);
}

/** BODY without the agenda line starting with `start`. */
function without(start: string): string {
  const lines = BODY.split("\n");
  const at = lines.findIndex((line) => line.startsWith(start));
  lines.splice(at, 1);
  return lines.join("\n");
}

describe("applyAgendaCommands: adds", () => {
  it.each<[string, AgendaRequest[], string, AgendaOutcome[]]>([
    [
      "adds at the end of the section",
      [add("Budget")],
      withAdded("- [ ] Budget (@dave) <!-- meeting-bot:comment=100 index=0 -->"),
      [{ status: "added", line: "- [ ] Budget (@dave) <!-- meeting-bot:comment=100 index=0 -->" }],
    ],
    [
      "adds a batch together, in order",
      [add("Budget"), add("#56 Docs", 100, 1, { thread: { number: 9 } }), add("Hiring", 101)],
      withAdded(
        "- [ ] Budget (@dave) <!-- meeting-bot:comment=100 index=0 -->",
        "- [ ] #56 Docs (@dave, from #9) <!-- meeting-bot:comment=100 index=1 -->",
        "- [ ] Hiring (@dave) <!-- meeting-bot:comment=101 index=0 -->",
      ),
      [
        { status: "added", line: "- [ ] Budget (@dave) <!-- meeting-bot:comment=100 index=0 -->" },
        { status: "added", line: "- [ ] #56 Docs (@dave, from #9) <!-- meeting-bot:comment=100 index=1 -->" },
        { status: "added", line: "- [ ] Hiring (@dave) <!-- meeting-bot:comment=101 index=0 -->" },
      ],
    ],
    ["is idempotent: the marker is there already", [add("Anything", 1, 0)], BODY, [{ status: "already-done" }]],
    ["finds the marker anywhere in the body", [add("Anything", 7, 0)], BODY, [{ status: "already-done" }]],
    [
      "a redelivered request in the same batch is done once",
      [add("Budget"), add("Budget", 100, 0)],
      withAdded("- [ ] Budget (@dave) <!-- meeting-bot:comment=100 index=0 -->"),
      [{ status: "added", line: "- [ ] Budget (@dave) <!-- meeting-bot:comment=100 index=0 -->" }, { status: "already-done" }],
    ],
    ["the same text is a duplicate", [add("Release plan")], BODY, [{ status: "duplicate", existing: "Release plan" }]],
    ["case and spacing do not matter", [add("  release \t PLAN ")], BODY, [{ status: "duplicate", existing: "Release plan" }]],
    ["a user-written item counts", [add("roadmap")], BODY, [{ status: "duplicate", existing: "Roadmap" }]],
    ["the same thread is a duplicate, whatever its text", [add("#34 CI is flaky")], BODY, [{ status: "duplicate", existing: "#34 Flaky CI" }]],
    ["a checked item counts too", [add("#12")], BODY, [{ status: "duplicate", existing: "#12 Old topic" }]],
    [
      "an earlier add of the batch counts",
      [add("Budget"), add("budget", 101)],
      withAdded("- [ ] Budget (@dave) <!-- meeting-bot:comment=100 index=0 -->"),
      [{ status: "added", line: "- [ ] Budget (@dave) <!-- meeting-bot:comment=100 index=0 -->" }, { status: "duplicate", existing: "Budget" }],
    ],
    [
      "a different thread number is no duplicate",
      [add("#3 Flaky CI")],
      withAdded("- [ ] #3 Flaky CI (@dave) <!-- meeting-bot:comment=100 index=0 -->"),
      [{ status: "added", line: "- [ ] #3 Flaky CI (@dave) <!-- meeting-bot:comment=100 index=0 -->" }],
    ],
    [
      "an item of another section is no duplicate",
      [add("Send notes")],
      withAdded("- [ ] Send notes (@dave) <!-- meeting-bot:comment=100 index=0 -->"),
      [{ status: "added", line: "- [ ] Send notes (@dave) <!-- meeting-bot:comment=100 index=0 -->" }],
    ],
    ["refuses empty text", [add("  ")], BODY, [{ status: "invalid", reason: "the item is empty: write what to discuss, e.g. `/agenda add Release 2.0 plan`" }]],
    ["refuses a bad login", [add("x", 100, 0, { author: "no body" })], BODY, [{ status: "invalid", reason: '"no body" is not a GitHub login; pass the commenter\'s login, e.g. "octocat"' }]],
    [
      "adds the label route's item",
      [add("#77 Plan", 0, 0, { source: { label: true, issue: 77 } })],
      withAdded("- [ ] #77 Plan (@dave) <!-- meeting-bot:labeled=77 -->"),
      [{ status: "added", line: "- [ ] #77 Plan (@dave) <!-- meeting-bot:labeled=77 -->" }],
    ],
  ])("%s", (_, requests, body, outcomes) => {
    expect(applyAgendaCommands(BODY, SECTION, requests)).toEqual({ body, outcomes });
  });

  it("changes nothing when applied again", () => {
    const requests = [add("Budget"), add("Hiring", 100, 1), add("release plan", 101), removeNumber(99)];
    const once = applyAgendaCommands(BODY, SECTION, requests.slice(0, 3));
    const twice = applyAgendaCommands(once.body, SECTION, requests.slice(0, 3));
    expect(twice).toEqual({ body: once.body, outcomes: [{ status: "already-done" }, { status: "already-done" }, { status: "duplicate", existing: "Release plan" }] });
  });

  it("appends the section when the body has none", () => {
    expect(applyAgendaCommands("## Notes\n\ntext\n", SECTION, [add("Budget")]).body).toBe(
      "## Notes\n\ntext\n\n### Proposed Agenda\n\n- [ ] Budget (@dave) <!-- meeting-bot:comment=100 index=0 -->\n",
    );
  });

  it("keeps CRLF line endings", () => {
    const body = "### Proposed Agenda\r\n\r\n- [ ] a\r\n\r\n### Notes\r\n";
    expect(applyAgendaCommands(body, SECTION, [add("b"), add("c", 100, 1)]).body).toBe(
      "### Proposed Agenda\r\n\r\n- [ ] a\r\n- [ ] b (@dave) <!-- meeting-bot:comment=100 index=0 -->\r\n- [ ] c (@dave) <!-- meeting-bot:comment=100 index=1 -->\r\n\r\n### Notes\r\n",
    );
  });

  it("finds the section under any heading style, and adds to the first of several", () => {
    const body = "**Proposed agenda:**\n- a\n\n## Notes\n\n## Proposed Agenda\n- b\n";
    const result = applyAgendaCommands(body, SECTION, [add("c"), add("B", 100, 1)]);
    expect(result.outcomes).toEqual([
      { status: "added", line: "- [ ] c (@dave) <!-- meeting-bot:comment=100 index=0 -->" },
      { status: "duplicate", existing: "b" },
    ]);
    expect(result.body).toBe("**Proposed agenda:**\n- a\n- [ ] c (@dave) <!-- meeting-bot:comment=100 index=0 -->\n\n## Notes\n\n## Proposed Agenda\n- b\n");
  });

  it("returns the body untouched for an empty batch", () => {
    expect(applyAgendaCommands(BODY, SECTION, [])).toEqual({ body: BODY, outcomes: [] });
  });
});

describe("applyAgendaCommands: removes", () => {
  it.each<[string, AgendaRequest[], string, AgendaOutcome[]]>([
    ["by thread number", [removeNumber(34)], without("- [ ] #34"), [{ status: "removed", text: "#34 Flaky CI" }]],
    ["by exact text, any case", [removeText("RELEASE  plan")], without("- [ ] Release"), [{ status: "removed", text: "Release plan" }]],
    ["by a user-written item's text", [removeText("Roadmap")], without("* Roadmap"), [{ status: "removed", text: "Roadmap" }]],
    ["by a unique part of the text", [removeText("flaky")], without("- [ ] #34"), [{ status: "removed", text: "#34 Flaky CI" }]],
    ["by the text as sanitized", [removeText("- [ ] Release plan")], without("- [ ] Release"), [{ status: "removed", text: "Release plan" }]],
    ["not when the part matches several", [removeText("a")], BODY, [{ status: "ambiguous", candidates: ["Release plan", "#34 Flaky CI", "Roadmap"] }]],
    ["not a checked item", [removeNumber(12)], BODY, [{ status: "already-checked", text: "#12 Old topic" }]],
    ["not a checked item found by text", [removeText("old topic")], BODY, [{ status: "already-checked", text: "#12 Old topic" }]],
    ["not an unknown number", [removeNumber(99)], BODY, [{ status: "not-found" }]],
    ["not an unknown text", [removeText("Budget")], BODY, [{ status: "not-found" }]],
    ["not an item of another section", [removeText("Send notes")], BODY, [{ status: "not-found" }]],
    ["not by the author suffix", [removeText("(@alice)")], BODY, [{ status: "not-found" }]],
    ["not by the marker", [removeText("meeting-bot")], BODY, [{ status: "not-found" }]],
    ["not with text that cleans up to nothing", [removeText("- [ ]")], BODY, [{ status: "not-found" }]],
    [
      "twice: the second finds nothing",
      [removeNumber(34), removeNumber(34)],
      without("- [ ] #34"),
      [{ status: "removed", text: "#34 Flaky CI" }, { status: "not-found" }],
    ],
    [
      "after removing one of two candidates, the other is unique",
      [removeText("Release plan"), removeText("plan")],
      without("- [ ] Release"),
      [{ status: "removed", text: "Release plan" }, { status: "not-found" }],
    ],
  ])("%s", (_, requests, body, outcomes) => {
    expect(applyAgendaCommands(BODY, SECTION, requests)).toEqual({ body, outcomes });
  });

  it.each<[string, string, AgendaRequest, string, AgendaOutcome]>([
    [
      "prefers an exact match to a part",
      "## Proposed Agenda\n- Release plan\n- Plan\n",
      removeText("plan"),
      "## Proposed Agenda\n- Release plan\n",
      { status: "removed", text: "Plan" },
    ],
    [
      "takes the first unchecked of equal items",
      "## Proposed Agenda\n- [x] Plan\n- [ ] plan\n- [ ] PLAN\n",
      removeText("plan"),
      "## Proposed Agenda\n- [x] Plan\n- [ ] PLAN\n",
      { status: "removed", text: "plan" },
    ],
    [
      "takes the first unchecked item of a thread",
      "## Proposed Agenda\n- [x] #5 a\n- [ ] #5 b\n- [ ] #5 c\n",
      removeNumber(5),
      "## Proposed Agenda\n- [x] #5 a\n- [ ] #5 c\n",
      { status: "removed", text: "#5 b" },
    ],
    [
      "ignores a struck item, which counts as done",
      "## Proposed Agenda\n- ~~Plan~~\n",
      removeText("plan"),
      "## Proposed Agenda\n- ~~Plan~~\n",
      { status: "already-checked", text: "~~Plan~~" },
    ],
    [
      "removes an item with its nested items and continuation lines",
      "## Proposed Agenda\n- a\n- Plan\n  more\n  - child\n    - grandchild\n- c\n",
      removeText("plan more"),
      "## Proposed Agenda\n- a\n- c\n",
      { status: "removed", text: "Plan more" },
    ],
    [
      "removes the last item without a final newline",
      "## Proposed Agenda\n- a\n- Plan",
      removeText("plan"),
      "## Proposed Agenda\n- a\n",
      { status: "removed", text: "Plan" },
    ],
    [
      "removes an indented item with its trailing spaces",
      "## Proposed Agenda\n\n  - Plan  \n  - b\n\n## Next\n",
      removeText("plan"),
      "## Proposed Agenda\n\n  - b\n\n## Next\n",
      { status: "removed", text: "Plan" },
    ],
    [
      "removes a CRLF line",
      "## Proposed Agenda\r\n- a\r\n- Plan\r\n- c\r\n",
      removeText("plan"),
      "## Proposed Agenda\r\n- a\r\n- c\r\n",
      { status: "removed", text: "Plan" },
    ],
    [
      "removes a paragraph item",
      "## Proposed Agenda\n\nPlan for\nnext year\n\nOther\n",
      removeText("plan for next year"),
      "## Proposed Agenda\n\n\nOther\n",
      { status: "removed", text: "Plan for next year" },
    ],
    [
      "removes a paragraph item under a pseudo-heading",
      "Proposed agenda:\nPlan\n\n## Next\n",
      removeText("plan"),
      "Proposed agenda:\n\n## Next\n",
      { status: "removed", text: "Plan" },
    ],
    [
      "removes a nested item standing in for an empty bullet, leaving the bullet",
      "## Proposed Agenda\n- - Plan\n  - b\n",
      removeText("plan"),
      "## Proposed Agenda\n- \n  - b\n",
      { status: "removed", text: "Plan" },
    ],
    [
      "removes an item of a later occurrence of the section",
      "## Proposed Agenda\n- a\n## Notes\n- Plan\n## Proposed Agenda\n- Plan\n",
      removeText("plan"),
      "## Proposed Agenda\n- a\n## Notes\n- Plan\n## Proposed Agenda\n",
      { status: "removed", text: "Plan" },
    ],
    [
      "finds an item written with &lt;",
      "## Proposed Agenda\n- a &lt;b> c\n",
      removeText("a <b> c"),
      "## Proposed Agenda\n",
      { status: "removed", text: "a &lt;b> c" },
    ],
    ["finds nothing in a body without the section", "## Notes\n- Plan\n", removeText("plan"), "## Notes\n- Plan\n", { status: "not-found" }],
  ])("%s", (_, body, request, expected, outcome) => {
    expect(applyAgendaCommands(body, SECTION, [request])).toEqual({ body: expected, outcomes: [outcome] });
  });
});

describe("applyAgendaCommands: mixed batches", () => {
  it("lets a remove see an add earlier in the batch", () => {
    const result = applyAgendaCommands(BODY, SECTION, [add("Budget"), removeText("budget")]);
    expect(result.outcomes).toEqual([
      { status: "added", line: "- [ ] Budget (@dave) <!-- meeting-bot:comment=100 index=0 -->" },
      { status: "removed", text: "Budget" },
    ]);
    // The blank line spliceItems put before the item stays: only the item's line goes.
    expect(result.body).toBe(BODY.replace("* Roadmap\n", "* Roadmap\n\n"));
  });

  it("lets an add follow a remove of the same text", () => {
    const result = applyAgendaCommands(BODY, SECTION, [removeText("roadmap"), add("Roadmap")]);
    expect(result.outcomes).toEqual([
      { status: "removed", text: "Roadmap" },
      { status: "added", line: "- [ ] Roadmap (@dave) <!-- meeting-bot:comment=100 index=0 -->" },
    ]);
    expect(result.body).toBe(without("* Roadmap").replace("(@carol, from #34)\n", "(@carol, from #34)\n- [ ] Roadmap (@dave) <!-- meeting-bot:comment=100 index=0 -->\n"));
  });
});

describe("the agenda ends at the section's first sub-heading", () => {
  // The reference meeting: `## Proposed Agenda`, then `### Roadmap v0.1`, `### Outcomes`, `### Action Items`…
  const crates = readFileSync(new URL("../../examples/crates-io-meeting-001.md", import.meta.url), "utf8");
  const agendaEnd = crates.indexOf("### Roadmap v0.1");

  it("reads only the items above the first sub-heading", () => {
    expect(agendaItems(crates, SECTION).map((item) => item.text)).toEqual([
      "Need a volunteer to take notes",
      "Confirm if we will switch to new meeting time (16:00 UTC, 1.5 hours later than current time) starting next week",
      "Roadmap",
      "[eRFC: Crate name transfer](https://github.com/rust-lang/rfcs/pull/2614)",
    ]);
  });

  it("adds above the sub-heading, and items under sub-headings are no duplicates", () => {
    const result = applyAgendaCommands(crates, SECTION, [add("Try to nail down the next zoom meeting through Discord"), add("roadmap", 101)]);
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(["added", "duplicate"]);
    const line = "- [ ] Try to nail down the next zoom meeting through Discord (@dave) <!-- meeting-bot:comment=100 index=0 -->";
    const beforeHeading = crates.slice(0, agendaEnd).replace(/\n\n$/, "");
    expect(result.body).toBe(`${beforeHeading}\n\n${line}\n\n${crates.slice(agendaEnd)}`);
  });

  it("removes only agenda items", () => {
    const result = applyAgendaCommands(crates, SECTION, [removeText("Growing the team"), removeText("roadmap")]);
    expect(result.outcomes).toEqual([{ status: "not-found" }, { status: "removed", text: "Roadmap" }]);
    expect(result.body).toBe(crates.replace("* Roadmap\n", ""));
  });

  it.each<[string, string, string]>([
    [
      "directly followed by a sub-heading",
      "## Proposed Agenda\n- a\n### Notes\n- n\n",
      "## Proposed Agenda\n- a\n- [ ] b (@dave) <!-- meeting-bot:comment=100 index=0 -->\n\n### Notes\n- n\n",
    ],
    [
      "with only a sub-heading",
      "## Proposed Agenda\n### Notes\n- n\n",
      "## Proposed Agenda\n\n- [ ] b (@dave) <!-- meeting-bot:comment=100 index=0 -->\n\n### Notes\n- n\n",
    ],
    [
      "with an indented setext sub-heading, in CRLF",
      "# Proposed Agenda\r\n- a\r\n\r\n Notes\r\n -----\r\n- n\r\n",
      "# Proposed Agenda\r\n- a\r\n- [ ] b (@dave) <!-- meeting-bot:comment=100 index=0 -->\r\n\r\n Notes\r\n -----\r\n- n\r\n",
    ],
    [
      "ended by an indented heading",
      "## Proposed Agenda\nSome text\n   ## Next\n",
      "## Proposed Agenda\nSome text\n\n- [ ] b (@dave) <!-- meeting-bot:comment=100 index=0 -->\n\n   ## Next\n",
    ],
    [
      "running to the end without a final newline",
      "## Proposed Agenda\n- a",
      "## Proposed Agenda\n- a\n- [ ] b (@dave) <!-- meeting-bot:comment=100 index=0 -->",
    ],
    [
      "ended by another section named in play",
      "## Proposed Agenda\n- a\n\nAction items:\n- n\n",
      "## Proposed Agenda\n- a\n- [ ] b (@dave) <!-- meeting-bot:comment=100 index=0 -->\n\nAction items:\n- n\n",
    ],
  ])("adds %s", (_, body, expected) => {
    expect(applyAgendaCommands(body, SECTION, [add("b")], [SECTION, "Action Items"]).body).toBe(expected);
  });

  it("ends the agenda at a label line, whether or not that section is in play", () => {
    const body = "## Proposed Agenda\n- #4 a\n\nAction items:\n- #5 n\n";
    expect(agendaThreads(body, SECTION)).toEqual([4]);
    expect(agendaThreads(body, SECTION, [SECTION, "Action Items"])).toEqual([4]);
  });
});

describe("agendaThreads", () => {
  it.each<[string, string, number[]]>([
    ["the reference fixture's shape", BODY, [12, 34]],
    ["none", "## Proposed Agenda\n- a #5\n", []],
    ["once each, in order, with decorations", "## Proposed Agenda\n- **#9** x\n- [#3](https://x.y/3)\n- #9 again\n- _#4_\n- #4a\n", [9, 3, 4]],
    ["only the agenda section", "## Notes\n- #1\n## Proposed Agenda\n- #2\n", [2]],
    ["no section", "text", []],
  ])("%s", (_, body, threads) => {
    expect(agendaThreads(body, SECTION)).toEqual(threads);
  });
});

describe("normalizeItemText", () => {
  it.each([
    ["Release plan (@alice) <!-- meeting-bot:comment=1 index=0 -->", "release plan"],
    ["Flaky CI (@carol, from #34)", "flaky ci"],
    ["Bump (@dependabot[bot])", "bump"],
    ["  Release \n  PLAN  ", "release plan"],
    ["a &lt;b> c", "a <b> c"],
    ["a\u200bb", "ab"],
    ["(@alice) says hi", "(@alice) says hi"],
    ["ask (@alice) first", "ask (@alice) first"],
  ])("%j → %j", (text, expected) => {
    expect(normalizeItemText(text)).toBe(expected);
  });
});
