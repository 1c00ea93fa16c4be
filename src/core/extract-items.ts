import type { List, ListItem, Nodes, Paragraph, RootContent } from "mdast";
import type { Section, SectionBlock } from "./find-sections.js";
import { parseMarkdown } from "./markdown.js";
import { plainText } from "./plain-text.js";

/** One item of a section, as `meeting-bot extract` prints it (a JSON contract: keep the shape). */
export interface SectionItem {
  /** The item's own Markdown (its paragraphs, not its nested list), without bullet or checkbox. */
  text: string;
  /** `[x]`/`[X]` → true, `[ ]` → false, no checkbox → null. */
  done: boolean | null;
  /** Its nested list items. */
  children: SectionItem[];
}

/** A `SectionItem` with what carry-over needs besides. */
export interface ExtractedItem extends SectionItem {
  children: ExtractedItem[];
  /** Struck through entirely (`~~…~~`): finished, whatever its checkbox says. */
  struck: boolean;
  /**
   * The whole item (own text and nested items) without bullet or checkbox, its lines shifted left
   * so the content starts at column 0 and nested items keep their relative indentation; `\n` line
   * endings.
   */
  source: string;
  /** Offsets of the item in the document, bullet included. */
  start: number;
  end: number;
  /** Set when the item opens with a block other than text (a heading, code, a quote, HTML): a checkbox put before it would change what it is. */
  opensWithBlock?: true;
  /** Set when the item is a lead paragraph (`Priya:`) with the list below it as its children. */
  lead?: true;
  /** A list item's content column in the document: where its nested items start. */
  contentColumn?: number;
}

/**
 * The items of a section, in order:
 * - each top-level list item (any bullet: `-`, `*`, `+`, `1.`, `1)`), with its nested items as children;
 * - each paragraph, when the section is written as paragraphs (a leading `[ ]`/`[x]` counts as a checkbox);
 * - a lead paragraph directly above a list (`Priya:`, `**Tomás**: asks for reviews`, `Wen will
 *   write up a summary covering:`: it ends in a colon, or starts with a name and a colon) is one
 *   item, with the list's items as its children;
 * - `[]` (no space) is an empty checkbox, as people type it;
 * - never HTML comments (commented-out lists included), code blocks, quotes or tables, nor a
 *   section's hints: a paragraph that is only italic (`_Add items below_`), a line of links to a
 *   label, board or search (`[Older items](…/labels/follow-up)`), or a sentence saying where other
 *   items are tracked (`Older actions are tracked with the follow-up label.`);
 * - never an empty bullet (`-`, `- [ ]`, or one holding only a comment: `- <!-- topic -->`); an
 *   empty bullet's nested items take its place.
 */
export function extractItems(markdown: string, section: Section): ExtractedItem[] {
  const items: ExtractedItem[] = [];
  const { blocks } = section;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as SectionBlock;
    if (block.node.type === "list") {
      items.push(...block.node.children.flatMap((item) => listItem(markdown, item)));
    } else if (block.node.type === "paragraph") {
      const next = blocks[index + 1];
      const lead = next?.node.type === "list" ? leadItem(markdown, block, next.node) : null;
      if (lead) {
        items.push(lead);
        index += 1;
      } else {
        items.push(...paragraphItem(markdown, block));
      }
    }
  }
  return items;
}

/** The items of one list anywhere in a document (nested in another item, say), as `extractItems` reads a section's list. */
export function extractListItems(markdown: string, list: List): ExtractedItem[] {
  return list.children.flatMap((item) => listItem(markdown, item));
}

/**
 * Checked, or struck through entirely; or a label for its nested items (see `isLabel`) whose
 * items are all finished (`Priya:` above her ticked tasks: nothing of hers is left), or that
 * says they are (`Done:`).
 */
export function isDone(item: ExtractedItem): boolean {
  if (item.done === true || item.struck) return true;
  return isLabel(item) && (saysDone(item) || item.children.every(isDone));
}

/** A label saying its items are finished (`Done:`, `**Completed:**`): all of them, ticked or not. */
export function saysDone(item: ExtractedItem): boolean {
  return isLabel(item) && DONE_LABEL.test(item.text);
}

/**
 * An item without a checkbox whose text only names what its nested items are: it ends with a
 * colon (`Priya:`, `Wen will write up a summary covering:`) or is a short bold name (`**Backend**`). It is finished when they are, so it
 * is carried without a checkbox of its own, and stays behind once they are all ticked.
 */
export function isLabel(item: ExtractedItem): boolean {
  if (item.done !== null || item.children.length === 0) return false;
  const text = item.text.replace(/\s+$/, "");
  return /:(?:\*\*|__)?$/.test(text) || (BOLD_NAME.test(text) && text.split(/\s+/).length <= 3);
}

// Labels that say their items are finished.
const DONE_LABEL = /^(?:\*\*|__)?(?:done|completed|finished|closed|resolved)(?:\*\*|__)?\s*:(?:\*\*|__)?$/i;

/** Just the JSON contract's fields, with `mapText` applied to every text (e.g. `neutralizeMarkers`). */
export function toSectionItem(item: SectionItem, mapText: (text: string) => string = (text) => text): SectionItem {
  return { text: mapText(item.text), done: item.done, children: item.children.map((child) => toSectionItem(child, mapText)) };
}

const BULLET = /^([-*+]|\d{1,9}[.)])([ \t]*)/;
const CHECKBOX = /^\[[ xX]\][ \t]*/;
// `[]` is not a checkbox to GitHub, but people type it meaning one: an open task.
const TYPED_CHECKBOX = /^\[\](?:[ \t]+|$)/;
const BARE_CHECKBOX = /^\[[ xX]?\]$/;
const PARAGRAPH_TASK = /^\[([ xX]?)\](?:[ \t]+|$)/;

function listItem(markdown: string, item: ListItem): ExtractedItem[] {
  const start = offset(item, "start");
  const end = itemEnd(item);
  const lineStart = Math.max(markdown.lastIndexOf("\n", start - 1), markdown.lastIndexOf("\r", start - 1)) + 1;
  const bullet = BULLET.exec(markdown.slice(start, end)) ?? ["", "", ""];
  const [matched, marker, spacing] = bullet as [string, string, string];

  // The item's content column (CommonMark): continuation lines and nested items are indented to it.
  const markerEnd = columns(markdown.slice(lineStart, start) + marker);
  const gap = columns(markdown.slice(lineStart, start) + matched) - markerEnd;
  const rest = markdown.slice(start + matched.length, end);
  const blankFirstLine = rest === "" || /^[\r\n]/.test(rest);
  const contentColumn = blankFirstLine || gap >= 5 ? markerEnd + 1 : markerEnd + gap;

  let contentStart = start + matched.length;
  if (typeof item.checked === "boolean") contentStart += CHECKBOX.exec(rest)?.[0].length ?? 0;
  const typed = typeof item.checked === "boolean" ? null : TYPED_CHECKBOX.exec(rest);
  if (typed) contentStart += typed[0].length;

  const firstList = item.children.findIndex((child) => child.type === "list");
  const own = firstList === -1 ? item.children : item.children.slice(0, firstList);
  const ownEnd = Math.max(contentStart, own.length > 0 ? offset(own.at(-1) as RootContent, "end") : 0);
  const text = shiftLeft(markdown.slice(contentStart, ownEnd), contentColumn).trim();
  const children = item.children.flatMap((child) =>
    child.type === "list" ? child.children.flatMap((nested) => listItem(markdown, nested)) : [],
  );
  // A bullet that holds only a comment (`- [ ] <!-- @owner: task -->`) is an empty placeholder.
  if (text === "" || BARE_CHECKBOX.test(text) || onlyComments(text)) return children;

  return [
    {
      text,
      done: item.checked ?? (typed ? false : null),
      children,
      struck: own.every((node) => onlyInline(node, "delete")),
      // Five or more spaces after the bullet make indented code: its first line keeps the extra four.
      source: (!blankFirstLine && gap >= 5 ? " ".repeat(gap - 1) : "") + shiftLeft(markdown.slice(contentStart, end), contentColumn, true).replace(/^\n+|\n+$/g, ""),
      start,
      end,
      contentColumn,
      ...(item.children[0] && item.children[0].type !== "paragraph" ? { opensWithBlock: true as const } : {}),
    },
  ];
}

/**
 * Where a list item ends. An HTML block or fence left open ends with its item, yet the parser then
 * stretches the item over the next item's bullet: the item ends where its last child does.
 */
function itemEnd(item: ListItem): number {
  const childEnds = item.children.map((child) => offset(child, "end"));
  return childEnds.length > 0 ? Math.min(offset(item, "end"), Math.max(...childEnds)) : offset(item, "end");
}

function paragraphItem(markdown: string, block: SectionBlock): ExtractedItem[] {
  // Leading spaces mean nothing in a paragraph; dropping them lets the text sit under a new bullet.
  const written = splitLines(markdown.slice(block.start, block.end))
    .map((line) => line.trimStart())
    .join("\n")
    .trim();
  if (isHint(written)) return [];
  const task = PARAGRAPH_TASK.exec(written);
  const text = task ? written.slice(task[0].length).trim() : written;
  if (text === "") return [];
  const done = task ? !(task[1] === " " || task[1] === "") : null;
  // Under a new bullet, a continuation line that trimmed would open a block (`    - x` is text in
  // a paragraph; `- x` would start a list there, `===` a heading) keeps four spaces: text still.
  const kept = splitLines(markdown.slice(block.start, block.end))
    .map((line, index) => {
      // Spaces and tabs only: to Markdown, U+2028 or a no-break space is text, not indentation.
      const trimmed = line.replace(/^[ \t]+/, "");
      return index > 0 && OPENS_BLOCK.test(trimmed) ? `    ${trimmed}` : trimmed;
    })
    .join("\n")
    .trim();
  const source = task ? kept.slice(PARAGRAPH_TASK.exec(kept)?.[0].length ?? 0).trim() : kept;
  return [{ text, done, children: [], struck: isStruck(text), source, start: block.start, end: block.end }];
}

// A short bold name on its own above a list: `**Priya**`, `**Backend team**`.
const BOLD_NAME = /^(\*\*|__)[^*_\s][^*_\n]*\1:?$/;

// A name and a colon opening a paragraph: `Priya:`, `**Tomás**: asks…`, `@wen:`, `Mary Ann: …`.
const NAME_LABEL = /^(?:\[[ xX]?\][ \t]+)?(?:\*\*|__)?@?[\p{L}][\p{L}\p{M}\p{N}'’._-]*(?:[ \t]+[\p{L}][\p{L}\p{M}\p{N}'’._-]*){0,2}(?:\*\*|__)?[ \t]*:(?:\*\*|__)?(?:[ \t]|$)/mu;

/**
 * A paragraph that leads the list right below it (a blank line between them or not): it ends in a
 * colon (`Wen will write up a summary covering:`) or opens with a name and a colon (`Priya:`,
 * `**Tomás**: asks for reviews of the caching RFC`). One item, the list's items its children, so
 * neither travels without the other. Null for any other paragraph: it stays an item of its own.
 */
function leadItem(markdown: string, block: SectionBlock, list: List): ExtractedItem | null {
  const [paragraph] = paragraphItem(markdown, block);
  if (!paragraph) return null;
  const firstLine = paragraph.text.split("\n")[0] ?? "";
  if (!paragraph.text.endsWith(":") && !NAME_LABEL.test(firstLine) && !BOLD_NAME.test(paragraph.text)) return null;

  const listStart = offset(list, "start");
  const listEnd = Math.max(listStart, ...list.children.map(itemEnd));
  // The list keeps its own shape, shifted left to column 0 (it may be indented 1–3 spaces).
  const column = (list.position?.start.column ?? 1) - 1;
  const listSource = shiftLeft(markdown.slice(listStart, listEnd), column).replace(/\n+$/, "");
  const between = markdown.slice(block.end, listStart).replace(/\r\n?/g, "\n");
  const separator = /\n[ \t]*\n/.test(between) ? "\n\n" : "\n";
  return {
    ...paragraph,
    children: list.children.flatMap((item) => listItem(markdown, item)),
    source: `${paragraph.source}${separator}${listSource}`,
    end: listEnd,
    lead: true,
  };
}

// What may start a block, or underline a heading, at the start of a line.
const OPENS_BLOCK = /^(?:[-*+_=#>|<]|\d{1,9}[.)]|```|~~~)/;

/**
 * A section's hint rather than an item: only italic text (`_Add your items here_`), links to a
 * label, board or search with at most a few words around them (`See [follow-up](…/labels/follow-up)`),
 * or a sentence saying where other items are tracked.
 */
function isHint(text: string): boolean {
  const blocks = parseMarkdown(text).children;
  const only = blocks[0];
  if (blocks.length !== 1 || only?.type !== "paragraph") return false;
  // A task (`[ ] …`) is never a hint, whatever it says.
  if (PARAGRAPH_TASK.test(text)) return false;
  return onlyInline(only, "emphasis") || pointsElsewhere(only) || TRACKED_ELSEWHERE.test(plainText(only));
}

// Where a team keeps other items: a label, a project board, a milestone, an issue search.
const ELSEWHERE_URL = /\/(?:labels?|projects?|milestones?|boards?)(?:\/|$|[?#])|\/(?:issues|pulls)\?|[?&]q=/i;
// Said of the items themselves (`Older actions are tracked with the follow-up label.`), not of a topic.
const TRACKED_ELSEWHERE =
  /^(?:[\p{L}-]+\s+){0,2}(?:action\s+items?|actions|items|tasks|to-?dos|follow-?ups|topics|discussions)\s+(?:are|is|get|will\s+be)\s+(?:tracked|listed|kept|managed|collected)\s+(?:in|on|with|under|via|by)\b.*\b(?:labels?|boards?|projects?|milestones?|trackers?|issues?)\b/iu;

/** Links to a label, board or search, and at most three words besides: a pointer, not an item. */
function pointsElsewhere(paragraph: Paragraph): boolean {
  const links = paragraph.children.filter((child) => child.type === "link");
  if (links.length === 0 || !links.every((link) => ELSEWHERE_URL.test(link.url))) return false;
  const rest = paragraph.children.filter((child) => child.type !== "link").map((child) => plainText(child)).join(" ");
  return rest.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== "").length <= 3;
}

/** Only HTML comments and space (a comment left open runs to the item's end): invisible on GitHub. */
function onlyComments(text: string): boolean {
  // `<!-->` is a whole (empty) comment to CommonMark, so text after it shows.
  return /^<!--(?!>)/.test(text) && text.replace(/<!--(?!>)[\s\S]*?-->/g, "").replace(/^\s*<!--(?!>)[\s\S]*$/, "").trim() === "";
}

/** Every paragraph entirely struck through (`~~…~~`). */
function isStruck(text: string): boolean {
  return parseMarkdown(text).children.every((block) => onlyInline(block, "delete"));
}

function onlyInline(block: Nodes | undefined, type: "emphasis" | "delete"): boolean {
  if (block?.type !== "paragraph") return false;
  const parts = block.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  return parts.length > 0 && parts.every((child) => child.type === type);
}

/** Drop up to `count` columns of indentation from every line but the first; blank lines become empty. */
function shiftLeft(text: string, count: number, keepLazyText = false): string {
  return splitLines(text)
    .map((line, index) => {
      if (index === 0) return line;
      // A line indented less than the content is lazy paragraph text; shifted into place under a
      // new bullet, `- x` or `===` there would open a block: four spaces keep it text.
      const trimmed = line.replace(/^[ \t]+/, "");
      if (keepLazyText && columns(line.slice(0, line.length - trimmed.length)) < count && OPENS_BLOCK.test(trimmed)) return `    ${trimmed}`;
      return dropColumns(line, count);
    })
    // Blank is spaces and tabs only, as Markdown counts it (a line of U+2028 is not blank).
    .map((line) => (/^[ \t]*$/.test(line) ? "" : line))
    .join("\n");
}

function dropColumns(line: string, count: number): string {
  const size = line.search(/[^ \t]|$/);
  // Tabs become spaces: a tab's width depends on where it starts, and the line is moving.
  return " ".repeat(Math.max(0, columns(line.slice(0, size)) - count)) + line.slice(size);
}

/** Width in columns, with tabs to the next multiple of 4 as CommonMark counts them. */
function columns(text: string): number {
  let column = 0;
  for (const char of text) column = char === "\t" ? column + 4 - (column % 4) : column + 1;
  return column;
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function offset(node: RootContent | List, edge: "start" | "end"): number {
  return node.position?.[edge].offset ?? 0;
}
