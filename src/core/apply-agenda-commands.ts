import type { AgendaTarget } from "./agenda-command.js";
import { AgendaItemError, formatAgendaItem, itemThread, markerIsFrom, sanitizeItemText, type AgendaItemInput } from "./agenda-item.js";
import { extractItems, isDone, type ExtractedItem } from "./extract-items.js";
import { findSections, type Section } from "./find-sections.js";
import { MAX_ISSUE_BODY_LENGTH, MAX_ISSUE_BODY_TEXT } from "./issue-body-limit.js";
import { parseMarkers } from "./markers.js";
import { spliceItems } from "./splice-items.js";

/** A change to the agenda, as the shell builds it from an allowed command (or from the agenda label). */
export type AgendaRequest = ({ kind: "add" } & AgendaItemInput) | { kind: "remove"; target: AgendaTarget };

/**
 * What became of one request. Texts (`existing`, `text`, `candidates`) are items' Markdown as
 * written in the issue body, without marker and `(@author…)` suffix: quote them when replying.
 */
export type AgendaOutcome =
  | { status: "added"; line: string }
  | { status: "already-done" }
  | { status: "duplicate"; existing: string }
  | { status: "invalid"; reason: string }
  | { status: "removed"; text: string }
  | { status: "not-found" }
  | { status: "already-checked"; text: string }
  | { status: "ambiguous"; candidates: string[] };

export interface AppliedAgenda {
  body: string;
  outcomes: AgendaOutcome[];
}

/** An item of the agenda section, as requests see it. */
interface Entry {
  text: string;
  normalized: string;
  thread: number | undefined;
  done: boolean;
  start: number;
  end: number;
}

/** An add accepted in this batch, not yet written into the body. */
interface Pending {
  line: string;
  normalized: string;
  thread: number | undefined;
  source: AgendaItemInput["source"];
  text: string;
}

/**
 * Apply a batch of requests, in order, to a meeting issue body: one new body for one write.
 *
 * The agenda is the top-level items of the section up to its first sub-heading (see `agendaItems`).
 *
 * Adds:
 * - `already-done` when the body already holds the request's marker (a redelivered webhook);
 * - `duplicate` when an agenda item (or an add earlier in the batch) has the same text
 *   (see `normalizeItemText`) or proposes the same thread (`#123` at its start), checked or not;
 * - `invalid` when the text is refused (see `sanitizeItemText`);
 * - else `added`: the batch's adds go together after the agenda's last block, before any
 *   sub-heading (`spliceItems`, which appends `### <section>` when there is none).
 * Removes take out the whole item (its lines) of the first UNCHECKED agenda item that matches:
 * `#123` → the item starting with `#123`; text → the item with the same normalized text, else
 * the only item containing it (`ambiguous` when several do). `already-checked` when only checked
 * items match; `not-found` when none does. Every other byte stays as it was.
 *
 * `names` are all the section names in play (as for `spliceItems`): a `Name:` line naming any of
 * them ends the agenda.
 *
 * The body never grows past `maxLength` (GitHub's limit by default): adds that do not fit, the
 * batch's last ones first, are `invalid` with the reason "the meeting issue is full (…)".
 */
export function applyAgendaCommands(
  body: string,
  section: string,
  requests: readonly AgendaRequest[],
  names: readonly string[] = [section],
  /** The longest body allowed: adds that would make it longer are refused as `invalid` ("the meeting issue is full"). */
  maxLength: number = MAX_ISSUE_BODY_LENGTH,
): AppliedAgenda {
  let current = body;
  let entries: Entry[] | undefined;
  let pending: Array<Pending & { outcome: number }> = [];
  const outcomes: AgendaOutcome[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const { body: next, kept } = insertWhatFits(current, section, names, pending, maxLength);
    for (const refused of pending.slice(kept)) outcomes[refused.outcome] = { status: "invalid", reason: ISSUE_FULL_REASON };
    current = next;
    pending = [];
    entries = undefined;
  };

  for (const request of requests) {
    if (request.kind === "add") {
      entries ??= agendaEntries(current, section, names);
      const planned = planAdd(current, entries, pending, request);
      if ("pending" in planned) {
        pending.push({ ...planned.pending, outcome: outcomes.length });
        outcomes.push({ status: "added", line: planned.pending.line });
      } else outcomes.push(planned);
      continue;
    }
    // A remove may target an item added earlier in this batch: write those first.
    flush();
    entries ??= agendaEntries(current, section, names);
    const removed = planRemove(current, entries, request.target);
    if ("body" in removed) {
      current = removed.body;
      entries = undefined;
      outcomes.push(removed.outcome);
    } else outcomes.push(removed);
  }
  flush();
  return { body: current, outcomes };
}

/** The reason an add is refused when the body has no room for it. */
export const ISSUE_FULL_REASON = `the meeting issue is full (GitHub allows ${MAX_ISSUE_BODY_TEXT} characters in an issue body); remove finished items from it, or add a link to an issue that holds the details`;

/**
 * Insert as many of the batch's items as fit in `maxLength`, the first ones first (whole items:
 * never a part of one). Each retry drops at least enough lines from the end to cover the excess.
 */
function insertWhatFits(body: string, section: string, names: readonly string[], adds: readonly Pending[], maxLength: number): { body: string; kept: number } {
  let kept = adds.length;
  for (;;) {
    const next = kept === 0 ? body : insertItems(body, section, names, adds.slice(0, kept).map((add) => add.line));
    if (next.length <= maxLength || kept === 0) return { body: next, kept };
    let excess = next.length - maxLength;
    while (kept > 0 && excess > 0) {
      kept -= 1;
      excess -= (adds[kept] as Pending).line.length + 1;
    }
  }
}

function planAdd(body: string, entries: Entry[], pending: Pending[], request: AgendaItemInput): AgendaOutcome | { pending: Pending } {
  const sanitized = sanitizeItemText(request.text);
  if (!sanitized.ok) return { status: "invalid", reason: sanitized.reason };
  let line: string;
  try {
    line = formatAgendaItem(request);
  } catch (error) {
    if (error instanceof AgendaItemError) return { status: "invalid", reason: error.message.replace(/^formatAgendaItem: /, "") };
    throw error;
  }

  const done = parseMarkers(body).some((fields) => markerIsFrom(fields, request.source));
  if (done || pending.some((add) => sameSource(add.source, request.source))) return { status: "already-done" };

  const normalized = normalizeItemText(sanitized.text);
  const thread = itemThread(sanitized.text);
  const same = (other: { normalized: string; thread: number | undefined }): boolean =>
    other.normalized === normalized || (thread !== undefined && other.thread === thread);
  const existing = entries.find(same) ?? pending.find(same);
  if (existing) return { status: "duplicate", existing: displayText(existing.text) };

  return { pending: { line, normalized, thread, source: request.source, text: sanitized.text } };
}

function planRemove(body: string, entries: Entry[], target: AgendaTarget): AgendaOutcome | { body: string; outcome: AgendaOutcome } {
  let matches: Entry[];
  let exact = true;
  if ("number" in target) {
    matches = entries.filter((entry) => entry.thread === target.number);
  } else {
    const sanitized = sanitizeItemText(target.text);
    const wanted = normalizeItemText(sanitized.ok ? sanitized.text : target.text);
    if (wanted === "") return { status: "not-found" };
    matches = entries.filter((entry) => entry.normalized === wanted);
    if (matches.length === 0) {
      exact = false;
      matches = entries.filter((entry) => entry.normalized.includes(wanted));
    }
  }

  const open = matches.filter((entry) => !entry.done);
  const first = matches[0];
  if (!first) return { status: "not-found" };
  if (open.length === 0) return { status: "already-checked", text: displayText(first.text) };
  if (!exact && open.length > 1) return { status: "ambiguous", candidates: open.map((entry) => displayText(entry.text)) };
  const chosen = open[0] as Entry;
  const [start, end] = wholeLines(body, chosen.start, chosen.end);
  return { body: body.slice(0, start) + body.slice(end), outcome: { status: "removed", text: displayText(chosen.text) } };
}

/** The issue numbers the agenda already proposes (items starting with `#123`), checked or not, in order, once each. */
export function agendaThreads(body: string, section: string, names: readonly string[] = [section]): number[] {
  const threads = agendaEntries(body, section, names).flatMap((entry) => (entry.thread === undefined ? [] : [entry.thread]));
  return [...new Set(threads)];
}

/**
 * The form in which two items count as the same: HTML comments (markers) and a final
 * `(@author…)` suffix dropped, `&lt;` read as `<`, invisible spaces dropped, whitespace collapsed,
 * lower case.
 */
export function normalizeItemText(text: string): string {
  return plainItemText(text).toLowerCase();
}

// `(@alice)`, `(@alice, from #45)`, `(@dependabot[bot])`.
const AUTHOR_SUFFIX = /\s*\(@[A-Za-z0-9-]+(?:\[bot\])?(?:,[^()]*)?\)$/;

function plainItemText(text: string): string {
  return text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
    .replace(/&lt;/gi, "<")
    .replace(/[\u200b\u2060\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    // A call to action the app collected ends with where it came from: `… (@alice) _(from Outcomes in #97)_`.
    .replace(COLLECTED_FROM, "")
    .replace(AUTHOR_SUFFIX, "");
}

const COLLECTED_FROM = /[ \t]*_\(from (?:[^()\n]* in )?#\d{1,10}\)_$/;

/** An item's text for a reply: without marker or author suffix, on one line. */
function displayText(text: string): string {
  return text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(AUTHOR_SUFFIX, "");
}

function sameSource(a: AgendaItemInput["source"], b: AgendaItemInput["source"]): boolean {
  if ("label" in a || "label" in b) return "label" in a && "label" in b && a.issue === b.issue;
  return a.commentId === b.commentId && a.index === b.index && a.on === b.on;
}

/**
 * The agenda: the top-level items of every occurrence of the section, in document order, each
 * occurrence cut at its first sub-heading. A meeting issue often keeps notes under deeper
 * headings inside the agenda's section (`## Agenda` then `### Outcomes`, `### Action Items`);
 * those are not agenda items, and new items go before them.
 */
export function agendaItems(body: string, section: string, names: readonly string[] = [section]): ExtractedItem[] {
  return agendaParts(body, section, names).flatMap((part) => extractItems(body, part));
}

function agendaParts(body: string, section: string, names: readonly string[]): Section[] {
  const found = findSections(body, names.includes(section) ? names : [...names, section]).get(section) ?? [];
  return found.map((occurrence) => {
    const cut = occurrence.blocks.findIndex((block) => block.node.type === "heading");
    const subheading = occurrence.blocks[cut];
    if (!subheading) return occurrence;
    return { ...occurrence, blocks: occurrence.blocks.slice(0, cut), end: subheading.start };
  });
}

function agendaEntries(body: string, section: string, names: readonly string[]): Entry[] {
  return agendaItems(body, section, names).map((item) => ({
    text: item.text,
    normalized: normalizeItemText(item.text),
    thread: itemThread(item.text),
    done: isDone(item),
    start: item.start,
    end: item.end,
  }));
}

/**
 * `spliceItems` into the agenda: the body is cut where the first agenda ends (at a sub-heading,
 * or the section's end), the items spliced into the first part, and a blank line kept between
 * them and whatever followed, so nothing after can read as a continuation of the last item.
 */
export function insertItems(body: string, section: string, names: readonly string[], lines: string[]): string {
  const first = agendaParts(body, section, names)[0];
  if (!first) return spliceItems(body, section, lines, names).body;
  // Cut at the start of the line: the next block may be indented.
  const start = lineStart(body, first.end);
  const cut = /^[ \t]*$/.test(body.slice(start, first.end)) ? start : first.end;
  const head = spliceItems(body.slice(0, cut), section, lines, names).body;
  const tail = body.slice(cut);
  const eol = /\r\n|\r|\n/.exec(body)?.[0] ?? "\n";
  const blank = tail === "" || /(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)$/.test(head);
  return head + (blank ? "" : eol) + tail;
}

function lineStart(body: string, offset: number): number {
  return Math.max(body.lastIndexOf("\n", offset - 1), body.lastIndexOf("\r", offset - 1)) + 1;
}

/**
 * Widen [start, end) to whole lines: back over the indentation before the item, forward over
 * trailing spaces and one line ending. When something else shares the first line (`- - item`),
 * only the item and its trailing spaces go.
 */
export function wholeLines(body: string, start: number, end: number): [number, number] {
  let from = start;
  // A paragraph item under a pseudo-heading starts at the heading line's end.
  while (from < end && (body[from] === "\n" || body[from] === "\r")) from += 1;
  const lineStart = Math.max(body.lastIndexOf("\n", from - 1), body.lastIndexOf("\r", from - 1)) + 1;
  const ownLine = /^[ \t]*$/.test(body.slice(lineStart, from));
  let to = end + (/^[ \t]*/.exec(body.slice(end))?.[0].length ?? 0);
  // Sharing its line, the item leaves the line ending with what stays.
  if (!ownLine) return [from, to];
  to += /^(\r\n|\r|\n)/.exec(body.slice(to))?.[0].length ?? 0;
  return [lineStart, to];
}
