import type { Root } from "mdast";
import { countCarried, stripCarryCount, type CarryCount } from "./carry-count.js";
import { carriedItemMarkdown } from "./carried-item-markdown.js";
import { closeOpenComment } from "./close-open-comment.js";
import { extractItems, isDone, isLabel, saysDone, toSectionItem, type ExtractedItem, type SectionItem } from "./extract-items.js";
import { findSections, type Section } from "./find-sections.js";
import { neutralizeMarkers } from "./markers.js";
import { matchesSectionName, sectionNameWords } from "./matches-section-name.js";
import { parseMarkdown } from "./markdown.js";
import { openTasksOutside } from "./open-tasks-outside.js";
import { spliceItems } from "./splice-items.js";

export interface CarryOverInput {
  /** Body of the previous meeting issue (often written or edited by hand). */
  previousBody: string;
  /** Body of the new meeting issue, usually the rendered template. */
  targetBody: string;
  /** Names of the sections to carry, e.g. `["Action Items", "Open Discussion"]`. */
  sections: string[];
  /**
   * The series' template (rendered or not): the text it holds in a section (hints, example items)
   * is template text, never carried as an item. The new body counts as template text too.
   */
  templateBody?: string;
  /** Sections the app reads but does not carry (the agenda): open tasks there are not left behind by mistake. */
  otherSections?: string[];
  /**
   * Add at most this many items in all, in the order of `sections` and then of the items (so the
   * last items of the last section go first); the rest are counted in `dropped`. Default: all.
   */
  maxItems?: number;
  /** Count how many meetings each item has travelled, in a marker beside it (see carry-count.ts). Default: no count. */
  count?: CarryCount;
  /** `parseMarkdown(previousBody)`, when the caller has it (it reads the previous meeting again: calls to action). */
  previousTree?: Root;
  /** Where the calls to action that are collected sit in the previous meeting: open tasks there are not left behind. */
  collected?: ReadonlyArray<{ start: number; end: number }>;
}

export interface CarryOverResult {
  /** `targetBody` with the unfinished items added; every other byte unchanged. */
  body: string;
  /** Per requested section: the unfinished items of the previous meeting, each once (as they now read). */
  carried: Record<string, SectionItem[]>;
  /** Per requested section: the items that were finished (checked or struck through) and stayed behind. */
  done: Record<string, SectionItem[]>;
  /** Per requested section: the Markdown blocks added to the new body, in order. */
  added: Record<string, string[]>;
  /** Per requested section: how many unfinished items were left out because of `maxItems`. */
  dropped: Record<string, number>;
  /** What a maintainer may want to know, in plain sentences. */
  warnings: string[];
}

/**
 * Carry the unfinished items of the previous meeting's sections into the new meeting's body.
 *
 * - Unchecked (`[ ]`) and plain items (no checkbox, or a paragraph) are unfinished: they reappear
 *   as `- [ ] …` tasks under the same section of the new body, after what it already holds (an
 *   item that opens with a heading, code, a quote or HTML as a plain `- …` item: a checkbox
 *   before that block would change it; see `carriedItemMarkdown`).
 * - Checked (`[x]`) items and items struck through entirely (`~~…~~`) are done and stay behind.
 * - Nested items go wherever their parent goes, as they are (a checked child of an unfinished
 *   parent travels too). An unfinished item nested under a finished one travels on its own, as a
 *   top-level item: the parent stays behind, the open subtask does not.
 * - Text is copied verbatim, except that anything that looks like a meeting-bot marker is
 *   neutralized (see `neutralizeMarkers`), so a copied marker cannot make the new issue pass for
 *   another meeting, and an HTML comment the item opens and never closes is closed where the
 *   item's block ends (see `closeOpenComment`), so it cannot hide the rest of the new issue.
 * - An item is added once: not when the new section already has an item with the same text at any
 *   depth (or the template has it there: hints and examples are template text), and not twice
 *   when the previous meeting listed it twice (texts compared without checkbox, leading and
 *   trailing space, and with runs of whitespace collapsed). An item that is not added for that
 *   reason still has its own unfinished nested items looked at: `Priya:` from the template keeps
 *   her new tasks.
 * - A section the new body lacks is appended at its end as `### <name>` (with a warning).
 * Running it again on its own output changes nothing. It never throws: should the Markdown parser
 * give up (it overflows the stack on lists nested thousands deep), the new body is returned as it
 * was, with a warning.
 */
export function carryOver(input: CarryOverInput): CarryOverResult {
  try {
    return carry(input);
  } catch (error) {
    const empty = () => Object.fromEntries(input.sections.map((name) => [name, []]));
    const reason = error instanceof Error ? error.message : String(error);
    return {
      body: input.targetBody,
      carried: empty(),
      done: empty(),
      added: empty(),
      dropped: Object.fromEntries(input.sections.map((name) => [name, 0])),
      warnings: [`could not carry items over (${reason}); the new meeting body was left as it was`],
    };
  }
}

function carry(input: CarryOverInput): CarryOverResult {
  const { previousBody, targetBody } = input;
  const warnings: string[] = [];
  const names = usableNames(input.sections, warnings);
  const carried = new Map<string, SectionItem[]>(input.sections.map((name) => [name, []]));
  const done = new Map<string, SectionItem[]>(input.sections.map((name) => [name, []]));
  const added = new Map<string, string[]>(input.sections.map((name) => [name, []]));
  const dropped = new Map<string, number>(input.sections.map((name) => [name, 0]));
  let room = input.maxItems ?? Number.POSITIVE_INFINITY;
  const previousTree = input.previousTree ?? parseMarkdown(previousBody);
  const previous = findSections(previousBody, [...names, ...(input.otherSections ?? [])], previousTree);
  const stray = openTasksOutside(previousTree, [...previous.values()].flat(), input.collected);
  if (stray.count > 0) {
    const where = stray.headings.map((heading) => (heading === "" ? "above the first heading" : `under "${heading}"`)).join(", ");
    warnings.push(
      `${stray.count} open ${stray.count === 1 ? "task" : "tasks"} of the previous meeting ${stray.count === 1 ? "is" : "are"} outside the carried sections (${where}) and ${stray.count === 1 ? "stays" : "stay"} there; move ${stray.count === 1 ? "it" : "them"} under ${names.map((name) => `"${name}"`).join(" or ")}, or add ${stray.count === 1 ? "its" : "their"} section to carryOver`,
    );
  }
  const template = input.templateBody === undefined ? undefined : findSections(input.templateBody, names);
  let body = targetBody;

  for (const name of names) {
    const sections = previous.get(name) ?? [];
    if (sections.length === 0) warnings.push(`previous meeting has no "${name}" section`);
    if (sections.length > 1) {
      warnings.push(`previous meeting has the "${name}" section ${sections.length} times; took the items of each, in order`);
    }
    const items = sections.flatMap((section) => extractItems(previousBody, section));

    const targets = findSections(body, names).get(name) ?? [];
    if (targets.length > 1) {
      warnings.push(`new meeting has the "${name}" section ${targets.length} times; carried items go under the first`);
    }
    // The new section's items at any depth, by key: where an item is already, its new nested items go.
    const inTarget = new Map<string, ExtractedItem>();
    for (const item of targets.flatMap((section) => extractItems(body, section)).flatMap(withNested)) {
      if (!inTarget.has(itemKey(item.text))) inTarget.set(itemKey(item.text), item);
    }
    const present = new Set([...inTarget.keys(), ...(template ? sectionKeys(input.templateBody ?? "", template.get(name) ?? []) : [])]);
    const seen = new Set<string>();
    const taken: ExtractedItem[] = [];
    const blocks: string[] = [];
    const nested = new Map<ExtractedItem, string[]>();
    for (const { item, into } of unfinished(items, (key) => present.has(key), (key) => inTarget.get(key))) {
      const key = itemKey(item.text);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!present.has(key) && room <= 0) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        continue;
      }
      taken.push(item);
      if (present.has(key)) continue;
      room -= 1;
      const counted = input.count ? countCarried(item, input.count) : null;
      const markdown = carriedItemMarkdown(counted?.item ?? item);
      const unmarked = neutralizeMarkers(markdown);
      if (unmarked !== markdown) warnings.push(`a carried "${name}" item contained a meeting-bot marker; it was neutralized`);
      const safe = closeOpenComment(unmarked);
      if (safe !== unmarked) warnings.push(`a carried "${name}" item opened an HTML comment it never closed; it was closed at the item's end`);
      const block = counted ? counted.mark(safe) : safe;
      if (into) nested.set(into, [...(nested.get(into) ?? []), block]);
      blocks.push(block);
    }

    // Items that belong under an item the new section already has (`Priya:` from the template)
    // go into its list, from the last such place to the first so earlier offsets hold.
    for (const [target, under] of [...nested].sort(([a], [b]) => b.end - a.end)) body = nestUnder(body, target, under);
    const spliced = spliceItems(
      body,
      name,
      blocks.filter((block) => ![...nested.values()].some((under) => under.includes(block))),
      names,
    );
    if (spliced.placement === "appended") warnings.push(`new meeting has no "${name}" section; added "### ${name}" at the end`);
    body = spliced.body;
    added.set(name, blocks);
    carried.set(name, taken.map((item) => toSectionItem(item, neutralizeMarkers)));
    done.set(name, items.filter(isDone).map((item) => toSectionItem(item)));
  }

  return { body, carried: Object.fromEntries(carried), done: Object.fromEntries(done), added: Object.fromEntries(added), dropped: Object.fromEntries(dropped), warnings };
}

/**
 * The unfinished items, in order: each top-level one (with everything nested in it), and, under a
 * finished item, each unfinished one nested in it: a subtask still open under a task checked off
 * is not done, so it travels on its own. An unfinished item already `present` in the new section
 * comes with the unfinished items nested in it, which may not be; `into` is where the new section
 * has that item, so they can go under it.
 */
function unfinished(
  items: readonly ExtractedItem[],
  present: (key: string) => boolean,
  targetOf: (key: string) => ExtractedItem | undefined,
  into?: ExtractedItem,
): Array<{ item: ExtractedItem; into: ExtractedItem | undefined }> {
  return items.flatMap((item) => {
    if (saysDone(item)) return unfinished(item.children.filter(stillOpen), present, targetOf, into);
    if (isDone(item)) return unfinished(item.children, present, targetOf, into);
    const key = itemKey(item.text);
    if (!present(key)) return [{ item, into }];
    return [{ item, into }, ...unfinished(item.children, present, targetOf, targetOf(key) ?? into)];
  });
}

/**
 * Under `Done:`, an item is finished unless it says otherwise: an open box (`[ ]`), or a label whose
 * own items are not all finished (`Ana:` above an open task). A `Done:` list is no place to lose one.
 */
function stillOpen(item: ExtractedItem): boolean {
  return !item.struck && (item.done === false || (isLabel(item) && !isDone(item)));
}

/** An item and every item nested in it, in document order. */
function withNested(item: ExtractedItem): ExtractedItem[] {
  return [item, ...item.children.flatMap(withNested)];
}

/**
 * `blocks` (carried items, `\n` line endings) added as the last nested items of `target`, an item
 * of `body`: below its own nested items, with their bullet and indentation, or, when it has none,
 * directly under it (under a paragraph such as `Priya:`, at its column; under a list item, at its
 * content). A loose list gets a blank line first.
 */
function nestUnder(body: string, target: ExtractedItem, blocks: readonly string[]): string {
  const eol = /\r\n|\r|\n/.exec(body)?.[0] ?? "\n";
  const last = target.children.at(-1);
  const lineStart = (offset: number) => Math.max(body.lastIndexOf("\n", offset - 1), body.lastIndexOf("\r", offset - 1)) + 1;
  // A lead's list may hold only empty bullets (`- [ ] ` in a template): its last line shows the list's shape.
  const listLine = last ? body.slice(lineStart(last.start)) : target.lead ? body.slice(lineStart(target.end)) : undefined;
  // A bullet is followed by a space, or by the end of its line (an empty bullet: `+` alone).
  const shape = listLine === undefined ? undefined : /^([ \t]*)([-*+]|\d{1,9}[.)])(?=[ \t\r\n]|$)/.exec(listLine);
  const column = shape ? (shape[1] ?? "").length : (target.contentColumn ?? 0);
  const bullet = shape && /^[*+]$/.test(shape[2] ?? "") ? shape[2] : undefined;
  const loose = last !== undefined && /\n[ \t]*\r?\n/.test(body.slice(lineStart(last.start), target.end));
  const pad = " ".repeat(column);
  const text = blocks
    .map((block) => (bullet && block.startsWith("- ") ? bullet + block.slice(1) : block))
    .join("\n")
    .split("\n")
    .map((line) => (line === "" ? line : pad + line))
    .join(eol);
  const at = target.end + (/^[ \t]*/.exec(body.slice(target.end))?.[0].length ?? 0);
  return `${body.slice(0, at)}${loose ? eol + eol : eol}${text}${body.slice(at)}`;
}

/** The keys of every item of `sections`, nested ones included. */
function sectionKeys(markdown: string, sections: readonly Section[]): string[] {
  const keys = (item: ExtractedItem): string[] => [itemKey(item.text), ...item.children.flatMap(keys)];
  return sections.flatMap((section) => extractItems(markdown, section)).flatMap(keys);
}

/** The names worth looking for: each once, and only those with words a heading can match. */
function usableNames(requested: readonly string[], warnings: string[]): string[] {
  const names: string[] = [];
  for (const name of requested) {
    const same = names.find((earlier) => matchesSectionName(name, earlier) || matchesSectionName(earlier, name));
    if (sectionNameWords(name).length === 0) {
      warnings.push(`section name "${name}" has no words a heading could match; skipped it`);
    } else if (same !== undefined) {
      warnings.push(`section "${name}" names the same section as "${same}"; carried it once, as "${same}"`);
    } else {
      names.push(name);
    }
  }
  return names;
}

/** Same item, whatever its checkbox, spacing or carried count, or a comment closed at its end. */
function itemKey(text: string): string {
  return neutralizeMarkers(stripCarryCount(text))
    .replace(/^\[[ xX]\]\s+/, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\s+-->$/, "");
}
