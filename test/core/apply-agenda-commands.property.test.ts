import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { agendaItems, applyAgendaCommands, type AgendaRequest } from "../../src/core/apply-agenda-commands.js";
import { findSections } from "../../src/core/find-sections.js";
import { parseMarkers } from "../../src/core/markers.js";
import { propertyRuns } from "../helpers/property-runs.js";

/*
 * Meeting bodies as people write them around an agenda section (any heading style, any bullet,
 * checkboxes or none, a hint comment, LF or CRLF), with the bytes before and after the section
 * kept aside, so the properties compare against the generator's own model, not our parser.
 */

const SECTION = "Proposed Agenda";

const PREFIXES = [
  "",
  "## Meeting Details\n- **Date/Time:** Friday\n- **Location:** TBA\n\n",
  "<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z -->\n# Weekly #12\n\nSome /agenda talk.\n\n",
  "Intro paragraph\nwith two lines.\n\n---\n\n",
];
const HEADINGS = [
  "### Proposed Agenda",
  "## Proposed agenda",
  "## 📝 Proposed Agenda (add yours)",
  "## [Proposed Agenda](https://github.com/o/r/issues/97)",
  "**Proposed Agenda**",
  "Proposed agenda:",
];
// Each ends the section whatever the heading's style.
const SUFFIXES = ["## Action Items\n\n- [ ] Send notes\n", "# Next\n", "---\n\nfooter\n"];

interface Shape {
  eol: "\n" | "\r\n";
  prefix: string;
  heading: string;
  hint: boolean;
  items: { bullet: string; box: string; word: string }[];
  /** Notes under a sub-heading inside the section: not agenda, never touched. */
  subsection: boolean;
  suffix: string;
}

const word = fc.string({ maxLength: 12 });
const shape: fc.Arbitrary<Shape> = fc.record({
  eol: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
  prefix: fc.constantFrom(...PREFIXES),
  heading: fc.constantFrom(...HEADINGS),
  hint: fc.boolean(),
  items: fc.array(fc.record({ bullet: fc.constantFrom("-", "*", "+", "1."), box: fc.constantFrom("", "[ ] ", "[x] "), word }), { maxLength: 5 }),
  subsection: fc.boolean(),
  suffix: fc.constantFrom(...SUFFIXES),
});

/** The body, and the bytes before and after the agenda section that must never change. */
function render(s: Shape): { body: string; before: string; after: string } {
  const lines = [s.heading, ""];
  if (s.hint) lines.push("<!-- Add agenda items below -->", "");
  // Item words are arbitrary: keep them on their line and out of structure with a fixed start.
  s.items.forEach((item, index) => lines.push(`${item.bullet} ${item.box}Existing ${index} ${item.word.replace(/[\r\n]/g, " ")}`));
  const section = `${lines.join("\n")}\n\n`;
  const convert = (text: string): string => text.replace(/\n/g, s.eol);
  const before = convert(s.prefix);
  const after = convert((s.subsection ? "#### Notes\n\n- [ ] Existing 0 note\n\n" : "") + s.suffix);
  return { body: before + convert(section) + after, before, after };
}

function agendaItemCount(body: string): number {
  return agendaItems(body, SECTION).length;
}

const topicAdds = (words: string[]): AgendaRequest[] =>
  words.map((text, index) => ({ kind: "add", text: `Topic ${index} ${text}`, author: "alice", source: { commentId: 1000 + index, index: 0 } }));

describe("applyAgendaCommands: properties", () => {
  it("N distinct adds make exactly N items, each marker once, outside bytes intact; again changes nothing", () => {
    fc.assert(
      fc.property(shape, fc.array(word, { minLength: 1, maxLength: 4 }), (s, words) => {
        const { body, before, after } = render(s);
        const requests = topicAdds(words);
        const once = applyAgendaCommands(body, SECTION, requests);
        expect(once.outcomes.map((outcome) => outcome.status)).toEqual(requests.map(() => "added"));
        expect(agendaItemCount(once.body)).toBe(agendaItemCount(body) + requests.length);
        for (const index of requests.keys()) {
          expect(parseMarkers(once.body).filter((marker) => marker.comment === String(1000 + index))).toHaveLength(1);
        }
        expect(once.body.startsWith(before)).toBe(true);
        expect(once.body.endsWith(after)).toBe(true);

        const twice = applyAgendaCommands(once.body, SECTION, requests);
        expect(twice.body).toBe(once.body);
        expect(twice.outcomes).toEqual(requests.map(() => ({ status: "already-done" })));
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it("mixed batches never throw, answer every request and keep the bytes outside the section", () => {
    const target = fc.oneof(
      fc.integer({ min: 0, max: 5 }).map((n) => ({ text: `Existing ${n}` })),
      fc.constantFrom({ text: "topic" }, { text: "Existing" }, { text: "x" }, { number: 12 }, { number: 0 }),
      word.map((text) => ({ text })),
    );
    const request: fc.Arbitrary<AgendaRequest> = fc.oneof(
      fc.record({
        kind: fc.constant("add" as const),
        text: fc.oneof(word, fc.constantFrom("Topic", "#12 Twelve", "existing 0", "<!-- x -->", "- [ ]", "`<b>`")),
        author: fc.constantFrom("alice", "bob", "not a login"),
        source: fc.record({ commentId: fc.integer({ min: 0, max: 3 }), index: fc.integer({ min: 0, max: 2 }) }),
      }),
      target.map((t) => ({ kind: "remove" as const, target: t })),
    );
    fc.assert(
      fc.property(shape, fc.array(request, { maxLength: 6 }), (s, requests) => {
        const { body, before, after } = render(s);
        const result = applyAgendaCommands(body, SECTION, requests);
        expect(result.outcomes).toHaveLength(requests.length);
        expect(result.body.startsWith(before)).toBe(true);
        expect(result.body.endsWith(after)).toBe(true);
        // Every marker the batch wrote appears once at most (removes may have taken some out).
        const comments = parseMarkers(result.body).flatMap((marker) => (marker.comment ? [`${marker.comment}/${marker.index}`] : []));
        expect(new Set(comments).size).toBe(comments.length);
        const added = result.outcomes.filter((outcome) => outcome.status === "added").length;
        const removed = result.outcomes.filter((outcome) => outcome.status === "removed").length;
        expect(agendaItemCount(result.body)).toBe(agendaItemCount(body) + added - removed);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it("never throws on arbitrary bodies, and leaves everything before the section alone", () => {
    const pieces = fc.constantFrom(
      "## Proposed Agenda\n", "**Proposed agenda**\n", "Proposed agenda:\n", "- [ ] a\n", "* b\n", "1. c\n", "- [x] #12 d\n", "  - e\n",
      "\n", "\r\n", "<!--", "-->", "```\n", "> ", "---\n", "# Next\n", "text ", "<!-- meeting-bot:comment=1 index=0 -->", "Topic",
    );
    const body = fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 25 }).map((parts) => parts.join(""));
    const requests = fc.array(
      fc.oneof(
        fc.constantFrom<AgendaRequest>(
          { kind: "add", text: "Topic", author: "a", source: { commentId: 1, index: 0 } },
          { kind: "add", text: "#12 d", author: "a", source: { commentId: 2, index: 0 } },
          { kind: "remove", target: { number: 12 } },
          { kind: "remove", target: { text: "a" } },
          { kind: "remove", target: { text: "b" } },
        ),
        fc.string({ maxLength: 8 }).map((text): AgendaRequest => ({ kind: "add", text, author: "a", source: { commentId: 3, index: 0 } })),
      ),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(body, requests, (text, batch) => {
        const result = applyAgendaCommands(text, SECTION, batch);
        expect(result.outcomes).toHaveLength(batch.length);
        const first = findSections(text, [SECTION]).get(SECTION)?.[0];
        expect(result.body.startsWith(text.slice(0, first ? first.heading.start : text.length))).toBe(true);
      }),
      { numRuns: propertyRuns(800) },
    );
  });
});
