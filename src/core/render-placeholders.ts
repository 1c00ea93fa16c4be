import { closestMatch } from "./closest-match.js";
import { dateFormatOf } from "./date-placeholder.js";
import { TemplateError } from "./template-error.js";

/**
 * The placeholders a template may use, in the order help texts list them.
 * Values are computed elsewhere (schedule, roles, location); this module only substitutes.
 */
export const PLACEHOLDERS = [
  { name: "number", description: "the meeting number, zero-padded like the previous meeting's (#001 → 002)" },
  { name: "date", description: "the meeting date in the series time zone, e.g. Friday, September 11, 2020" },
  { name: "time", description: "the start time in the series time zone, e.g. 20:30 UTC" },
  { name: "timezones", description: "a Markdown list of the start time in each configured time zone" },
  { name: "timezone_table", description: "a Markdown table of the start time in each configured time zone" },
  { name: "timeanddate_url", description: "a timeanddate.com link converting the start time to any time zone" },
  { name: "previous", description: "the previous meeting issue as #N" },
  { name: "moderator", description: "this meeting's moderator, from the roles rotation" },
  { name: "notetaker", description: "this meeting's note-taker, from the roles rotation" },
  { name: "location", description: "where this meeting happens, from the location rules" },
  { name: "calendar", description: "Add to calendar links: Google Calendar, and an .ics download and the series feed when the app has a public URL" },
] as const;

export type PlaceholderName = (typeof PLACEHOLDERS)[number]["name"];
export type PlaceholderValues = Record<PlaceholderName, string>;
/** The values, and `{{date:FORMAT}}` (see date-placeholder.ts): the meeting date in a luxon format. */
export type RenderValues = PlaceholderValues & { formatDate?: (format: string) => string };

const NAMES: readonly string[] = PLACEHOLDERS.map((placeholder) => placeholder.name);

/** Where a text comes from, for error messages; `lineOffset` is added to line numbers (front-matter lines). */
export interface TextLocation {
  path: string;
  lineOffset?: number;
}

/** One piece of a template text: literal text, an escaped `\{{` (rendered as `{{`), or a placeholder. */
export type TemplatePart =
  | { kind: "text"; text: string; start: number; end: number }
  | { kind: "escape"; text: "{{"; start: number; end: number }
  | { kind: "placeholder"; name: string; raw: string; start: number; end: number };

/** A placeholder used in a text, with its 1-based line and column. */
export interface PlaceholderUse {
  name: string;
  known: boolean;
  line: number;
  column: number;
}

// `\{{` escapes; otherwise `{{ name }}` on one line. Anything in the braces is a (maybe unknown) name.
const TOKEN = /\\\{\{|\{\{([^{}\r\n]*)\}\}/g;

/** Split a text into literal text, escapes and placeholders, with offsets into the original text. */
export function splitPlaceholders(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start), start: last, end: start });
    if (match[1] === undefined) parts.push({ kind: "escape", text: "{{", start, end });
    else parts.push({ kind: "placeholder", name: match[1].trim(), raw: match[0], start, end });
    last = end;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last), start: last, end: text.length });
  return parts;
}

/** Every placeholder a text uses (known or not), so a template can be checked before it is rendered. */
export function findPlaceholders(text: string, lineOffset = 0): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  let line = 1 + lineOffset;
  let lineStart = 0;
  let scanned = 0;
  for (const part of splitPlaceholders(text)) {
    if (part.kind !== "placeholder") continue;
    // Count newlines incrementally: templates are scanned once, however many placeholders they hold.
    for (let i = scanned; i < part.start; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = part.start;
    const known = NAMES.includes(part.name) || dateFormatOf(part.name) !== undefined;
    uses.push({ name: part.name, known, line, column: part.start - lineStart + 1 });
  }
  return uses;
}

/** Throw a TemplateError for the first unknown placeholder in `text`, naming the closest known one. */
export function checkPlaceholders(text: string, where: TextLocation): void {
  const unknown = findPlaceholders(text, where.lineOffset ?? 0).find((use) => !use.known);
  if (unknown) {
    const { message, hint } = describeUnknownPlaceholder(unknown.name);
    throw new TemplateError(where.path, unknown.line, `${message}; ${hint}`);
  }
}

/** What is wrong with an unknown placeholder and how to fix it; config validation reuses it for titles. */
export function describeUnknownPlaceholder(name: string): { message: string; hint: string } {
  const suggestion = name === "" ? undefined : closestMatch(name, NAMES);
  const message = name === "" ? "empty placeholder {{}}" : `unknown placeholder {{${name}}}`;
  const didYouMean = suggestion ? `did you mean {{${suggestion}}}? ` : "";
  return { message, hint: `${didYouMean}known: ${NAMES.join(", ")}; write \\{{ for literal braces` };
}

/**
 * Substitute placeholders everywhere in `text` (HTML comments and code blocks included: what you
 * see in the template is what gets rendered). `\{{` stays a literal `{{`. Values are inserted as-is
 * and never rendered again. Unknown placeholders are errors, never blanks.
 *
 * A multi-line value (`{{timezones}}`) placed after nothing but indentation on its line gets that
 * indentation on every line, so `    {{timezones}}` nests the whole list under the bullet above it.
 */
export function renderPlaceholders(text: string, values: RenderValues, where: TextLocation): string {
  checkPlaceholders(text, where);
  let output = "";
  for (const part of splitPlaceholders(text)) {
    if (part.kind !== "placeholder") {
      output += part.text;
      continue;
    }
    const format = dateFormatOf(part.name);
    const value: unknown = format === undefined ? values[part.name as PlaceholderName] : values.formatDate?.(format);
    if (typeof value !== "string") throw new TypeError(`renderPlaceholders: no value for {{${part.name}}}`);
    const indent = /(?:^|\n)([ \t]+)$/.exec(output)?.[1];
    output += indent ? value.replace(/(\r?\n)(?=[^\r\n])/g, `$1${indent}`) : value;
  }
  return output;
}
