import type { DateTime } from "luxon";

/**
 * `{{date:FORMAT}}`: the meeting date in the series time zone, written with a luxon format
 * (https://moment.github.io/luxon/#/formatting?id=table-of-tokens), in English whatever the
 * server's locale. `{{date:yyyy-MM-dd}}` → `2020-09-11`, `{{date:d MMMM yyyy}}` → `11 September 2020`.
 * Text in single quotes is literal: `{{date:'week' W}}` → `week 37`.
 */
const DATE_FORMAT = /^date\s*:(.*)$/s;

/** The FORMAT of a `date:FORMAT` placeholder name, or undefined for any other name (or an empty format). */
export function dateFormatOf(name: string): string | undefined {
  const format = DATE_FORMAT.exec(name)?.[1]?.trim();
  return format === undefined || format === "" ? undefined : format;
}

/** The meeting's local date in `format`; `start` is the meeting start in its own zone. */
export function formatDateAs(start: DateTime, format: string): string {
  return start.setLocale("en-US").toFormat(format);
}
