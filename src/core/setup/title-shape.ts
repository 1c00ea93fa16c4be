import { findDates } from "./find-date-mentions.js";

/** The format the `{{date}}` placeholder writes ("Friday, September 11, 2020"). */
const DATE_PLACEHOLDER_FORMAT = "cccc, LLLL d, yyyy";

/** A title read as a title template: what stays the same from meeting to meeting, and what counts. */
export interface TitleShape {
  /** The title with its meeting number as `{{number}}` and its date as `{{date…}}`: `Docs sync {{date:yyyy-MM-dd}}`. */
  template: string;
  /** The template in lower case with single spaces: titles with the same key belong together. */
  key: string;
  /** The meeting number written in the title (`#007`: 7, width 3). */
  number?: { value: number; width: number };
  /** The meeting date written in the title. */
  date?: { date: string; format: string };
}

// `#12`, `No. 12`, `Nr 12`, or a number ending the title (`Standup 12`; not `v1.2` nor `1.12`).
const HASH = /#(\d{1,6})\b/g;
const NUMBERED = /\b(?:no|nr|number)\.?\s*(\d{1,6})\b/gi;
const TRAILING = /(?<![\d.])\b(\d{1,6})\s*$/;

/** The placeholder for a date written in `format`. */
export function datePlaceholder(format: string): string {
  return format === DATE_PLACEHOLDER_FORMAT ? "{{date}}" : `{{date:${format}}}`;
}

export function titleShape(title: string): TitleShape {
  const text = title.trim();
  const date = findDates(text)[0];
  const outsideDate = (index: number) => !date || index < date.start || index >= date.end;
  const counters = [...text.matchAll(HASH), ...text.matchAll(NUMBERED)].filter((match) => outsideDate(match.index));
  let counter: { start: number; end: number; digits: string } | undefined;
  const last = counters.sort((a, b) => a.index - b.index).at(-1);
  if (last) {
    const digits = last[1] as string;
    const end = last.index + last[0].length;
    counter = { start: end - digits.length, end, digits };
  } else {
    const trailing = TRAILING.exec(text);
    if (trailing && outsideDate(trailing.index)) {
      const digits = trailing[1] as string;
      counter = { start: trailing.index, end: trailing.index + digits.length, digits };
    }
  }

  const slots = [
    ...(date ? [{ start: date.start, end: date.end, text: datePlaceholder(date.format) }] : []),
    ...(counter ? [{ start: counter.start, end: counter.end, text: "{{number}}" }] : []),
  ].sort((a, b) => a.start - b.start);
  let template = "";
  let at = 0;
  for (const slot of slots) {
    template += literal(text.slice(at, slot.start)) + slot.text;
    at = slot.end;
  }
  template += literal(text.slice(at));

  const shape: TitleShape = { template, key: template.toLowerCase().replace(/\s+/g, " ") };
  if (counter) shape.number = { value: Number(counter.digits), width: counter.digits.length };
  if (date) shape.date = { date: date.date, format: date.format };
  return shape;
}

/** Literal title text: `{{` would start a placeholder. */
function literal(text: string): string {
  return text.replace(/\{\{/g, "\\{{");
}

/**
 * The meeting's name in a title template: the words before the number or date, without the
 * separators around them. `Crates.io Weekly Team Meeting #{{number}}` → `Crates.io Weekly Team Meeting`.
 */
export function seriesNameOf(template: string): string {
  const bare = template
    .replace(/\{\{[^{}]*\}\}/g, " ")
    .replace(/\\\{\{/g, "{{")
    .replace(/(?:#|\b(?:no|nr|number)\.?)(?=\s|$)/gi, " ")
    .replace(/\(\s*\)|\[\s*\]/g, " ")
    .replace(/[\s\-–—:|,(\[#]+$/u, "")
    .replace(/^[\s\-–—:|,)\]]+/u, "")
    .replace(/\s+/g, " ")
    .trim();
  return bare === "" ? "Meeting" : bare;
}
