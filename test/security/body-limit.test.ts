import { describe, expect, it } from "@jest/globals";
import { agendaItems, applyAgendaCommands, type AgendaRequest } from "../../src/core/apply-agenda-commands.js";
import { stripCarryCount } from "../../src/core/carry-count.js";
import { carryOver } from "../../src/core/carry-over.js";
import { extractSections } from "../../src/core/extract-sections.js";
import { MAX_ISSUE_BODY_LENGTH } from "../../src/core/issue-body-limit.js";
import { parseIssueTemplate } from "../../src/core/issue-template.js";
import { parseMarkers } from "../../src/core/markers.js";
import { TemplateError } from "../../src/core/template-error.js";
import { EXAMPLE, planAfter } from "./plan-fixture.js";

/*
 * GitHub refuses an issue body over 65,536 characters. The app never sends one: carried items
 * that do not fit are left out whole, from the end, with a visible note; `/agenda add` into a
 * full issue is refused with a reason; a template too long on its own is a clear error.
 */

const LIMIT = MAX_ISSUE_BODY_LENGTH;
/** `count` unfinished items of about `size` characters each, numbered so each is recognisable. */
const items = (prefix: string, count: number, size: number) =>
  Array.from({ length: count }, (_, i) => `- [ ] ${prefix}-${String(i).padStart(3, "0")} ${"x".repeat(size)}`);
const previousWith = (actions: string[], discussion: string[] = [], eol = "\n") =>
  ["# Meeting #001", "", "### Action Items", "", ...actions, "", "### Open Discussion", "", ...discussion, ""].join("\n").replace(/\n/g, eol);
const ids = (texts: string[]) => texts.map((text) => /^\S+/.exec(text)?.[0]);

describe("carried items over GitHub's limit", () => {
  // How many 1,000-character items the example template has room for.
  const room = Math.floor((LIMIT - planAfter(previousWith([])).body.length) / (items("act", 1, 1000)[0] as string).length);

  it.each([
    ["Action Items alone, LF", 90, 0, "\n"],
    ["Action Items alone, CRLF", 90, 0, "\r\n"],
    ["both sections, the last section's items go first", 30, 60, "\n"],
    ["one item over the limit", room + 1, 0, "\n"],
    ["far over the limit (200 items)", 200, 0, "\n"],
  ])("%s: whole items from the end are left out, with a note and a warning", (_what, actionCount, discussionCount, eol) => {
    const actions = items("act", actionCount, 1000);
    const discussion = items("disc", discussionCount, 1000);
    const previousBody = previousWith(actions, discussion, eol);
    const plan = planAfter(previousBody);

    expect(plan.body.length).toBeLessThanOrEqual(LIMIT);
    const carried = extractSections(plan.body, ["Action Items", "Open Discussion"]);
    const carriedActions = ids((carried["Action Items"] ?? []).map((item) => item.text));
    const carriedDiscussion = ids((carried["Open Discussion"] ?? []).map((item) => item.text));
    // A prefix of each section, whole (every carried item has all its characters), the last section emptied first.
    expect(carriedActions).toEqual(ids(actions.map((line) => line.slice(6))).slice(0, carriedActions.length));
    expect(carriedDiscussion).toEqual(ids(discussion.map((line) => line.slice(6))).slice(0, carriedDiscussion.length));
    for (const item of [...(carried["Action Items"] ?? []), ...(carried["Open Discussion"] ?? [])]) expect(stripCarryCount(item.text)).toMatch(/ x{1000}$/);
    if (carriedDiscussion.length > 0) expect(carriedActions).toHaveLength(actions.length);

    // Every item left out is counted in a visible note that links the previous meeting.
    const droppedActions = actions.length - carriedActions.length;
    const droppedDiscussion = discussion.length - carriedDiscussion.length;
    expect(droppedActions + droppedDiscussion).toBeGreaterThan(0);
    const notes = [...plan.body.matchAll(/^> meeting-bot: (\d+) more unfinished items? from #1 did not fit \(GitHub's 65,536-character limit\); see #1\.\r?$/gm)].map((m) => Number(m[1]));
    expect(notes).toEqual([droppedActions, droppedDiscussion].filter((count) => count > 0));
    expect(plan.warnings.filter((warning) => /did not fit GitHub's 65,536-character limit/.test(warning))).toHaveLength(notes.length);
    // Not much room is wasted: another whole item would not have fit.
    expect(plan.body.length).toBeGreaterThan(LIMIT - 3 * 1020);
    // Still one marker; and next week the note is not an item to carry.
    expect(parseMarkers(plan.body).filter((fields) => fields.series)).toHaveLength(1);
    const nextWeek = carryOver({ previousBody: plan.body, targetBody: "### Action Items\n\n### Open Discussion\n", sections: ["Action Items", "Open Discussion"] });
    expect(nextWeek.body).not.toContain("did not fit");
    if (eol === "\n") expect(plan.body).not.toContain("\r");
  });

  it("a body that fits is left as it was (no note, no warning about the limit)", () => {
    const plan = planAfter(previousWith(items("act", 50, 1000)));
    expect(plan.body.length).toBeLessThanOrEqual(LIMIT);
    expect(plan.body).not.toContain("did not fit");
    expect(extractSections(plan.body, ["Action Items"])["Action Items"]).toHaveLength(50);
  });

  it("labelled threads take only the room that is left, with a warning", () => {
    const proposals = Array.from({ length: 40 }, (_, i) => ({ number: 100 + i, title: `Proposal ${i} ${"y".repeat(180)}`, author: "carol" }));
    const plan = planAfter(previousWith(items("act", 62, 1000)), { proposals });
    expect(plan.body.length).toBeLessThanOrEqual(LIMIT);
    const listed = agendaItems(plan.body, "Proposed Agenda", ["Proposed Agenda", "Action Items", "Open Discussion"]);
    expect(listed.length).toBeLessThan(40);
    expect(plan.warnings).toContainEqual(expect.stringMatching(new RegExp(`^${40 - listed.length} of the threads labelled "meeting-agenda" did not fit`)));
  });

  it("a template too long by itself is a TemplateError naming the file, the size and the limit", () => {
    const huge = parseIssueTemplate(`---\nname: Weekly\ntitle: "Weekly #{{number}}"\n---\n## Notes\n\n${"z".repeat(LIMIT)}\n`, ".github/ISSUE_TEMPLATE/weekly-meeting.md");
    expect(() => planAfter("", { template: huge })).toThrow(TemplateError);
    expect(() => planAfter("", { template: huge })).toThrow(
      /^\.github\/ISSUE_TEMPLATE\/weekly-meeting\.md:5: the meeting issue body would be 65,6\d\d characters with the template filled in, and GitHub allows 65,536; shorten the template$/,
    );
  });

  it.each([
    ["room for the note only", 150, true],
    ["room for not even the note", 60, false],
  ])("a template that leaves %s carries nothing and says so", (_what, spare, noted) => {
    // Sized so the template, the link and the marker fit with `spare` characters, less than one item.
    const probe = planAfter("", { template: EXAMPLE });
    const tight = parseIssueTemplate(EXAMPLE_WITH_FILLER(LIMIT - probe.body.length - spare), ".github/ISSUE_TEMPLATE/weekly-meeting.md");
    const plan = planAfter(previousWith(items("act", 3, 200)), { template: tight });
    expect(plan.body.length).toBeLessThanOrEqual(LIMIT);
    expect(plan.body).not.toContain("act-000");
    expect(plan.body.includes("> meeting-bot: 3 more unfinished items from #1 did not fit")).toBe(noted);
    expect(plan.warnings).toContainEqual(expect.stringMatching(/did not fit GitHub's 65,536-character limit/));
  });
});

function EXAMPLE_WITH_FILLER(filler: number): string {
  return `---\nname: Weekly\ntitle: "Crates.io Weekly Team Meeting #{{number}}"\nlabels: meeting\n---\n${EXAMPLE.body}\n${"f".repeat(filler)}\n`;
}

describe("/agenda add into a full meeting issue", () => {
  const add = (text: string, commentId: number): AgendaRequest => ({ kind: "add", text, author: "alice", source: { commentId, index: 0 } });
  const nearlyFull = (room: number, first = "First") => {
    const head = `## Proposed Agenda\n\n- [ ] ${first}\n\n## Notes\n\n`;
    return head + "n".repeat(LIMIT - room - head.length - 1) + "\n";
  };

  it.each([
    ["no room at all", 0, ["Topic"], ["invalid"]],
    ["room for one short item, not for a long one", 80, ["Short", `Long ${"w".repeat(200)}`], ["added", "invalid"]],
    ["the first adds fit, the last do not", 200, ["One", "Two", "Three", `Four ${"w".repeat(150)}`], ["added", "added", "added", "invalid"]],
    ["plenty of room", 5000, ["One", "Two"], ["added", "added"]],
  ])("%s", (_what, room, texts, statuses) => {
    const body = nearlyFull(room);
    const { body: after, outcomes } = applyAgendaCommands(body, "Proposed Agenda", texts.map((text, i) => add(text, 10 + i)));
    expect(after.length).toBeLessThanOrEqual(LIMIT);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(statuses);
    // What the commenter is told, as written here, not as the code's constant says.
    for (const outcome of outcomes) if (outcome.status === "invalid") expect(outcome.reason).toMatch(/^the meeting issue is full \(GitHub allows 65,536 characters in an issue body\)/);
    // What was refused is not in the body; what was added is, whole.
    texts.forEach((text, i) => expect(after.includes(`- [ ] ${text} (@alice)`)).toBe(statuses[i] === "added"));
  });

  it("removing still works in a full issue, and makes room", () => {
    const body = nearlyFull(0, `First ${"v".repeat(100)}`);
    const { body: after, outcomes } = applyAgendaCommands(body, "Proposed Agenda", [{ kind: "remove", target: { text: "First" } }, add("Second", 20)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["removed", "added"]);
    expect(after.length).toBeLessThanOrEqual(LIMIT);
  });
});
