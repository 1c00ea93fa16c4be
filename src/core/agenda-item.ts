import type { Nodes } from "mdast";
import { parseMarkdown } from "./markdown.js";
import { formatMarker, neutralizeMarkers, type MarkerFields } from "./markers.js";

/** The longest item text accepted, in characters, counted as the user wrote it (before `<` becomes `&lt;`). */
export const MAX_ITEM_LENGTH = 300;

/** Thrown when the app itself asks for an item line it must not write (bad login, bad id). */
export class AgendaItemError extends Error {
  override readonly name = "AgendaItemError";
}

export type SanitizedItemText = { ok: true; text: string } | { ok: false; reason: string };

// Line breaks of every kind become spaces: an item is one line.
const LINE_BREAKS = /[\n\r\t\v\f\u0085\u2028\u2029]/g;
// Other control characters, and the bidirectional overrides that can make text read unlike what it is.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// What would make structure at the start of a line: bullets, numbers, checkboxes, headings, quotes.
const LEADING_STRUCTURE = /^(?:[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$)|\[[ xX]\](?=\s|$)|#{1,6}(?=\s|$)|>)\s*/;
const AUTOLINK = /<((?:https?|mailto):[^\s<>`]*)>/gi;

/**
 * Make user text safe as the text of ONE list item line, keeping the Markdown people write on
 * purpose (**bold**, `code`, [links](…), #123, @mentions):
 * - line breaks, tabs and control characters go, whitespace collapses to single spaces;
 * - leading bullets, numbers, checkboxes, heading `#`s and `>` go (copied from a list, they mean nothing here);
 * - `<` becomes `&lt;`, so no HTML, HTML comment or marker can hide or forge anything; inside
 *   inline code it stays (code shows it literally; `Vec<T>`), only `<!--` is broken there;
 *   `<https://…>` autolinks become bare links, which GitHub links just the same;
 * - a trailing backslash is doubled, so it cannot escape what follows it;
 * - empty, or longer than MAX_ITEM_LENGTH characters after this cleanup: refused with a reason.
 * Sanitizing sanitized text changes nothing.
 */
export function sanitizeItemText(text: string): SanitizedItemText {
  let clean = text.replace(LINE_BREAKS, " ").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
  for (let strip = LEADING_STRUCTURE.exec(clean); strip; strip = LEADING_STRUCTURE.exec(clean)) {
    clean = clean.slice(strip[0].length);
  }
  if (clean === "") {
    return { ok: false, reason: "the item is empty: write what to discuss, e.g. `/agenda add Release 2.0 plan`" };
  }
  const length = [...clean].length;
  if (length > MAX_ITEM_LENGTH) {
    return {
      ok: false,
      reason: `the item is ${length} characters; the limit is ${MAX_ITEM_LENGTH}: shorten it or link an issue instead`,
    };
  }
  let safe = escapeHtml(clean);
  // An odd run of backslashes at the end would escape whatever the line puts after the text.
  if ((/\\+$/.exec(safe)?.[0].length ?? 0) % 2 === 1) safe += "\\";
  return { ok: true, text: neutralizeMarkers(safe) };
}

/** `<` → `&lt;` outside inline code; inside it, only `<!--` is broken. */
function escapeHtml(text: string): string {
  if (!text.includes("<")) return text;
  const everywhere = text.replace(AUTOLINK, "$1").replace(/</g, "&lt;");
  const code = codeSpans(text);
  if (code.length === 0) return everywhere;

  let kept = "";
  let at = 0;
  for (const [start, end] of code) {
    kept += text.slice(at, start).replace(AUTOLINK, "$1").replace(/</g, "&lt;");
    kept += text.slice(start, end).replace(/<!--/g, "<\u200b!--");
    at = end;
  }
  kept += text.slice(at).replace(AUTOLINK, "$1").replace(/</g, "&lt;");
  // Belt and braces: if the item line would still hold any HTML, escape every `<` after all.
  return containsHtml(`- [ ] ${kept} (@a)`) ? everywhere : kept;
}

/**
 * Offsets of the inline code spans of a one-line text. `<` is read as a plain letter here, as it
 * will be once escaped: HTML and autolinks bind tighter than backticks and could hide a span.
 */
function codeSpans(text: string): [number, number][] {
  const tree = parseMarkdown(text.replace(/</g, "x"));
  const only = tree.children[0];
  if (tree.children.length !== 1 || only?.type !== "paragraph") return [];
  const spans: [number, number][] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "inlineCode" && node.position) {
      spans.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
    } else if ("children" in node) node.children.forEach(visit);
  };
  visit(only);
  return spans;
}

function containsHtml(markdown: string): boolean {
  const visit = (node: Nodes): boolean => node.type === "html" || ("children" in node && node.children.some(visit));
  return visit(parseMarkdown(markdown));
}

/**
 * Where an item came from, written into its hidden marker so a redelivered webhook cannot add it twice:
 * - a comment command: the comment's id and the command's index in it (`comment=9 index=0`); a
 *   command in a PR review comment or review summary says so (`review-comment=9 index=0`,
 *   `review=9 index=0`), since those ids are counted apart from comment ids;
 * - the agenda label on an issue or PR (`labeled=123`).
 */
export type AgendaSource = { commentId: number; index: number; on?: "review-comment" | "review" } | { label: true; issue: number };

export interface AgendaItemInput {
  /** The item's text as the user wrote it (sanitized here); for a whole thread see `threadItemText`. */
  text: string;
  /** GitHub login of whoever proposed it. */
  author: string;
  /** The issue or PR the command was written in, when that is not the meeting issue itself: "from #45" (left out when the text starts with `#45`). */
  thread?: { number: number };
  source: AgendaSource;
}

const THREAD = /^(?:\*\*|__|\*|_|\[)?#(\d{1,15})(?![\p{L}\p{N}-])/u;

/** The thread an item's text proposes: `#123 …`, `**#123** …`, `[#123](…) …` → 123; else undefined. */
export function itemThread(text: string): number | undefined {
  const match = THREAD.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

// `@name` or `@org/team` where GitHub would see a mention (not inside a word or an e-mail address).
const MENTION = /(?<![\p{L}\p{N}_])@(?=[A-Za-z0-9])/gu;

/**
 * The text of an item that proposes a whole issue or PR: `#123 Release 2.0 plan`. Anyone may title
 * an issue, and a mention in a title pings no one; copied into a meeting issue it would, every
 * week. So a zero-width space goes after each `@`: the title reads the same and pings nobody.
 */
export function threadItemText(thread: { number: number; title: string }): string {
  return `#${thread.number} ${thread.title.replace(MENTION, "@\u200b")}`;
}

/** The marker fields for a source: `{ comment: "9", index: "0" }`, `{ review: "9", index: "0" }` or `{ labeled: "123" }`. */
export function agendaMarkerFields(source: AgendaSource): MarkerFields {
  if ("label" in source) return { labeled: String(wholeNumber(source.issue, "issue")) };
  return { [source.on ?? "comment"]: String(wholeNumber(source.commentId, "commentId")), index: String(wholeNumber(source.index, "index")) };
}

/** Whether a parsed marker is the one `source` writes. */
export function markerIsFrom(fields: MarkerFields, source: AgendaSource): boolean {
  const wanted = agendaMarkerFields(source);
  const keys = Object.keys(wanted);
  return keys.length === Object.keys(fields).length && keys.every((key) => fields[key] === wanted[key]);
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?$/;

/**
 * One agenda line:
 *
 *     - [ ] Release 2.0 plan (@alice) <!-- meeting-bot:comment=9 index=0 -->
 *     - [ ] Flaky CI (@bob, from #45) <!-- meeting-bot:comment=10 index=1 -->
 *     - [ ] #123 Release 2.0 plan (@carol) <!-- meeting-bot:labeled=123 -->
 *
 * `from #N` is left out when the item itself starts with `#N` (proposing the thread it was written in).
 * Throws AgendaItemError when the text is refused by `sanitizeItemText` (call it first to tell
 * the user why), or when the login or a number is not one GitHub would produce.
 */
export function formatAgendaItem(input: AgendaItemInput): string {
  const text = sanitizeItemText(input.text);
  if (!text.ok) throw new AgendaItemError(`formatAgendaItem: ${text.reason}`);
  const author = input.author.replace(/^@/, "");
  if (!LOGIN.test(author)) {
    throw new AgendaItemError(`formatAgendaItem: ${JSON.stringify(input.author)} is not a GitHub login; pass the commenter's login, e.g. "octocat"`);
  }
  // "from #45" says where it was proposed; an item that IS #45 says so already.
  const thread = input.thread ? wholeNumber(input.thread.number, "thread.number") : undefined;
  const from = thread !== undefined && thread !== itemThread(text.text) ? `, from #${thread}` : "";
  return `- [ ] ${text.text} (@${author}${from}) ${formatMarker(agendaMarkerFields(input.source))}`;
}

function wholeNumber(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AgendaItemError(`formatAgendaItem: ${what} must be a whole number ≥ 0 (a GitHub id), not ${String(value)}`);
  }
  return value;
}
