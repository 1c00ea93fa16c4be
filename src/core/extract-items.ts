import type { ListItem, Nodes, RootContent } from "mdast";
import type { Section, SectionBlock } from "./find-sections.js";
import { parseMarkdown } from "./markdown.js";

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
}

/**
 * The items of a section, in order:
 * - each top-level list item (any bullet: `-`, `*`, `+`, `1.`, `1)`), with its nested items as children;
 * - each paragraph, when the section is written as paragraphs (a leading `[ ]`/`[x]` counts as a checkbox);
 * - never HTML comments (commented-out lists included), a paragraph that is only italic (a hint
 *   such as `_Add items below_`), code blocks, quotes or tables;
 * - never an empty bullet (`-`, `- [ ]`); an empty bullet's nested items take its place.
 */
export function extractItems(markdown: string, section: Section): ExtractedItem[] {
  return section.blocks.flatMap((block) => {
    if (block.node.type === "list") return block.node.children.flatMap((item) => listItem(markdown, item));
    if (block.node.type === "paragraph") return paragraphItem(markdown, block);
    return [];
  });
}

/** Checked, or struck through entirely. */
export function isDone(item: ExtractedItem): boolean {
  return item.done === true || item.struck;
}

/** Just the JSON contract's fields, with `mapText` applied to every text (e.g. `neutralizeMarkers`). */
export function toSectionItem(item: SectionItem, mapText: (text: string) => string = (text) => text): SectionItem {
  return { text: mapText(item.text), done: item.done, children: item.children.map((child) => toSectionItem(child, mapText)) };
}

const BULLET = /^([-*+]|\d{1,9}[.)])([ \t]*)/;
const CHECKBOX = /^\[[ xX]\][ \t]*/;
const BARE_CHECKBOX = /^\[[ xX]\]$/;
const PARAGRAPH_TASK = /^\[([ xX])\](?:[ \t]+|$)/;

function listItem(markdown: string, item: ListItem): ExtractedItem[] {
  const start = offset(item, "start");
  // An HTML block or fence left open ends with its item, yet the parser then stretches the item
  // over the next item's bullet: the item ends where its last child does.
  const childEnds = item.children.map((child) => offset(child, "end"));
  const end = childEnds.length > 0 ? Math.min(offset(item, "end"), Math.max(...childEnds)) : offset(item, "end");
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

  const firstList = item.children.findIndex((child) => child.type === "list");
  const own = firstList === -1 ? item.children : item.children.slice(0, firstList);
  const ownEnd = Math.max(contentStart, own.length > 0 ? offset(own.at(-1) as RootContent, "end") : 0);
  const text = shiftLeft(markdown.slice(contentStart, ownEnd), contentColumn).trim();
  const children = item.children.flatMap((child) =>
    child.type === "list" ? child.children.flatMap((nested) => listItem(markdown, nested)) : [],
  );
  if (text === "" || BARE_CHECKBOX.test(text)) return children;

  return [
    {
      text,
      done: item.checked ?? null,
      children,
      struck: own.every((node) => onlyInline(node, "delete")),
      // Five or more spaces after the bullet make indented code: its first line keeps the extra four.
      source: (!blankFirstLine && gap >= 5 ? " ".repeat(gap - 1) : "") + shiftLeft(markdown.slice(contentStart, end), contentColumn, true).replace(/^\n+|\n+$/g, ""),
      start,
      end,
      ...(item.children[0] && item.children[0].type !== "paragraph" ? { opensWithBlock: true as const } : {}),
    },
  ];
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
  const done = task ? task[1] !== " " : null;
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

// What may start a block, or underline a heading, at the start of a line.
const OPENS_BLOCK = /^(?:[-*+_=#>|<]|\d{1,9}[.)]|```|~~~)/;

/** Only italic text: a template's hint line (`_Add your items here_`). */
function isHint(text: string): boolean {
  const blocks = parseMarkdown(text).children;
  return blocks.length === 1 && onlyInline(blocks[0], "emphasis");
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

function offset(node: RootContent, edge: "start" | "end"): number {
  return node.position?.[edge].offset ?? 0;
}
