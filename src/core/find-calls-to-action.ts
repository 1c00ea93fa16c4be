import type { List, Paragraph, Root, RootContent } from "mdast";
import { markerMatcher, saysItIsDone, type LabelOnly, type MarkerMatch, type MarkerMatcher } from "./call-to-action-marker.js";
import { sameItemKey } from "./collected-item-text.js";
import { extractItems, extractListItems, isDone, saysDone, type ExtractedItem } from "./extract-items.js";
import { findSections, type Section } from "./find-sections.js";
import { parseMarkdown } from "./markdown.js";
import { plainText } from "./plain-text.js";

/** Items marked with one of `markers` go to the section `into` of the next meeting. */
export interface CollectRule {
  markers: readonly string[];
  into: string;
}

/** One call to action written in a meeting's notes. */
export interface CallToAction {
  /** The section of the next meeting it goes to: its rule's `into`. */
  into: string;
  /** The marker it carries, as the rule spells it. */
  marker: string;
  /**
   * The item without its marker (its text, its Markdown source, its nested items), as
   * `extractItems` gives a section's item; `start` and `end` are its place in the notes.
   */
  item: ExtractedItem;
  /** The people its marker named (`TODO(alice): …` → `["@alice"]`), to write after its text. */
  people: string[];
  /** The heading it was under, as plain text; "" above the first heading. */
  under: string;
  /**
   * Checked, struck through, tagged done (`[DONE]`, `DONE:`, ✅), listed under `Done:`, or ticked
   * off in its target section of the same meeting: it stays behind.
   */
  done: boolean;
}

export interface FindCallsOptions {
  /** Sections where nothing is collected (the carried ones): their items are carried as they are. The targets are added. */
  exclude?: readonly string[];
  /** The parsed `markdown`, when the caller has it. */
  tree?: Root;
  /** `findSections(markdown, names)` for the excluded names and the targets, when the caller has it. */
  sections?: Map<string, Section[]>;
}

/** A label's entries: each item below it is a call to action with the label's marker and people. */
interface Label extends LabelOnly {
  into: string;
}

interface Line {
  text: string;
  /** Offset of the line in the document (approximate for the lines of a list item's text). */
  at: number;
}

// A line of a paragraph as people bullet it by hand (`** note`, `• note`), and a task box.
const PSEUDO_BULLET = /^(?:[*+•·‣◦▪-]+|\d{1,9}[.)])[ \t]+/u;
const LINE_BOX = /^\[([ xX]?)\](?:[ \t]+|$)/;
// Any other label on a line of its own (`Decisions:`, `**Zoom meeting**`): where a label's lines end.
const OTHER_LABEL = /^(?:(?:\*\*|__)?[^\s:][^:]{0,60}:(?:\*\*|__)?|(?:\*\*|__)[^*_]{1,60}(?:\*\*|__):?)$/u;
const DONE_LABEL = /^(?:\*\*|__)?(?:done|completed|finished)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?$/i;
// What may open a block at the start of a line (see extract-items): such a continuation line keeps four spaces, so it stays text.
const OPENS_BLOCK = /^(?:[-*+_=#>|<]|\d{1,9}[.)]|```|~~~)/;
// Nothing but when: `Friday, 25 September, 16:00 UTC`, `TBD` (a `Next meeting:` line says when, it asks nothing).
const WHEN_STRONG = /^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|\d{1,4}(?:st|nd|rd|th)?|\d{1,2}[:.h]\d{2}(?:am|pm)?|\d{1,2}(?:am|pm)|\d{4}-\d{2}-\d{2}|tbd|tba|tbc)$/i;
const WHEN_WEAK = /^(?:am|pm|at|on|the|of|from|to|until|and|utc|gmt|cet|cest|eet|eest|wet|west|bst|ist|jst|kst|aest|aedt|[ecmp][sd]t)$/i;

/**
 * The calls to action of a meeting's notes, in document order: items marked with one of the
 * rules' markers (see `markerMatcher` for the forms), anywhere in `markdown` except
 * - the sections named by `exclude` and the rules' targets (their items are carried, or not, as
 *   those sections are), matched as the carry-over matches them;
 * - code, quotes, HTML (comments included), tables and headings.
 *
 * What one call to action is:
 * - a list item whose text opens with a marker's label or holds its tag, with its nested items;
 * - a line of a paragraph (or of a list item's text) that opens with a label or holds a tag, after
 *   any bullet typed by hand (`** TODO: …`), with the lines below it indented deeper;
 * - below a label alone (`TODO:`, `**TODO**`; `TODO` right above a list), each item: the lines
 *   below it in its paragraph, down to the next label, or else the list right below it; or, for a
 *   list item that is only the label, its nested items.
 * Each carries the first rule's target that names its marker.
 */
export function findCallsToAction(markdown: string, rules: readonly CollectRule[], options: FindCallsOptions = {}): CallToAction[] {
  const markers = rules.flatMap((rule) => rule.markers);
  if (markers.length === 0) return [];
  const matcher = markerMatcher(markers);
  const intoOf = (marker: string) => rules.find((rule) => rule.markers.includes(marker))?.into ?? "";
  const tree = options.tree ?? parseMarkdown(markdown);
  const targets = [...new Set(rules.map((rule) => rule.into))];
  const sections = options.sections ?? findSections(markdown, [...new Set([...(options.exclude ?? []), ...targets])], tree);
  const skipped = [...sections.values()].flat();
  const excluded = (offset: number) => skipped.some((section) => offset >= section.heading.start && offset < section.end);

  // What the target sections of these notes already hold ticked off is done, wherever else it is
  // written (read once, when the first call of that target turns up: most notes have none).
  const ticked = new Map<string, Set<string>>();
  const tickedIn = (into: string): Set<string> => {
    let keys = ticked.get(into);
    if (!keys) {
      const all = (item: ExtractedItem): ExtractedItem[] => [item, ...item.children.flatMap(all)];
      const items = (sections.get(into) ?? []).flatMap((section) => extractItems(markdown, section)).flatMap(all);
      keys = new Set(items.filter(isDone).map((item) => sameItemKey(item.text)));
      ticked.set(into, keys);
    }
    return keys;
  };

  const found: CallToAction[] = [];
  const walker = new Walker(markdown, matcher, intoOf, excluded, (call) => {
    const done = call.done || tickedIn(call.into).has(sameItemKey(call.item.text));
    found.push({ ...call, done });
  });
  walker.walk(tree.children);
  return found;
}

class Walker {
  private under = "";

  constructor(
    private readonly markdown: string,
    private readonly matcher: MarkerMatcher,
    private readonly intoOf: (marker: string) => string,
    private readonly excluded: (offset: number) => boolean,
    private readonly emit: (call: CallToAction) => void,
  ) {}

  walk(nodes: readonly RootContent[]): void {
    const consumed = new Set<RootContent>();
    const doneLists = new Set<RootContent>();
    nodes.forEach((node, index) => {
      const next = nodes[index + 1];
      if (node.type === "heading") this.under = plainText(node).replace(/\s+/g, " ").trim();
      // A block that names no marker holds no call (reading its items costs more than this test).
      else if (node.type === "list" && !consumed.has(node)) {
        if (this.mentions(node)) this.items(extractListItems(this.markdown, node), null, doneLists.has(node));
      } else if (node.type === "paragraph") {
        const lines = paragraphLines(this.markdown, node);
        const last = lines.at(-1)?.text.trim() ?? "";
        // `Done:` right above a list: its items are finished (an open box says otherwise).
        if (next?.type === "list" && DONE_LABEL.test(last)) doneLists.add(next);
        if (!this.mentions(node)) return;
        const list = next?.type === "list" ? next : undefined;
        if (this.lines(lines, null, false, list)) consumed.add(list as List);
      }
    });
  }

  /** List items; `label` when they are a label's entries. */
  private items(items: readonly ExtractedItem[], label: Label | null, doneList: boolean): void {
    for (const item of items) this.item(item, label, doneList);
  }

  private item(item: ExtractedItem, label: Label | null, doneList: boolean): void {
    if (this.excluded(item.start) || item.opensWithBlock) return;
    const [first = "", ...others] = item.text.split("\n");
    const alone = this.labelOnly(first, item.children.length > 0 && others.length === 0);
    const own = alone ? null : this.matcher.match(first);
    // A label alone, or a tag with nothing else (`- [TODO]` above its items): its entries are the calls.
    const heads = alone ?? (own && own.rest === "" ? own : null);
    if (heads) {
      const entries = { ...heads, into: this.intoOf(heads.marker) };
      this.lines(linesOf(this.markdown, item, others), entries, doneList || saysDone(item));
      this.items(item.children, entries, doneList || saysDone(item));
      return;
    }
    if (own || label) {
      const marked = own ? withoutMarker(item, own) : item;
      const by = own ? { ...own, into: this.intoOf(own.marker) } : (label as Label);
      const done = isDone(item) || (doneList && item.done !== false) || saysItIsDone(first, own ? own.rest : first);
      this.call(marked, by, done);
      return;
    }
    // Not marked itself: the other lines of its text, then its nested items, may be.
    this.lines(linesOf(this.markdown, item, others), null, doneList);
    this.items(item.children, null, doneList || saysDone(item));
  }

  /**
   * The lines of a paragraph (or of a list item's text below its first line): each line that
   * opens with a label, or holds a tag, is a call with the lines below it indented deeper; a line
   * that is a label alone takes the lines below it as entries (or, when it is the paragraph's last
   * line, `list`). With `label`, every line is an entry of that label. Whether `list` was taken.
   */
  private lines(lines: readonly Line[], label: Label | null, doneList: boolean, list?: List): boolean {
    let took = false;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as Line;
      const shape = lineShape(line.text);
      if (shape.content === "" || this.excluded(line.at)) continue;
      const isLast = index === lines.length - 1;
      const alone = this.labelOnly(shape.content, isLast && list !== undefined && !shape.bullet);
      if (alone) {
        // Its entries: the lines below it (deeper than it, when it is bulleted itself) up to the next label.
        let end = index + 1;
        while (end < lines.length) {
          const below = lineShape((lines[end] as Line).text);
          if ((shape.bullet && below.indent <= shape.indent) || this.labelOnly(below.content) || OTHER_LABEL.test(below.content)) break;
          end += 1;
        }
        const entries = { ...alone, into: this.intoOf(alone.marker) };
        this.lines(lines.slice(index + 1, end), entries, doneList);
        if (end === lines.length && isLast && list) {
          this.items(extractListItems(this.markdown, list), entries, doneList);
          took = true;
        }
        index = end - 1;
        continue;
      }
      const own = this.matcher.match(shape.content);
      if (!own && !label) continue;
      // The lines below it, indented deeper, are its own.
      let end = index + 1;
      while (end < lines.length && lineShape((lines[end] as Line).text).indent > shape.indent) end += 1;
      const below = lines.slice(index + 1, end);
      index = end - 1;
      const text = own ? own.rest : shape.content;
      if (text === "") continue;
      const item = lineItem(text, shape.box, below, line.at, (below.at(-1) ?? line).at + (below.at(-1) ?? line).text.length);
      const by = own ? { ...own, into: this.intoOf(own.marker) } : (label as Label);
      const done = item.done === true || item.struck || (doneList && shape.box !== " ") || saysItIsDone(shape.content, text);
      this.call(item, by, done);
    }
    return took;
  }

  private mentions(node: RootContent): boolean {
    const start = node.position?.start.offset ?? 0;
    return this.matcher.mentions(this.markdown.slice(start, node.position?.end.offset ?? this.markdown.length));
  }

  private labelOnly(line: string, bare = false): LabelOnly | null {
    return this.matcher.labelOnly(line, bare);
  }

  private call(item: ExtractedItem, by: Label, done: boolean): void {
    // `Next meeting: Friday, 25 September` says when; it asks nothing.
    if (onlySaysWhen(item)) return;
    this.emit({ into: by.into, marker: by.marker, item, people: by.people, under: this.under, done });
  }
}

/** The item with its first line's marker taken out, in its text and its source alike (a hard line break at its end stays). */
function withoutMarker(item: ExtractedItem, match: MarkerMatch): ExtractedItem {
  const [, ...textRest] = item.text.split("\n");
  const [sourceFirst = "", ...sourceRest] = item.source.split("\n");
  const trailing = /[ \t]*\\?$/.exec(sourceFirst)?.[0] ?? "";
  return { ...item, text: [match.rest, ...textRest].join("\n").trim(), source: [`${match.rest}${trailing}`, ...sourceRest].join("\n") };
}

/** A call written on a line: its text, then the deeper lines below it as they are (block openers kept as text). */
function lineItem(text: string, box: string | undefined, below: readonly Line[], start: number, end: number): ExtractedItem {
  const continued = below.map((line) => line.text.replace(/^[ \t]+/, "")).filter((line) => line !== "");
  const source = [text, ...continued.map((line) => (OPENS_BLOCK.test(line) ? `    ${line}` : line))].join("\n");
  const struck = /^~~[\s\S]*~~$/.test(text.trim());
  return { text: [text, ...continued].join("\n").trim(), done: box === undefined ? null : box !== " " && box !== "", children: [], struck, source, start, end };
}

/** A line's indentation (columns), bullet typed by hand, task box, and what it says. */
function lineShape(line: string): { indent: number; bullet: boolean; box: string | undefined; content: string } {
  const space = /^[ \t]*/.exec(line)?.[0] ?? "";
  let content = line.slice(space.length).trimEnd();
  const bullet = PSEUDO_BULLET.exec(content);
  if (bullet) content = content.slice(bullet[0].length);
  const box = LINE_BOX.exec(content);
  if (box) content = content.slice(box[0].length);
  return { indent: space.replace(/\t/g, "    ").length, bullet: bullet !== null, box: box?.[1], content };
}

/** The lines of a paragraph, with their offsets. */
function paragraphLines(markdown: string, node: Paragraph): Line[] {
  const start = node.position?.start.offset ?? 0;
  const source = markdown.slice(start, node.position?.end.offset ?? start);
  return [...source.matchAll(/[^\r\n]*(?:\r\n|\r|\n|$)/g)]
    .filter((match) => match[0] !== "")
    .map((match) => ({ text: match[0].replace(/[\r\n]+$/, ""), at: start + match.index }));
}

/** The lines of a list item's text below its first line, each placed at its first occurrence in the item. */
function linesOf(markdown: string, item: ExtractedItem, lines: readonly string[]): Line[] {
  let cursor = item.start;
  return lines.map((text) => {
    const at = markdown.indexOf(text.trim(), cursor);
    if (at >= 0 && at < item.end) cursor = at;
    return { text, at: cursor };
  });
}

function onlySaysWhen(item: ExtractedItem): boolean {
  if (item.children.length > 0) return false;
  const words = item.text.split(/[^\p{L}\p{N}:.-]+/u).map((word) => word.replace(/^[.:-]+|[.:-]+$/g, "")).filter((word) => word !== "");
  return words.some((word) => WHEN_STRONG.test(word)) && words.every((word) => WHEN_STRONG.test(word) || WHEN_WEAK.test(word));
}
