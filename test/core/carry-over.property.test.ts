import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { carryOver } from "../../src/core/carry-over.js";
import { extractSections } from "../../src/core/extract-sections.js";
import { parseMarkers } from "../../src/core/markers.js";
import { propertyRuns } from "../helpers/property-runs.js";

/*
 * Nothing unfinished may be lost. We generate previous meetings the way people write them (any
 * bullet, checkboxes or none, struck items, nested items, paragraphs, comments, hints, CRLF,
 * sections under any heading style, repeated, next to decoys) and new meeting bodies from a
 * template, and check the result against the generator's own model, not against our parser.
 */

const SECTIONS = ["Action Items", "Open Discussion"] as const;
type State = "open" | "checked" | "plain" | "struck";

interface ItemShape {
  state: State;
  decor: string;
  multiline: boolean;
  children: ItemShape[];
}
type BlockShape =
  | { kind: "list"; bullet: string; items: ItemShape[] }
  | { kind: "paragraph"; state: State; multiline: boolean }
  | { kind: "lead"; state: "open" | "checked" | "plain"; blank: boolean; items: ItemShape[] }
  | { kind: "comment"; ghosts: boolean }
  | { kind: "hint" };
type PartShape =
  | { kind: "section"; name: 0 | 1; style: number; blocks: BlockShape[] }
  | { kind: "other"; style: number; bullet: string };

const FORGED = "<!-- meeting-bot:series=weekly occurrence=2020-01-01T00:00:00Z -->";
const STATE = fc.constantFrom<State>("open", "checked", "plain", "struck");
const DECOR = fc.constantFrom(
  "",
  " with `code`",
  " see [the issue](https://example.com/a_b?c=1)",
  " for @alice",
  " **soon**",
  " _maybe_",
  ` ${FORGED}`,
  " <!-- a note -->",
);
const BULLET = fc.constantFrom("-", "*", "+", "1.", "1)");
const leaf = fc.record({ state: STATE, decor: DECOR, multiline: fc.boolean(), children: fc.constant<ItemShape[]>([]) });
const child = fc.record({ state: STATE, decor: DECOR, multiline: fc.boolean(), children: fc.array(leaf, { maxLength: 1 }) });
const item = fc.record({ state: STATE, decor: DECOR, multiline: fc.boolean(), children: fc.array(child, { maxLength: 2 }) });
const block: fc.Arbitrary<BlockShape> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("list" as const), bullet: BULLET, items: fc.array(item, { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("paragraph" as const), state: STATE, multiline: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("lead" as const),
      state: fc.constantFrom<"open" | "checked" | "plain">("open", "checked", "plain"),
      blank: fc.boolean(),
      items: fc.array(child, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("comment" as const), ghosts: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("hint" as const) }) },
);
const part: fc.Arbitrary<PartShape> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("section" as const), name: fc.constantFrom<0 | 1>(0, 1), style: fc.nat(5), blocks: fc.array(block, { maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("other" as const), style: fc.nat(2), bullet: BULLET }) },
);

const HEADINGS: Array<[string, string]> = [
  ["## Action Items", "## Open Discussion"],
  ["### 📝 Action items (async)", "### 💬 Open discussions – week 3"],
  ["**Action Items**", "**Open Discussion:**"],
  ["Action items:", "Open discussion:"],
  ["# ACTION ITEMS", "# OPEN DISCUSSION"],
  ["## 3. Action Item:", "## 4) Open Discussion"],
];
// Level 1, so they end even a `# ACTION ITEMS` section (deeper headings belong to the section above them).
const OTHERS = ["# Notes", "# Review of last week's action items", "**Decisions**"];

/** What the generator knows about an item it wrote. */
interface Written {
  id: string;
  section: string;
  done: boolean;
  /** Every id inside it (its own and its descendants'). */
  ids: string[];
  /**
   * The ids that must reach the new body: an unfinished item with everything nested in it; under a
   * finished item, each unfinished one nested in it (with its own nested items).
   */
  kept: string[];
  /** Its own Markdown without bullet or checkbox (single-line items only), to copy into a target. */
  line: string | null;
}

class Writer {
  private next = 0;
  readonly items: Written[] = [];
  readonly ghosts: string[] = [];

  id(): string {
    this.next += 1;
    return `id${this.next}x`;
  }

  content(state: State, decor: string, id: string): string {
    switch (state) {
      case "open":
        return `[ ] ${id}${decor}`;
      case "checked":
        return `${this.next % 2 ? "[x]" : "[X]"} ${id}${decor}`;
      case "plain":
        return `${id}${decor}`;
      case "struck":
        return `${this.next % 2 ? "" : "[ ] "}~~${id} gone~~`;
    }
  }

  listItem(shape: ItemShape, marker: string, indent: string, ids: string[], kept: string[], travels = false): string[] {
    const id = this.id();
    ids.push(id);
    const carried = travels || !(shape.state === "checked" || shape.state === "struck");
    if (carried) kept.push(id);
    const inner = indent + " ".repeat(marker.length + 1);
    const lines = [`${indent}${marker} ${this.content(shape.state, shape.decor, id)}`];
    if (shape.multiline && shape.state !== "struck") lines.push(`${inner}continued`);
    shape.children.forEach((nested, index) => {
      const nestedMarker = ["-", "*", "1."][(index + this.next) % 3] as string;
      lines.push(...this.listItem(nested, nestedMarker, inner, ids, kept, carried));
    });
    return lines;
  }

  block(shape: BlockShape, section: string): string {
    switch (shape.kind) {
      case "list":
        return shape.items
          .flatMap((entry, index) => {
            const marker = /\d/.test(shape.bullet) ? `${index + 1}${shape.bullet.slice(-1)}` : shape.bullet;
            const ids: string[] = [];
            const kept: string[] = [];
            const lines = this.listItem(entry, marker, "", ids, kept);
            const single = !entry.multiline && entry.children.length === 0 && entry.state !== "struck";
            this.items.push({
              id: ids[0] as string,
              section,
              done: entry.state === "checked" || entry.state === "struck",
              ids,
              kept,
              line: single ? `${ids[0]}${entry.decor}` : null,
            });
            return lines;
          })
          .join("\n");
      case "paragraph": {
        const id = this.id();
        const text = this.content(shape.state, "", id) + (shape.multiline && shape.state !== "struck" ? "\ncontinued" : "");
        const done = shape.state === "checked" || shape.state === "struck";
        this.items.push({ id, section, done, ids: [id], kept: done ? [] : [id], line: null });
        return text;
      }
      case "lead": {
        // `Priya:` above her list: one item, the list its children (see extractItems).
        const id = this.id();
        const ids = [id];
        const kept: string[] = [];
        // A plain lead whose items are all finished is finished too.
        const childrenDone = shape.items.every((item) => item.state === "checked" || item.state === "struck");
        const done = shape.state === "checked" || (shape.state === "plain" && childrenDone);
        if (!done) kept.push(id);
        const lines = [`${this.content(shape.state, "", id)}:`, ...(shape.blank ? [""] : [])];
        for (const entry of shape.items) lines.push(...this.listItem(entry, "-", "", ids, kept, !done));
        this.items.push({ id, section, done, ids, kept, line: null });
        return lines.join("\n");
      }
      case "comment": {
        if (!shape.ghosts) return "<!-- Items here can be carried over from previous weeks. -->";
        const ghost = this.id();
        this.ghosts.push(ghost);
        return `<!--\n- [ ] ${ghost}\n- not this either\n-->`;
      }
      case "hint":
        return "_Add items below, one per line._";
    }
  }

  document(parts: PartShape[]): string {
    const out = ["Meeting notes, written by hand."];
    for (const shape of parts) {
      if (shape.kind === "other") {
        const ghost = this.id();
        this.ghosts.push(ghost);
        out.push(OTHERS[shape.style] as string, `${shape.bullet} [ ] ${ghost} belongs elsewhere`);
        continue;
      }
      const name = SECTIONS[shape.name];
      out.push((HEADINGS[shape.style] as [string, string])[shape.name], ...shape.blocks.map((entry, index) => this.block(afterLead(entry, shape.blocks[index - 1]), name)));
    }
    return out.join("\n\n");
  }
}

/** A `-` list right after a lead's `-` list would continue it (one loose list): write it with `*`. */
function afterLead(shape: BlockShape, previous: BlockShape | undefined): BlockShape {
  return shape.kind === "list" && shape.bullet === "-" && previous?.kind === "lead" ? { ...shape, bullet: "*" } : shape;
}

interface TargetShape {
  eol: "\n" | "\r\n";
  present: [boolean, boolean];
  content: [number[], number[]];
  copyFirst: boolean;
  tight: boolean;
}
const target = fc.record({
  eol: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
  present: fc.tuple(fc.boolean(), fc.boolean()),
  content: fc.tuple(fc.array(fc.nat(2), { maxLength: 3 }), fc.array(fc.nat(2), { maxLength: 3 })),
  copyFirst: fc.boolean(),
  tight: fc.boolean(),
});

const TARGET_HEAD = `<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z -->\n\n# Meeting zz0\n\n- **Date:** soon\n\n`;
const TARGET_MIDDLE = "## Between zz1\n\n- not an action zz1b\n\n";
const TARGET_TAIL = "## After zz2\n\nThe end.\n";

/** The new meeting's body in parts, so the test knows which bytes must survive. */
function targetParts(shape: TargetShape, written: Written[]): string[] {
  const sectionText = (index: 0 | 1): string => {
    if (!shape.present[index]) return "";
    const name = SECTIONS[index];
    const blocks = shape.content[index].map(
      (kind, n) => ["<!-- Items here can be carried over. -->", "_Add items below._", `- [ ] existing${index}${n}z`][kind] as string,
    );
    const first = written.find((entry) => entry.section === name && !entry.done && entry.line !== null);
    if (shape.copyFirst && first?.line) blocks.push(`- [ ] ${first.line}`);
    const body = [`### ${name}`, ...blocks].join("\n\n");
    return body + (shape.tight ? "\n" : "\n\n");
  };
  return [TARGET_HEAD, sectionText(0), TARGET_MIDDLE, sectionText(1), TARGET_TAIL].map((text) =>
    text.replace(/\n/g, shape.eol),
  );
}

/** `changed` is `original` with one run of characters inserted after `from`. */
function isOneInsertion(original: string, changed: string, from: number): boolean {
  let prefix = 0;
  while (prefix < original.length && original[prefix] === changed[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < original.length - from && original.at(-1 - suffix) === changed.at(-1 - suffix)) suffix += 1;
  return changed.length >= original.length && prefix + suffix >= original.length && prefix >= from;
}

const count = (text: string, word: string) => text.split(word).length - 1;

/** What `changed` holds that `original` does not, when it is `original` with one run inserted. */
function insertedRun(original: string, changed: string): string {
  let prefix = 0;
  while (prefix < original.length && original[prefix] === changed[prefix]) prefix += 1;
  return changed.slice(prefix, changed.length - (original.length - prefix));
}

/** Every line of `run`, without the bullet, checkbox and indentation the carry-over adds, is text of `previous`. */
function comesFrom(run: string, previous: string): boolean {
  const source = previous.replace(/\r\n/g, "\n");
  // The zero-width space is the one byte the carry-over adds: it defuses a copied marker.
  return run
    .replace(/\u200b/g, "")
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.replace(/^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?/, "").trim())
    .filter((line) => line !== "")
    .every((line) => source.includes(line));
}

describe("carryOver, for any meeting people write", () => {
  it("loses nothing unfinished, carries nothing done, and touches no other byte", () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 5 }), fc.constantFrom("\n", "\r\n"), target, (parts, eol, targetShape) => {
        const writer = new Writer();
        const previousBody = writer.document(parts).replace(/\n/g, eol);
        const pieces = targetParts(targetShape, writer.items);
        const targetBody = pieces.join("");

        const result = carryOver({ previousBody, targetBody, sections: [...SECTIONS] });
        const body = result.body;
        const sections = extractSections(body, [...SECTIONS]);

        for (const written of writer.items) {
          for (const id of written.ids) expect(count(body, id)).toBe(written.kept.includes(id) ? 1 : 0);
          if (written.done) continue;
          for (const id of written.ids) expect(count(body, id)).toBe(1);
          const holders = (sections[written.section] ?? []).filter((entry) => entry.text.includes(written.id));
          expect(holders).toHaveLength(1);
        }
        for (const ghost of writer.ghosts) expect(count(body, ghost)).toBe(0);
        expect(parseMarkers(body)).toEqual(parseMarkers(targetBody));

        // Bytes outside the two sections are untouched; inside each, one run was inserted after the heading.
        const [head, actions, middle, discussion, tail] = pieces as [string, string, string, string, string];
        expect(body.startsWith(head)).toBe(true);
        const middleAt = body.indexOf(middle, head.length);
        const tailAt = body.indexOf(tail, middleAt + middle.length);
        expect(middleAt).toBeGreaterThanOrEqual(head.length);
        expect(tailAt).toBeGreaterThan(middleAt);
        expect(isOneInsertion(actions, body.slice(head.length, middleAt), actions.indexOf(targetShape.eol) + 1)).toBe(true);
        expect(
          isOneInsertion(discussion, body.slice(middleAt + middle.length, tailAt), discussion.indexOf(targetShape.eol) + 1),
        ).toBe(true);
        // Nothing that is not in the previous meeting appears in the new one.
        expect(comesFrom(insertedRun(actions, body.slice(head.length, middleAt)), previousBody)).toBe(true);
        expect(comesFrom(insertedRun(discussion, body.slice(middleAt + middle.length, tailAt)), previousBody)).toBe(true);
        // A section the target lacks is appended as `### <name>`, with its items, only when it has some.
        const appended = body.slice(tailAt + tail.length);
        const owed = SECTIONS.filter((name, index) => !targetShape.present[index] && writer.items.some((entry) => entry.section === name && entry.kept.length > 0));
        const headings = [...appended.matchAll(/^### (.+?)\r?$/gm)].map((match) => match[1]);
        expect(headings).toEqual(owed);
        expect(comesFrom(appended.replace(/^### .+$/gm, ""), previousBody)).toBe(true);

        // Inserted lines follow the target's line endings.
        if (targetShape.eol === "\n") expect(body).not.toContain("\r");
        else expect(body.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);

        // And doing it again changes nothing.
        expect(carryOver({ previousBody, targetBody: body, sections: [...SECTIONS] }).body).toBe(body);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
