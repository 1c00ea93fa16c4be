import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { defaultCollectRules } from "../../src/config/schema.js";
import { applyAgendaCommands } from "../../src/core/apply-agenda-commands.js";
import { collectCallsToAction } from "../../src/core/collect-calls-to-action.js";
import { extractItems, type ExtractedItem } from "../../src/core/extract-items.js";
import { findCallsToAction } from "../../src/core/find-calls-to-action.js";
import { findSections } from "../../src/core/find-sections.js";
import { parseIssueTemplate } from "../../src/core/issue-template.js";
import { carryWhatFits } from "../../src/core/plan-meeting-issue.js";
import { expectGolden } from "../helpers/expect-golden.js";

/*
 * Calls to action (issue 14). test/fixtures/calls-to-action/NAME.md are notes written for this
 * project, one per marker form and per case that must not collect (the folder's README lists
 * them); NAME.json is what is found in them (done or not, under which heading) and what the next
 * meeting gets, carried into the example template as the app does it.
 */
const root = new URL("../fixtures/calls-to-action/", import.meta.url);
const cases = readdirSync(root)
  .filter((file) => file.endsWith(".md") && file !== "README.md")
  .map((file) => file.slice(0, -3))
  .sort();
const RULES = defaultCollectRules("Proposed Agenda");
const CARRIED = ["Action Items", "Open Discussion"];
const TARGETS = ["Action Items", "Proposed Agenda"];
const template = parseIssueTemplate(readFileSync(new URL("../../examples/weekly-meeting.md", import.meta.url), "utf8"), "weekly-meeting.md").body;
const example = parseIssueTemplate(readFileSync(new URL("../../examples/crates-io-meeting-001.md", import.meta.url), "utf8"), "crates-io-meeting-001.md").body;

function nextMeeting(previousBody: string, number: number, target = template, rules = RULES): ReturnType<typeof carryWhatFits> {
  return carryWhatFits(target, { number, title: `M #${number}`, body: previousBody }, CARRIED, (body) => body.length, { otherSections: ["Proposed Agenda"], collect: rules });
}

function sectionLines(body: string, name: string): string[] {
  const all = (item: ExtractedItem): ExtractedItem[] => [item, ...item.children.flatMap(all)];
  return (findSections(body, [...CARRIED, "Proposed Agenda"]).get(name) ?? []).flatMap((section) => extractItems(body, section)).flatMap(all).map((item) => item.text);
}

describe("calls to action in notes as teams write them", () => {
  it("lists every case in the fixtures' README", () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
    const index = readFileSync(new URL("README.md", root), "utf8");
    expect(cases.filter((name) => !index.includes(`- ${name} — `))).toEqual([]);
  });

  it.each(cases)("%s", (name) => {
    const notes = readFileSync(new URL(`${name}.md`, root), "utf8");
    const calls = findCallsToAction(notes, RULES, { exclude: CARRIED }).map((call) => ({
      into: call.into,
      marker: call.marker,
      ...(call.people.length > 0 ? { people: call.people } : {}),
      under: call.under,
      done: call.done,
      text: call.item.text,
    }));
    const { body } = nextMeeting(notes, 7);
    const next = Object.fromEntries(TARGETS.map((target) => [target, sectionLines(body, target)]));
    expectGolden(new URL(`${name}.json`, root), `${JSON.stringify({ found: calls, nextMeeting: next }, null, 2)}\n`);
  });
});

describe("what is never collected twice", () => {
  it("the app's own collected items a week later: carried once, with their note, never collected again", () => {
    const second = nextMeeting(example, 1).body;
    // The team pasted the same notes again into #002's Outcomes, as teams copy last week's notes.
    const outcomes = example.slice(example.indexOf("### Outcomes"), example.indexOf("### Action Items"));
    const pasted = second.replace(/### Outcomes\n\n<!-- Rough Notes from Agenda Items -->\n/, outcomes);
    expect(pasted).not.toBe(second);
    const third = nextMeeting(pasted, 2).body;
    const actions = sectionLines(third, "Action Items");
    for (const words of ["large bursts of download requests", "meeting structure template", "meeting notes structure", "setup their environments"]) {
      expect([words, actions.filter((text) => text.includes(words)).length]).toEqual([words, 1]);
    }
    // Carried with the note it was collected with (`from #1`): where it came from still holds.
    expect(actions.filter((text) => text.includes("_(from Outcomes in #1)_"))).toHaveLength(4);
    expect(third).not.toContain("_(from Outcomes in #2)_ _(from");
    // Collecting the same week again adds nothing.
    expect(nextMeeting(pasted, 2, third).body).toBe(third);
  });

  it("an item /agenda added is not collected again, and /agenda does not add a collected item twice", () => {
    const withAgenda = template.replace(
      "## Proposed Agenda\n",
      "## Proposed Agenda\n\n- [ ] Try to nail down the next zoom meeting through Discord (@bob) <!-- meeting-bot:comment=5 index=1 -->\n",
    );
    const agenda = sectionLines(nextMeeting(example, 1, withAgenda).body, "Proposed Agenda");
    expect(agenda).toEqual(["Try to nail down the next zoom meeting through Discord (@bob) <!-- meeting-bot:comment=5 index=1 -->"]);

    const collected = nextMeeting(example, 1).body;
    const added = applyAgendaCommands(collected, "Proposed Agenda", [
      { kind: "add", text: "Try to nail down the next zoom meeting through Discord", author: "carol", source: { commentId: 9, index: 1 } },
    ], ["Proposed Agenda", ...CARRIED]);
    expect(added.outcomes[0]?.status).toBe("duplicate");
    expect(added.body).toBe(collected);
  });

  it("a NEXT WEEK MEETING item that is also an Action Item: carried under Action Items as it is, and on the agenda once", () => {
    const { body, collected } = nextMeeting(example, 1);
    const item = "Try to nail down the next zoom meeting through Discord";
    expect(sectionLines(body, "Action Items").filter((text) => text.startsWith(item))).toEqual([item]);
    expect(sectionLines(body, "Proposed Agenda")).toEqual([`${item} _(from Outcomes in #1)_`]);
    expect(collected["Action Items"]?.map((entry) => entry.text)).not.toContain(item);
  });

  it("a TODO: label that is itself a target section is carried as it is, not collected", () => {
    const notes = "## Notes\n\n- TODO: outside the section\n\nTODO:\n- inside the TODO section\n";
    const rules = [{ markers: ["TODO"], into: "TODO" }];
    expect(findCallsToAction(notes, rules).map((call) => call.item.text)).toEqual(["outside the section"]);
    expect(findCallsToAction(notes, RULES).map((call) => call.item.text)).toEqual(["outside the section", "inside the TODO section"]);
  });

  it("does not warn that a collected open task is left behind; does warn without collecting", () => {
    const notes = "## Notes\n\n- [ ] TODO: book the venue\n- [ ] an open task nobody collects\n\n## Action Items\n";
    const collecting = nextMeeting(notes, 4);
    expect(collecting.body).toContain("- [ ] book the venue _(from Notes in #4)_");
    expect(collecting.warnings.filter((warning) => warning.includes("outside the carried sections"))).toEqual([expect.stringMatching(/^1 open task of the previous meeting is outside/)]);
    const carrying = nextMeeting(notes, 4, template, []);
    expect(carrying.warnings.filter((warning) => warning.includes("outside the carried sections"))).toEqual([expect.stringMatching(/^2 open tasks of the previous meeting are outside/)]);
  });

  it("collects nothing with no rules, and keeps the body as it was when nothing is open", () => {
    expect(collectCallsToAction({ previousBody: example, targetBody: template, rules: [], previousNumber: 1, carried: CARRIED }).body).toBe(template);
    const done = "## Notes\n\n- [x] TODO: finished\n- ~~TODO: dropped~~\n";
    expect(collectCallsToAction({ previousBody: done, targetBody: template, rules: RULES, previousNumber: 1, carried: CARRIED }).body).toBe(template);
  });

  it("writes the people a marker named, then where the call came from, at the end of its first line", () => {
    const notes = "# Planning\n\n- TODO(alice, @bob): write the notes  \n  with a second line\n";
    const { body } = collectCallsToAction({ previousBody: notes, targetBody: "### Action Items\n", rules: RULES, previousNumber: 97, carried: CARRIED });
    expect(body).toBe("### Action Items\n\n- [ ] write the notes (@alice, @bob) _(from Planning in #97)_  \n  with a second line\n");
  });
});
