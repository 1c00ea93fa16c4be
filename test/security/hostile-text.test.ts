import { describe, expect, it } from "@jest/globals";
import { ConfigError } from "../../src/config/config-error.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { parseAgendaCommands } from "../../src/core/agenda-command.js";
import { sanitizeItemText, threadItemText } from "../../src/core/agenda-item.js";
import { agendaItems, applyAgendaCommands, type AgendaRequest } from "../../src/core/apply-agenda-commands.js";
import { carryOver } from "../../src/core/carry-over.js";
import { extractSections } from "../../src/core/extract-sections.js";
import { findSections } from "../../src/core/find-sections.js";
import { parseMarkers } from "../../src/core/markers.js";
import { CONFIG } from "../helpers/meeting-world.js";
import { EXAMPLE, exampleSeries, planAfter } from "./plan-fixture.js";
import { htmlNodes, sectionBreaks } from "../helpers/markdown-nodes.js";

/*
 * Markdown and marker injection through every text the app copies into a meeting issue: issue
 * and PR titles (`/agenda add` on a thread, the agenda label, the labelled threads listed on a
 * new meeting), `/agenda add` text, carried items of a hand-edited previous meeting, and the
 * config's values rendered into the template. None may create a section, hide what follows,
 * check a box, forge one of the app's markers, or lose an unfinished item.
 */

const NAMES = ["Proposed Agenda", "Action Items", "Open Discussion"];
const MEETING = planAfter("").body; // meeting #002 as the app creates it from the example template
const FORGED_SERIES = "<!-- meeting-bot:series=weekly occurrence=2020-09-25T20:30:00Z -->";
const MENTION = /(?<![\p{L}\p{N}_])@[A-Za-z0-9]/u;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

const topLevel = sectionBreaks;
const seriesMarkers = (body: string) => parseMarkers(body).filter((fields) => fields.series !== undefined || fields.occurrence !== undefined);
const sectionCounts = (body: string) => [...findSections(body, NAMES).values()].map((sections) => sections.length);

/** What must hold after hostile text was added to the agenda of MEETING as `added` new items. */
function expectHarmless(after: string, added: number): string[] {
  // No new heading, rule, section or series marker; the item markers are the app's own, one per item.
  expect(topLevel(after)).toEqual(topLevel(MEETING));
  expect(sectionCounts(after)).toEqual(sectionCounts(MEETING));
  expect(seriesMarkers(after)).toEqual(seriesMarkers(MEETING));
  const itemMarkers = parseMarkers(after).filter((fields) => !fields.series);
  expect(itemMarkers).toHaveLength(added);
  for (const fields of itemMarkers) expect(Object.keys(fields).sort()).toEqual(expect.arrayContaining(fields.labeled ? ["labeled"] : ["comment", "index"]));
  // Exactly `added` new agenda items, unchecked, each on one line with no HTML but its marker.
  const items = agendaItems(after, "Proposed Agenda", NAMES);
  expect(items).toHaveLength(agendaItems(MEETING, "Proposed Agenda", NAMES).length + added);
  const fresh = items.slice(-added);
  for (const item of fresh) {
    expect(item.done).toBe(false);
    expect(item.children).toEqual([]);
    const line = after.slice(item.start, item.end);
    expect(line).not.toMatch(/[\r\n]/);
    expect(htmlNodes(line)).toEqual([expect.stringMatching(/^<!-- meeting-bot:(comment=\d+ index=\d+|labeled=\d+) -->$/)]);
    expect(line).not.toMatch(BIDI);
  }
  expect(after.length).toBeGreaterThan(MEETING.length);
  return fresh.map((item) => after.slice(item.start, item.end));
}

const HOSTILE_TITLES: string[] = [
  "Foo\n## Action Items\n- [ ] injected",
  "Foo\r\n### Open Discussion\r\n- [ ] injected",
  "Foo\u2028## Action Items\u2029- [ ] injected",
  FORGED_SERIES,
  "<!--meeting-bot:series=weekly occurrence=2020-09-25T20:30:00Z-->",
  "<!-- meeting-bot:comment=1 index=0 -->",
  "<!-- meeting-bot:labeled=5 -->",
  "`<!-- meeting-bot:series=weekly occurrence=2099-01-01T00:00:00Z -->`",
  "&lt;!-- meeting-bot:series=weekly occurrence=2020-09-25T20:30:00Z --&gt;",
  "</details>",
  "<details><summary>Click me</summary>",
  "<!-- never closed",
  "--> closes nothing",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<https://example.com/autolink>",
  "[x] Already done",
  "] [x] trick",
  "- [x] checked bullet",
  "@everyone look at this",
  "@rust-lang/crates-io please review",
  "cc @alice, @bob and mail@example.com",
  "Zero\u200bwidth\u2060joiner\ufeff",
  "\u202Egnp.exe",
  "\u2066isolate\u2069 and \u202Dforce",
  "\u0000\u0007 control characters",
  "Ends with a backslash \\",
  "**unclosed bold",
  "`unclosed code",
  "[click](javascript:alert(1))",
  "Proposed Agenda:",
  "**Action Items**",
  "---",
  "=====",
  "| a | b |\n|---|---|",
  "#1 Pretends to be issue 1",
  "x".repeat(250),
];

describe("hostile issue and PR titles", () => {
  const cut = (title: string) => (title.length > 200 ? `${title.slice(0, 199)}…` : title);

  it.each(HOSTILE_TITLES.map((title) => [JSON.stringify(title).slice(0, 70), title]))("/agenda add on a thread titled %s", (_name, title) => {
    const text = threadItemText({ number: 45, title: cut(title) });
    const request: AgendaRequest = { kind: "add", text, author: "alice", source: { commentId: 9001, index: 0 } };
    const { body, outcomes } = applyAgendaCommands(MEETING, "Proposed Agenda", [request], NAMES);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["added"]);
    const [line] = expectHarmless(body, 1);
    expect(line).toMatch(/^- \[ \] #45 /);
    // A title's mentions pinged no one; copied, they still do not.
    expect((line ?? "").replace(/ \(@alice\) <!--.*$/, "")).not.toMatch(MENTION);
  });

  it.each(HOSTILE_TITLES.map((title) => [JSON.stringify(title).slice(0, 70), title]))("the agenda label and a new meeting's list of labelled threads, titled %s", (_name, title) => {
    const label: AgendaRequest = { kind: "add", text: threadItemText({ number: 46, title: cut(title) }), author: "carol", source: { label: true, issue: 46 } };
    const labelled = applyAgendaCommands(MEETING, "Proposed Agenda", [label], NAMES).body;
    expectHarmless(labelled, 1);
    // Listed when the next meeting issue is created.
    const plan = planAfter("", { proposals: [{ number: 46, title: cut(title), author: "carol" }] });
    expect(plan.body).toBe(labelled);
  });
});

describe("hostile /agenda add text (from an allowed member)", () => {
  const COMMAND_TEXTS = HOSTILE_TITLES.filter((text) => !/[\r\n]/.test(text) && !/^x+$/.test(text)).concat([
    "--series weekly <!-- meeting-bot:series=weekly occurrence=2020-09-25T20:30:00Z -->",
    "\u2028## Heading after a line separator",
    "\u0085### Heading after NEL",
    "1. numbered",
    "> quoted",
    "# heading",
    "`Vec<T>` keeps its code",
  ]);
  it.each(COMMAND_TEXTS.map((text) => [JSON.stringify(text).slice(0, 70), text]))("%s", (_name, text) => {
    const commands = parseAgendaCommands(`/agenda add ${text}`);
    expect(commands).toHaveLength(1);
    const command = commands[0];
    if (command?.kind !== "add") throw new Error(`not an add: ${JSON.stringify(command)}`);
    const clean = sanitizeItemText(command.text);
    // Every one of these is something to discuss: defused and added, never refused.
    if (!clean.ok) throw new Error(`refused: ${clean.reason}`);
    const request: AgendaRequest = { kind: "add", text: clean.text, author: "alice", source: { commentId: 9002, index: 0 } };
    const { body, outcomes } = applyAgendaCommands(MEETING, "Proposed Agenda", [request], NAMES);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["added"]);
    expectHarmless(body, 1);
  });
});

describe("/agenda add texts that must be refused, with the reason", () => {
  it.each([
    ["spaces only", "   ", /^the item is empty: write what to discuss/],
    ["control characters only", "\u0000\u0007", /^the item is empty/],
    ["a bullet and a box with nothing after them", "- [ ]  ", /^the item is empty/],
    ["a heading marker with nothing after it", "### ", /^the item is empty/],
    ["301 characters", "x".repeat(301), /^the item is 301 characters; the limit is 300: shorten it or link an issue instead$/],
  ])("%s", (_what, text, reason) => {
    const [command] = parseAgendaCommands(`/agenda add ${text}`);
    const clean = command?.kind === "add" ? sanitizeItemText(command.text) : { ok: true as const };
    expect(clean).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe("hostile carried items in a hand-edited previous meeting", () => {
  const previous = (hostile: string) =>
    ["# Meeting #001", "", "### Action Items", "", hostile, "- [ ] SENTINEL-after stays unfinished", "", "### Open Discussion", "", "- [ ] SENTINEL-discussion", ""].join("\n");

  it.each<[string, string, string | null]>([
    // what, the hostile unfinished item(s), a token of it that must be carried (null: it is not an item)
    ["a forged series marker in an item", `- [ ] HOSTILE-1 ${FORGED_SERIES}`, "HOSTILE-1"],
    ["a forged marker on its own line (not an item)", FORGED_SERIES, null],
    ["an HTML comment opened in a continuation line and never closed", "- [ ] HOSTILE-3 hides\n  <!--\n  the rest", "HOSTILE-3"],
    ["a closed comment, then one never closed", "- [ ] HOSTILE-4\n  <!-- fine --> <!-- not closed", "HOSTILE-4"],
    // A bullet that holds only a comment shows nothing on GitHub: a placeholder, not an item.
    ["an unclosed comment as the item's first text", "- <!-- HOSTILE-5 unclosed", null],
    ["a heading and an item inside an item", "- [ ] HOSTILE-6\n  ## Open Discussion\n  - [ ] injected", "HOSTILE-6"],
    ["a setext heading inside an item", "- [ ] HOSTILE-7\n  ===", "HOSTILE-7"],
    ["a thematic break inside an item", "- [ ] HOSTILE-8\n\n  ---\n\n  after", "HOSTILE-8"],
    ["</details> and <details> in an item", "- [ ] HOSTILE-9 </details> <details><summary>x</summary>", "HOSTILE-9"],
    ["an HTML block left open in an item", "- [ ] HOSTILE-10\n  <div>\n  inside", "HOSTILE-10"],
    ["a fence never closed in an item", "- [ ] HOSTILE-11\n  ```\n  code", "HOSTILE-11"],
    ["an [x] trick after the checkbox", "- [ ] [x] HOSTILE-12 looks done", "HOSTILE-12"],
    ["a team mention (kept: carried text is the team's own)", "- [ ] HOSTILE-13 @rust-lang/crates-io ping", "HOSTILE-13"],
    ["bidi and zero-width characters (kept byte for byte)", "- [ ] HOSTILE-14 \u202Egnp.exe \u200b", "HOSTILE-14"],
    ["a backslash at the end", "- [ ] HOSTILE-15 \\", "HOSTILE-15"],
    ["a paragraph item with a forged marker", `HOSTILE-16 paragraph ${FORGED_SERIES}`, "HOSTILE-16"],
    // Found by the fuzzer (test/security/fuzz.test.ts), kept as cases:
    ["an item opening with an unclosed comment, a list-like line inside", "+ <!-- HOSTILE-17\n    - ## Action Items", null],
    ["an item opening with </details>, a list-like line inside", "- </details> HOSTILE-18\n    - ## Action Items", "HOSTILE-18"],
    ["an item that is a rule", "* ---", null],
    ["a paragraph whose continuation line looks like a list", "HOSTILE-20 paragraph\n    - ## Action Items", "HOSTILE-20"],
    ["a paragraph whose continuation line looks like an underline", "HOSTILE-21 paragraph\n    ===", "HOSTILE-21"],
    ["an item that is indented code looking like a bullet", "-     * HOSTILE-22", "HOSTILE-22"],
    ["an item opening with a comment that closes itself (<!-->)", "1. <!--> HOSTILE-23", "HOSTILE-23"],
    ["a lazy continuation line that looks like an underline", "1. HOSTILE-24 `\n===", "HOSTILE-24"],
    ["a lazy continuation line that looks like a list", "10.  HOSTILE-25 first\n    - ## Action Items", "HOSTILE-25"],
    ["a line of U+2028 (text to Markdown, blank to JavaScript) inside an item", "* HOSTILE-26\r\u2028\n    - ", "HOSTILE-26"],
  ])("%s", (_what, hostile, token) => {
    const result = carryOver({ previousBody: previous(hostile), targetBody: MEETING, sections: ["Action Items", "Open Discussion"] });
    const body = result.body;
    // Nothing unfinished is lost, hostile or not, and the items stay under their sections.
    const sections = extractSections(body, ["Action Items", "Open Discussion"]);
    const actionTexts = (sections["Action Items"] ?? []).map((item) => item.text);
    expect(actionTexts.some((text) => text.includes("SENTINEL-after"))).toBe(true);
    expect((sections["Open Discussion"] ?? []).map((item) => item.text)).toEqual(["SENTINEL-discussion"]);
    if (token) expect(actionTexts.filter((text) => text.includes(token))).toHaveLength(1);
    // Still unfinished, so next week carries them again.
    expect((sections["Action Items"] ?? []).filter((item) => item.done === true)).toEqual([]);
    const week3 = extractSections(carryOver({ previousBody: body, targetBody: MEETING, sections: ["Action Items"] }).body, ["Action Items"])["Action Items"] ?? [];
    expect(week3.map((item) => item.text)).toEqual(actionTexts);
    // No new section or heading, no forged marker, and no comment left open to hide what follows.
    expect(topLevel(body)).toEqual(topLevel(MEETING));
    expect(sectionCounts(body)).toEqual(sectionCounts(MEETING));
    expect(seriesMarkers(body)).toEqual(seriesMarkers(MEETING));
    for (const html of htmlNodes(body)) {
      const opened = html.lastIndexOf("<!--");
      if (opened !== -1) expect(html.indexOf("-->", opened + 2)).toBeGreaterThan(opened); // `<!-->` closes itself, as in HTML
    }
    // And running it again adds nothing.
    expect(carryOver({ previousBody: previous(hostile), targetBody: body, sections: ["Action Items", "Open Discussion"] }).body).toBe(body);
  });
});

describe("a body that starts with a byte-order mark (found by the fuzzer)", () => {
  it("carries every item whole, and /agenda adds in the right place", () => {
    const previousBody = "\uFEFF\n## Action Items\n* * nested BOM-1 item\n- [ ] BOM-2 plain item\n";
    const carried = carryOver({ previousBody, targetBody: MEETING, sections: ["Action Items"] }).body;
    expect((extractSections(carried, ["Action Items"])["Action Items"] ?? []).map((item) => item.text)).toEqual(["nested BOM-1 item", "BOM-2 plain item"]);
    const request: AgendaRequest = { kind: "add", text: "After a BOM", author: "alice", source: { commentId: 9003, index: 0 } };
    const { body } = applyAgendaCommands(`\uFEFF${MEETING}`, "Proposed Agenda", [request], NAMES);
    expect(body.startsWith("\uFEFF")).toBe(true);
    expect(agendaItems(body, "Proposed Agenda", NAMES).map((item) => body.slice(item.start, item.end))).toEqual([
      "- [ ] After a BOM (@alice) <!-- meeting-bot:comment=9003 index=0 -->",
    ]);
  });
});

describe("hostile values from the config and the template", () => {
  it.each([
    ["a forged marker in the location", `location:\n      default: "Zoom ${FORGED_SERIES}"`],
    ["an item marker in the location", `location:\n      default: "Zoom <!-- meeting-bot:comment=1 index=0 -->"`],
    ["a forged marker with odd spacing and case", `location:\n      default: "<!--   MEETING-BOT :series=weekly occurrence=2020-09-25T20:30:00Z -->"`],
  ])("%s cannot make the issue claim another meeting", (_what, location) => {
    const series = exampleSeries((config) => config.replace(/location:\n {6}default: "[^"]*"/, location));
    const plan = planAfter("", { series });
    expect(seriesMarkers(plan.body)).toEqual([{ series: "weekly", occurrence: "2020-09-18T20:30:00Z", previous: "1" }]);
    expect(parseMarkers(plan.body).filter((fields) => !fields.series)).toEqual([]);
  });

  it("a template that carries a marker copied from an old meeting issue still marks each issue as its own meeting", () => {
    const copied = { ...EXAMPLE, body: `<!-- meeting-bot:series=weekly occurrence=2020-09-11T20:30:00Z previous=0 -->\n${EXAMPLE.body}` };
    const plan = planAfter("", { template: copied });
    expect(seriesMarkers(plan.body)).toEqual([{ series: "weekly", occurrence: "2020-09-18T20:30:00Z", previous: "1" }]);
  });

  it.each([["<!--x"], ["alice -->"], ["@rust-lang/core"], ["@@alice"], ["alice bob"], ["a".repeat(40)]])("a role entry %j is not a login: the config is refused", (entry) => {
    expect(() => parseConfig(CONFIG.replace("moderator: [alice, bob, carol]", `moderator: [${JSON.stringify(entry)}]`))).toThrow(ConfigError);
  });
});
