import { extractItems, isLabel, type ExtractedItem } from "./extract-items.js";
import { findSections } from "./find-sections.js";
import { formatMarker, neutralizeMarkers, parseMarkers } from "./markers.js";

/**
 * How many meetings a carried item has travelled, kept in a hidden marker beside it, at the end
 * of its first line (the item's words stay byte for byte):
 *
 *     - [ ] Write the release notes _(carried 4×)_ <!-- meeting-bot:carried=4 in=2020-10-02T20:30:00Z -->
 *
 * The rule, so that a count means "the same item":
 * - an item carried from the previous meeting counts one more than the marker beside it there,
 *   when that marker names the previous meeting (`in=`, written by the app when it carried the
 *   item into it); the first carry counts 1; a skipped meeting is not counted (its items keep
 *   their count), whether it was skipped before its issue opened or after;
 * - the marker travels with the item, so the words may change (a typo fixed, a link added, a
 *   sentence reworded, the item moved within the section) and the count goes on;
 * - an item without the marker starts from zero: typed again by hand, or with its marker deleted;
 *   a marker pasted from an older meeting (its `in=` names another meeting) counts as none;
 * - from `flagAfter` meetings (0: never) a visible note "carried N×" stands before the marker.
 * Items that open with a block (code, a quote, HTML) are carried without a count: text added to
 * their first line would change that block. Labels for nested items (`Priya:`) neither.
 */
export interface CarryCount {
  /** The occurrence key of the meeting the items are carried into (written as `in=`). */
  into: string;
  /** The occurrence key of the previous meeting (its own marker), if it has one. */
  from: string | undefined;
  /** Show the note from this many meetings; 0 never. */
  flagAfter: number;
  /**
   * The previous meeting was skipped: its items travelled through no meeting, so their counts
   * stay as they were, as if they had come straight from the meeting before it (the same count
   * whether the meeting was skipped before or after its issue opened).
   */
  throughSkipped?: boolean;
}

// The app's own marker, anywhere on the first line (a person may have written after it), and the
// note it wrote before it.
const MARKER = /<!-- meeting-bot:carried=(\d{1,6})(?: in=([A-Za-z0-9._:+-]{1,40}))? -->/g;
const NOTE = /[ \t]*_\(carried (\d{1,6})×\)_/g;
// A hard line break at the end of a line (two spaces, or a backslash) must stay the line's end.
const HARD_BREAK = /(?: {2,}|\\)$/;

/** The count in an item's marker (the last one on its first line), and the meeting it names; null without one. */
export function readCarryCount(text: string): { count: number; in: string | undefined } | null {
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? "";
  const match = [...firstLine.matchAll(MARKER)].at(-1);
  if (!match) return null;
  return { count: Number(match[1]), in: match[2] };
}

/**
 * `text` without the app's markers on its first line, wherever they stand, and without the notes
 * it wrote with them ("carried N×" with a marker's count): words a person added after the marker
 * stay, and the next carry appends the current note and marker at the end again. A note on a line
 * without a marker is a person's words, and stays.
 */
export function stripCarryCount(text: string): string {
  const end = firstLineEnd(text);
  const firstLine = text.slice(0, end);
  const counts = new Set([...firstLine.matchAll(MARKER)].map((match) => match[1]));
  if (counts.size === 0) return text;
  const stripped = firstLine
    .replace(new RegExp(`[ \\t]*${MARKER.source}`, "g"), "")
    .replace(NOTE, (note, count: string) => (counts.has(count) ? "" : note));
  return stripped + text.slice(end);
}

/**
 * The count an item carried from the previous meeting gets (see `CarryCount` for the rule), the
 * item as it is to be formatted (without its old marker), and how to add the new marker and
 * note to its Markdown once formatted. Null for an item that is carried without a count.
 */
export function countCarried(item: ExtractedItem, options: CarryCount): { count: number; item: ExtractedItem; mark(markdown: string): string } | null {
  // A label for nested items (`Priya:`) travels without a count: a note after it would make it
  // read as a task, and it is done when its items are, which they count for themselves.
  if (item.opensWithBlock || isLabel(item)) return null;
  // A comment the first line opens and leaves open would swallow the marker.
  const firstLine = item.source.split("\n", 1)[0] ?? "";
  if (firstLine.lastIndexOf("<!--") > firstLine.lastIndexOf("-->")) return null;
  const old = readCarryCount(item.text);
  const count = old && old.in !== undefined && old.in === options.from ? old.count + (options.throughSkipped ? 0 : 1) : 1;
  const bare = { ...item, text: stripCarryCount(item.text), source: stripCarryCount(item.source) };
  return { count, item: bare, mark: (markdown) => withCarryCount(markdown, count, options.into, options.flagAfter) };
}

/** Add the note (from `flagAfter`) and the marker to the end of the first line of `markdown`. */
export function withCarryCount(markdown: string, count: number, into: string, flagAfter: number): string {
  const end = firstLineEnd(markdown);
  const line = markdown.slice(0, end);
  const hardBreak = HARD_BREAK.exec(line)?.[0] ?? "";
  const content = line.slice(0, line.length - hardBreak.length).replace(/[ \t]+$/, "");
  const note = flagAfter > 0 && count >= flagAfter ? ` ${carriedNote(count)}` : "";
  const marker = formatMarker({ carried: String(count), in: into });
  return `${content}${note} ${marker}${hardBreak}${markdown.slice(end)}`;
}

/** "_(carried 4×)_": the visible note beside an item carried too long. */
export function carriedNote(count: number): string {
  return `_(carried ${count}×)_`;
}

/** An item of a section that has been carried `flagAfter` meetings or more. */
export interface FlaggedItem {
  section: string;
  /** The item's first line, without the app's note and marker. */
  text: string;
  count: number;
}

/** The items of `sections` in `body` whose marker names `into` and counts `flagAfter` or more, in order. */
export function flaggedItems(body: string, sections: readonly string[], into: string, flagAfter: number): FlaggedItem[] {
  if (flagAfter <= 0) return [];
  const found = findSections(body, sections);
  return sections.flatMap((name) =>
    (found.get(name) ?? []).flatMap((section) =>
      walk(extractItems(body, section)).flatMap((item) => {
        const marker = readCarryCount(item.text);
        if (!marker || marker.in !== into || marker.count < flagAfter) return [];
        const text = (stripCarryCount(item.text).split(/\r\n|\r|\n/, 1)[0] ?? "").trim();
        return [{ section: name, text, count: marker.count }];
      }),
    ),
  );
}

const LIST_ITEM_TEXT = 100;

/**
 * The list of items carried too long, for the top of a section: a quote (never read as items of
 * the section, so it is not carried itself) with each item's first line, cut to 100 characters,
 * markers defused.
 */
export function flaggedList(items: readonly FlaggedItem[], flagAfter: number): string {
  const lines = items.map((item) => {
    const chars = [...neutralizeMarkers(item.text)];
    const text = chars.length > LIST_ITEM_TEXT ? `${chars.slice(0, LIST_ITEM_TEXT - 1).join("")}…` : chars.join("");
    return `> - ${text} (${item.count}×)`;
  });
  const heading = `> **Carried ${flagAfter} meetings or more**: do it, drop it, or open an issue for it.`;
  return [heading, ...lines].join("\n");
}

/**
 * Put the list of `items` at the top of `section` (right under its heading), in the body's
 * line-ending style, one blank line either side. The body as it was when there are none, the
 * section is missing, or its heading is only the first line of a paragraph (`Action items:`
 * followed by text), where a list would split that paragraph.
 */
export function insertFlaggedList(body: string, section: string, names: readonly string[], items: readonly FlaggedItem[], flagAfter: number): string {
  if (items.length === 0) return body;
  const found = findSections(body, names.includes(section) ? names : [...names, section]).get(section)?.[0];
  if (!found) return body;
  const at = found.heading.end;
  const first = found.blocks[0];
  if (first && first.start === at) return body;
  const eol = /\r\n|\r|\n/.exec(body)?.[0] ?? "\n";
  const rest = body.slice(at).replace(/^(\r\n|\r|\n)/, "");
  const list = flaggedList(items, flagAfter).replace(/\n/g, eol);
  const gap = rest === "" || /^(\r\n|\r|\n)/.test(rest) ? "" : eol;
  return `${body.slice(0, at)}${eol}${eol}${list}${eol}${gap}${rest}`;
}

/** Whether `body` already holds a marker counting an item into `into` (the carry into it was made). */
export function hasCarryCounts(body: string, into: string): boolean {
  return parseMarkers(body).some((fields) => fields.carried !== undefined && fields.in === into);
}

function walk(items: readonly ExtractedItem[]): ExtractedItem[] {
  return items.flatMap((item) => [item, ...walk(item.children)]);
}

function firstLineEnd(text: string): number {
  const at = text.search(/\r\n|\r|\n/);
  return at === -1 ? text.length : at;
}
