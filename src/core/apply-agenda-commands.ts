import type { AgendaTarget } from "./agenda-command.js";
import { AgendaItemError, formatAgendaItem, itemThread, markerIsFrom, sanitizeItemText, type AgendaItemInput } from "./agenda-item.js";
import { extractItems, isDone } from "./extract-items.js";
import { findSections } from "./find-sections.js";
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
 * Adds:
 * - `already-done` when the body already holds the request's marker (a redelivered webhook);
 * - `duplicate` when an item of the section (or an add earlier in the batch) has the same text
 *   (see `normalizeItemText`) or proposes the same thread (`#123` at its start), checked or not;
 * - `invalid` when the text is refused (see `sanitizeItemText`);
 * - else `added`: the batch's adds go together at the end of the section (`spliceItems`, which
 *   appends `### <section>` when there is none).
 * Removes take out the whole item (its lines) of the first UNCHECKED item of the section that
 * matches: `#123` → the item starting with `#123`; text → the item with the same normalized
 * text, else the only item containing it (`ambiguous` when several do). `already-checked` when
 * only checked items match; `not-found` when none does. Every other byte stays as it was.
 */
export function applyAgendaCommands(body: string, section: string, requests: readonly AgendaRequest[]): AppliedAgenda {
  let current = body;
  let entries: Entry[] | undefined;
  let pending: Pending[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    current = spliceItems(current, section, pending.map((add) => add.line)).body;
    pending = [];
    entries = undefined;
  };

  const outcomes = requests.map((request): AgendaOutcome => {
    if (request.kind === "add") {
      entries ??= agendaEntries(current, section);
      const planned = planAdd(current, entries, pending, request);
      if ("pending" in planned) {
        pending.push(planned.pending);
        return { status: "added", line: planned.pending.line };
      }
      return planned;
    }
    // A remove may target an item added earlier in this batch: write those first.
    flush();
    entries ??= agendaEntries(current, section);
    const removed = planRemove(current, entries, request.target);
    if ("body" in removed) {
      current = removed.body;
      entries = undefined;
      return removed.outcome;
    }
    return removed;
  });
  flush();
  return { body: current, outcomes };
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

/** The issue numbers the agenda section already proposes (items starting with `#123`), in order, once each. */
export function agendaThreads(body: string, section: string): number[] {
  const threads = agendaEntries(body, section).flatMap((entry) => (entry.thread === undefined ? [] : [entry.thread]));
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
    .replace(AUTHOR_SUFFIX, "");
}

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
  return a.commentId === b.commentId && a.index === b.index;
}

/** The top-level items of every occurrence of the section, in document order. */
function agendaEntries(body: string, section: string): Entry[] {
  const sections = findSections(body, [section]).get(section) ?? [];
  return sections.flatMap((found) =>
    extractItems(body, found).map((item) => ({
      text: item.text,
      normalized: normalizeItemText(item.text),
      thread: itemThread(item.text),
      done: isDone(item),
      start: item.start,
      end: item.end,
    })),
  );
}

/**
 * Widen [start, end) to whole lines: back over the indentation before the item, forward over
 * trailing spaces and one line ending. When something else shares the first line (`- - item`),
 * only the item and its trailing spaces go.
 */
function wholeLines(body: string, start: number, end: number): [number, number] {
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
