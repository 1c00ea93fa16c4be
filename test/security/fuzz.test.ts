import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { parseAgendaCommands } from "../../src/core/agenda-command.js";
import { formatAgendaItem, sanitizeItemText, MAX_ITEM_LENGTH } from "../../src/core/agenda-item.js";
import { applyAgendaCommands, type AgendaRequest } from "../../src/core/apply-agenda-commands.js";
import { carryOver } from "../../src/core/carry-over.js";
import { extractItems, isDone, type ExtractedItem } from "../../src/core/extract-items.js";
import { findSections } from "../../src/core/find-sections.js";
import { MAX_ISSUE_BODY_LENGTH } from "../../src/core/issue-body-limit.js";
import { neutralizeMarkers, parseMarkers } from "../../src/core/markers.js";
import { spliceItems } from "../../src/core/splice-items.js";
import { planAfter } from "./plan-fixture.js";
import { htmlNodes } from "../helpers/markdown-nodes.js";
import MarkdownIt from "markdown-it";

/*
 * Fuzzing with hostile Markdown: token soup built from everything that means something to
 * GitHub's Markdown or to the app (headings, bullets, boxes, fences, comments, forged markers,
 * HTML, mentions, invisible and bidi characters, CR/LF) mixed with arbitrary Unicode. Each
 * property says what must hold for every input; `numRuns` are counted in docs/RELIABILITY.md.
 *
 * The seed is fixed, so the suite is deterministic. To search further:
 *   FUZZ_SEED=random FUZZ_SCALE=20 npm test -- test/security/fuzz.test.ts
 */

const SCALE = Number(process.env.FUZZ_SCALE ?? "1");
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? "20200911");
/** fast-check options: `runs` cases (times FUZZ_SCALE) from the fixed seed; a failure prints its seed and path. */
const runs = (numRuns: number) => ({ numRuns: Math.ceil(numRuns * SCALE), seed: SEED });

const SECTIONS = ["Action Items", "Open Discussion"];
const NAMES = ["Proposed Agenda", ...SECTIONS];
const FORGED = "<!-- meeting-bot:series=weekly occurrence=2020-09-25T20:30:00Z -->";
const TOKENS = [
  "## Action Items", "### Open Discussion", "## Proposed Agenda", "**Action Items**", "Action items:", "# Notes",
  "- [ ] ", "- [x] ", "- ", "* ", "+ ", "1. ", "2) ", "  ", "    ", "\t", "\n", "\n", "\n\n", "\r\n", "\r",
  "<!--", "-->", FORGED, "<!-- meeting-bot:comment=1 index=0 -->", "<!-- a note -->",
  "```", "~~~", "`", "~~", "**", "_", "<details>", "</details>", "<div>", "---", "===", "> ", "|", "| a | b |\n|---|---|",
  "\\", "[", "]", "(", ")", "[x]", "&lt;", "@alice", "@rust-lang/team", "#12", "\u200b", "\u202e", "\u2028", "\ufeff",
  "word", "more words", "/agenda add ", "/agenda remove ", "/agenda", "SENTINEL",
];
const soup = (maxLength: number) =>
  fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }) }), { maxLength }).map((parts) => parts.join(""));

/** A hostile Markdown document: lines that open sections, lists, quotes, fences, comments and HTML, with soup in them. */
const HEADINGS = ["## Action Items", "### Open Discussion", "## Proposed Agenda", "**Action Items**", "Action items:", "Open discussion (async):", "# Notes", "### Outcomes", "Action Items", "---"];
const OPENERS = ["", "", "- ", "- [ ] ", "- [ ] ", "- [x] ", "  - [ ] ", "    - ", "  ", "    ", "\t", "* ", "+ [ ] ", "1. ", "2) ", "> ", "> - [ ] "];
const RAW = ["", "```", "~~~", "<!--", "-->", "<!-- a note -->", FORGED, "===", "<details>", "</details>", "<div>", "| a | b |", "|---|---|"];
const line = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...HEADINGS) },
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...OPENERS), soup(5)).map(([opener, text]) => opener + text) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW) },
);
const doc = (maxLines: number) =>
  fc.tuple(fc.array(line, { maxLength: maxLines }), fc.constantFrom("\n", "\n", "\r\n")).map(([lines, eol]) => lines.join(eol));

/** Same item, as carry-over compares them: defused, without box, whitespace collapsed, a closing `-->` aside. */
const key = (text: string) =>
  neutralizeMarkers(text).replace(/^(?:\[[ xX]\][ \t]+)+/, "").replace(/\s+/g, " ").trim().replace(/\s+-->$/, "");
const seriesMarkers = (body: string) => parseMarkers(body).filter((fields) => fields.series !== undefined);
/** The app's own marker line in a body it created. */
const seriesMarkersText = (body: string) => /<!-- meeting-bot:series=[^>]*-->/.exec(body)?.[0] ?? "(none)";
const unfinished = (body: string, name: string) =>
  (findSections(body, SECTIONS).get(name) ?? []).flatMap((section) => extractItems(body, section)).filter((item) => !isDone(item));
/** Every item of a section, nested ones too. */
const everyItem = (body: string, name: string): ExtractedItem[] => {
  const all = (item: ExtractedItem): ExtractedItem[] => [item, ...item.children.flatMap(all)];
  return (findSections(body, SECTIONS).get(name) ?? []).flatMap((section) => extractItems(body, section)).flatMap(all);
};

/**
 * An oracle that is not the app's parser: markdown-it (another CommonMark implementation) says
 * which `- [ ] SENTINELn` tasks stand in the list directly under a top-level `## Action Items`
 * heading, as GitHub would show them.
 */
const markdownIt = new MarkdownIt({ html: true });
function sentinelsUnderActionItems(body: string): string[] {
  const tokens = markdownIt.parse(body, {});
  const found: string[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== "heading_open" || token.tag !== "h2" || token.level !== 0) return;
    if (tokens[index + 1]?.content !== "Action Items" || tokens[index + 3]?.type !== "bullet_list_open") return;
    for (let at = index + 4; at < tokens.length && !(tokens[at]?.type === "bullet_list_close" && tokens[at]?.level === 0); at++) {
      const token = tokens[at];
      // Inline text of a first-level item's paragraph: list(0) > item(1) > paragraph(2) > inline(3).
      const sentinel = token?.type === "inline" && token.level === 3 ? /^\[ \] (SENTINEL\d+)\b/.exec(token.content)?.[1] : undefined;
      if (sentinel) found.push(sentinel);
    }
  });
  return found;
}

const MEETING = planAfter("").body;
const TARGETS = [MEETING, MEETING.replace(/\n/g, "\r\n"), "", "### Action Items\n", "# Weekly\n\n### Open Discussion\n\n- [ ] existing\n"];

describe("fuzz: the parser (findSections, extractItems)", () => {
  it("never throws; items lie inside their section, in order, without overlapping", () => {
    fc.assert(
      fc.property(fc.oneof(doc(30), soup(60)), (body) => {
        for (const [name, sections] of findSections(body, NAMES)) {
          for (const section of sections) {
            expect(section.name).toBe(name);
            expect(section.heading.end).toBeLessThanOrEqual(section.end);
            let last = section.heading.end;
            for (const item of extractItems(body, section)) {
              expect(item.start).toBeGreaterThanOrEqual(last - 1);
              expect(item.end).toBeLessThanOrEqual(section.end);
              expect(item.start).toBeLessThan(item.end);
              last = item.end;
            }
          }
        }
      }),
      runs(1000),
    );
  });
});

describe("fuzz: the splicer", () => {
  it("never throws, and changes no byte of the body: one run is inserted", () => {
    fc.assert(
      fc.property(fc.oneof(doc(20), soup(40)), fc.constantFrom(...SECTIONS), fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 4 }), (body, name, ids) => {
        const items = ids.map((id) => `- [ ] SPLICED${id}z`);
        const { body: after } = spliceItems(body, name, items, NAMES);
        let prefix = 0;
        while (prefix < body.length && body[prefix] === after[prefix]) prefix += 1;
        expect(after.endsWith(body.slice(prefix))).toBe(true);
        expect(after.length).toBeGreaterThan(body.length);
      }),
      runs(500),
    );
  });
});

describe("fuzz: carry-over from hostile previous meetings", () => {
  it("never throws, loses no unfinished item at any depth, forges no marker, and running it again adds nothing", () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: doc(25) }, { weight: 1, arbitrary: soup(50) }), fc.constantFrom(...TARGETS), (previousBody, targetBody) => {
        const result = carryOver({ previousBody, targetBody, sections: SECTIONS });
        expect(result.warnings.filter((warning) => warning.startsWith("could not carry"))).toEqual([]);
        expect(seriesMarkers(result.body)).toEqual(seriesMarkers(targetBody));
        for (const name of SECTIONS) {
          const now = new Set(everyItem(result.body, name).map((item) => key(item.text)));
          for (const item of everyItem(previousBody, name).filter((entry) => !isDone(entry))) {
            expect(now).toContain(key(item.text));
            checked += 1;
          }
        }
        expect(carryOver({ previousBody, targetBody: result.body, sections: SECTIONS }).body).toBe(result.body);
      }),
      runs(300),
    );
    // The property looked at items, not at empty sections only.
    expect(checked).toBeGreaterThan(50 * SCALE);
  });

  it("carries every task another CommonMark parser sees under ## Action Items, whatever hostile text surrounds it", () => {
    let seen = 0;
    const sentinels = fc.array(fc.tuple(fc.constantFrom("", " with `code`", " @alice", " [x]", " <!-- note -->", " ~~not all~~"), soup(3)), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(doc(12), sentinels, doc(12), fc.constantFrom("\n", "\r\n"), (before, tasks, after, eol) => {
        const lines = tasks.map(([decor, noise], index) => `- [ ] SENTINEL${index} ${decor}${noise.replace(/[\r\n\u2028]+/g, " ")}`);
        const previousBody = [before, "", "## Action Items", "", ...lines, "", after].join(eol);
        const expected = sentinelsUnderActionItems(previousBody);
        seen += expected.length;
        const result = carryOver({ previousBody, targetBody: MEETING, sections: SECTIONS });
        const carried = everyItem(result.body, "Action Items").map((item) => /^SENTINEL\d+/.exec(item.text)?.[0]);
        for (const sentinel of expected) expect(carried.filter((found) => found === sentinel)).toHaveLength(1);
      }),
      runs(300),
    );
    // Most documents leave the sentinels visible: the oracle is not vacuous.
    expect(seen).toBeGreaterThan(150 * SCALE);
  });
});

describe("fuzz: the command parser and the item sanitizer", () => {
  it("never throws; every add is one harmless line of at most 300 characters, or refused", () => {
    fc.assert(
      fc.property(soup(30), (comment) => {
        for (const command of parseAgendaCommands(comment)) {
          if (command.kind !== "add") continue;
          expect(command.text).not.toMatch(/[\r\n]/);
          const clean = sanitizeItemText(command.text);
          if (!clean.ok) continue;
          expect([...clean.text.replace(/&lt;/g, "<").replace(/\\\\$/, "\\")].length).toBeLessThanOrEqual(MAX_ITEM_LENGTH + 1);
          const line = formatAgendaItem({ text: clean.text, author: "alice", source: { commentId: 1, index: command.index } });
          expect(line).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
          expect(parseMarkers(line)).toEqual([{ comment: "1", index: String(command.index) }]);
          expect(htmlNodes(line)).toEqual([`<!-- meeting-bot:comment=1 index=${command.index} -->`]);
        }
      }),
      runs(1500),
    );
  });
});

describe("fuzz: /agenda edits of hostile meeting bodies", () => {
  it("never throws, never grows past GitHub's limit, keeps the app's marker and adds none, and writes every add it reports", () => {
    let written = 0;
    const request = fc.oneof(
      soup(8).map((text): AgendaRequest => ({ kind: "add", text: `T ${text}`, author: "alice", source: { commentId: 7, index: 0 } })),
      fc.integer({ min: 1, max: 50 }).map((issue): AgendaRequest => ({ kind: "add", text: `#${issue} thread`, author: "bob", source: { label: true, issue } })),
      soup(6).map((text): AgendaRequest => ({ kind: "remove", target: { text: `T ${text}` } })),
    );
    fc.assert(
      fc.property(fc.oneof(doc(15), soup(40)), fc.array(request, { maxLength: 4 }), fc.integer({ min: 0, max: 7 }), (hostile, requests, size) => {
        // One body in eight sits near GitHub's limit.
        const pad = size === 7 ? "p".repeat(MAX_ISSUE_BODY_LENGTH - MEETING.length - hostile.length - 200) : "";
        const body = `${MEETING}${hostile}${pad}`;
        const { body: after, outcomes } = applyAgendaCommands(body, "Proposed Agenda", requests, NAMES);
        expect(after.length <= MAX_ISSUE_BODY_LENGTH || after === body).toBe(true);
        // The app's marker survives; none is added. (A remove takes out a whole item, and with it
        // any comment someone wrote inside it, forged markers included.)
        expect(after).toContain(seriesMarkersText(MEETING));
        expect(seriesMarkers(after).length).toBeLessThanOrEqual(seriesMarkers(body).length);
        // (A remove later in the batch may take an added item out again.)
        outcomes.forEach((outcome, index) => {
          if (outcome.status === "added" && !requests.slice(index).some((later) => later.kind === "remove")) {
            expect(after).toContain(outcome.line);
            written += 1;
          }
        });
      }),
      runs(300),
    );
    // Adds were written and checked, not only refused.
    expect(written).toBeGreaterThan(100 * SCALE);
  });
});

describe("fuzz: planning over GitHub's limit", () => {
  const item = fc.record({ done: fc.boolean(), size: fc.integer({ min: 1, max: 4000 }), noise: soup(6) });
  it("the body never exceeds 65,536 characters; what is left out is said, and what is not said is carried", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), fc.array(item, { maxLength: 30 }), (actions, discussion) => {
        let id = 0;
        const lines = (list: typeof actions) =>
          list.map(({ done, size, noise }) => `- [${done ? "x" : " "}] ID${++id}z ${"w".repeat(size)} ${noise.replace(/[\r\n\u2028]+/g, " ").replace(/<!--|```|~~~|<div>/g, "")}`);
        const previousBody = ["### Action Items", "", ...lines(actions), "", "### Open Discussion", "", ...lines(discussion), ""].join("\n");
        const plan = planAfter(previousBody);
        expect(plan.body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY_LENGTH);
        expect(seriesMarkers(plan.body)).toHaveLength(1);
        const left = plan.warnings.some((warning) => /did not fit GitHub's 65,536-character limit/.test(warning));
        const open = SECTIONS.flatMap((name) => unfinished(previousBody, name).map((entry) => /^ID\d+z/.exec(entry.text)?.[0]));
        const carried = SECTIONS.flatMap((name) => unfinished(plan.body, name).map((entry) => /^ID\d+z/.exec(entry.text)?.[0]));
        if (left) expect(plan.body).toMatch(/> meeting-bot: \d+ more unfinished items? from #1 did not fit/);
        else expect(carried).toEqual(open);
        // Left out or not, what is carried is a prefix: never an item after one that was left out.
        expect(open.slice(0, carried.length)).toEqual(carried);
      }),
      runs(40),
    );
  });
});
