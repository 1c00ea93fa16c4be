import {
  renderPlaceholders,
  splitPlaceholders,
  type RenderValues,
  type TemplatePart,
  type TextLocation,
} from "./render-placeholders.js";

/** A meeting number as written in a title: `007` is number 7, width 3. */
export interface MeetingNumber {
  number: number;
  width: number;
}

const LITERAL_NUMBER = /#(\d+)/g;

/**
 * Where the number sits in a title template: the first `{{number}}`, or (without one) the last
 * literal `#<digits>`, so a template titled "Weekly Meeting #001" still counts up.
 */
type NumberSlot =
  | { kind: "placeholder"; part: number }
  | { kind: "literal"; part: number; start: number; digits: string }
  | { kind: "none" };

function findNumberSlot(parts: TemplatePart[]): NumberSlot {
  const placeholder = parts.findIndex((part) => part.kind === "placeholder" && part.name === "number");
  if (placeholder !== -1) return { kind: "placeholder", part: placeholder };
  let slot: NumberSlot = { kind: "none" };
  parts.forEach((part, index) => {
    if (part.kind !== "text") return;
    for (const match of part.text.matchAll(LITERAL_NUMBER)) {
      slot = { kind: "literal", part: index, start: match.index + 1, digits: match[1] as string };
    }
  });
  return slot;
}

// Each wildcard can take any share of the title, so k of them cost up to n^k steps on a title
// that does not match (titles are attacker-writable: anyone can open an issue from a template).
const MAX_WILDCARDS = 2;

type Piece = { kind: "exact"; source: string } | { kind: "wild" } | { kind: "slot" };

/**
 * A title template as a pattern that matches the titles it renders: `{{number}}` (or the literal
 * `#<digits>` slot) captures `(\d+)`, other placeholders match anything (even nothing), literal text
 * matches itself with any run of whitespace standing for any other, case-insensitively.
 * With more than two other placeholders, the text between the first and last of them on each side
 * of the number is not checked, which keeps matching fast on any title.
 */
export function titlePattern(titleTemplate: string): RegExp {
  const parts = splitPlaceholders(titleTemplate.trim());
  const slot = findNumberSlot(parts);
  const pieces: Piece[] = [];
  parts.forEach((part, index) => {
    if (part.kind === "placeholder") {
      if (slot.kind === "placeholder" && slot.part === index) pieces.push({ kind: "slot" });
      else if (part.name === "number") pieces.push({ kind: "exact", source: "\\d+" });
      else pieces.push({ kind: "wild" });
    } else if (slot.kind === "literal" && slot.part === index) {
      const end = slot.start + slot.digits.length;
      pieces.push({ kind: "exact", source: literal(part.text.slice(0, slot.start)) });
      pieces.push({ kind: "slot" });
      pieces.push({ kind: "exact", source: literal(part.text.slice(end)) });
    } else {
      pieces.push({ kind: "exact", source: literal(part.text) });
    }
  });
  const bounded = pieces.filter((piece) => piece.kind === "wild").length > MAX_WILDCARDS ? collapseWildcards(pieces) : pieces;
  const source = bounded
    .map((piece) => (piece.kind === "exact" ? piece.source : piece.kind === "slot" ? "(\\d+)" : ".*?"))
    .join("");
  return new RegExp(`^\\s*${source}\\s*$`, "i");
}

// A date placeholder and what joins it to the title: " {{date}}", " - {{date:yyyy-MM-dd}}", " ({{date}})".
const DATE_IN_TITLE = /\s*[-–—:,|/]?\s*\(?\{\{\s*date(?::[^}]*)?\s*\}\}\)?/g;

/**
 * The titles of a series' meetings before the app ran, when its title template has a date the team's
 * own titles did not: `Docs meeting {{date:yyyy-MM-dd}}` (the date added by onboarding) also finds
 * the team's hand-made `Docs meeting`. Undefined when the template has no date, or nothing else.
 * Only the first run reads it (see locateMeetings): afterwards the app's own issues are found.
 */
export function undatedTitlePattern(titleTemplate: string): RegExp | undefined {
  const undated = titleTemplate.replace(DATE_IN_TITLE, "").replace(/^[\s\-–—:,|/]+|[\s\-–—:,|/]+$/g, "");
  if (undated === titleTemplate.trim() || !/[\p{L}\p{N}]/u.test(undated.replace(/\{\{[^}]*\}\}/g, ""))) return undefined;
  return titlePattern(undated);
}

/** On each side of the number slot, replace everything from the first to the last wildcard with one. */
function collapseWildcards(pieces: Piece[]): Piece[] {
  const slot = pieces.findIndex((piece) => piece.kind === "slot");
  const sides = slot === -1 ? [pieces] : [pieces.slice(0, slot), [pieces[slot] as Piece], pieces.slice(slot + 1)];
  return sides.flatMap((side) => {
    const first = side.findIndex((piece) => piece.kind === "wild");
    if (first === -1) return side;
    const last = side.findLastIndex((piece) => piece.kind === "wild");
    return [...side.slice(0, first), { kind: "wild" } as const, ...side.slice(last + 1)];
  });
}

function literal(text: string): string {
  return text
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+");
}

/**
 * The number in a previous meeting's title, read through the title template; for hand-written
 * titles that do not fit it, the last `#<digits>` in the title. Null when there is none.
 */
export function parseMeetingNumber(title: string, titleTemplate: string): MeetingNumber | null {
  const matched = titlePattern(titleTemplate).exec(title)?.[1];
  const digits = matched ?? [...title.matchAll(LITERAL_NUMBER)].at(-1)?.[1];
  if (digits === undefined) return null;
  const number = Number(digits);
  // A twenty-digit "number" is not a meeting count we can add one to exactly.
  if (!Number.isSafeInteger(number)) return null;
  return { number, width: digits.length };
}

/**
 * The next meeting's number: the previous one plus one, keeping its zero padding (#099 → #100,
 * #999 → #1000). Without a readable previous title: the template's literal number (`#001` → 1,
 * width 3), else 1 without padding.
 */
export function nextMeetingNumber(
  previousTitle: string | null,
  titleTemplate: string,
): MeetingNumber & { text: string } {
  const previous = previousTitle === null ? null : parseMeetingNumber(previousTitle, titleTemplate);
  let next: MeetingNumber = { number: 1, width: 1 };
  if (previous) {
    next = { number: previous.number + 1, width: previous.width };
  } else {
    const slot = findNumberSlot(splitPlaceholders(titleTemplate));
    if (slot.kind === "literal") next = { number: Number(slot.digits), width: slot.digits.length };
  }
  return { ...next, text: formatMeetingNumber(next.number, next.width) };
}

/** `formatMeetingNumber(7, 3)` → "007"; numbers wider than `width` are written in full. */
export function formatMeetingNumber(number: number, width: number): string {
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new RangeError(`formatMeetingNumber: ${number} is not a whole number of meetings`);
  }
  return String(number).padStart(Math.max(1, Math.floor(width)), "0");
}

/**
 * Render a title template. Besides the placeholders, a template without `{{number}}` but with a
 * literal `#<digits>` gets those digits replaced by `values.number`.
 */
export function renderTitle(
  titleTemplate: string,
  values: RenderValues,
  where: TextLocation = { path: "title" },
): string {
  const parts = splitPlaceholders(titleTemplate);
  const slot = findNumberSlot(parts);
  let template = titleTemplate;
  if (slot.kind === "literal") {
    const at = (parts[slot.part] as TemplatePart).start + slot.start;
    // `{{number}}` is substituted with the same value the placeholder would get.
    template = template.slice(0, at) + "{{number}}" + template.slice(at + slot.digits.length);
  }
  return renderPlaceholders(template, values, where);
}
