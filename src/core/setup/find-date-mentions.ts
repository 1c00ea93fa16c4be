import { DateTime, IANAZone } from "luxon";

/**
 * Dates, times, time zones and timeanddate.com links as people write them in meeting notes, for
 * `inferSetup`. English month and weekday names only; ambiguous forms (09/11/2020) are not read.
 */

/** A calendar date in the text, and the luxon format that writes it back the same way. */
export interface DateMention {
  start: number;
  end: number;
  /** yyyy-MM-dd */
  date: string;
  format: string;
}

/** A time of day, with the zone written next to it when there is one. */
export interface TimeMention {
  start: number;
  end: number;
  /** HH:mm, 24-hour. */
  time: string;
  /** IANA zone, from a name (Europe/Berlin) or a common abbreviation (CET, PT, UTC). */
  zone?: string;
}

/** A timeanddate.com link to a meeting time: its local start, and its zone when it says (p1=1440, or no place: UTC). */
export interface LinkMention {
  start: number;
  end: number;
  /** yyyy-MM-dd'T'HH:mm, local to the link's place. */
  local: string;
  zone?: string;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const WEEKDAY = "(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)";
const ORDINAL = "(?:st|nd|rd|th)?";

// "Friday, September 11, 2020", "Sep 11 2020", "Fri, Sept. 11th, 2020"
const US_LONG = new RegExp(`\\b(?:${WEEKDAY}(,?)\\s+)?${MONTH}\\.?\\s+(\\d{1,2})${ORDINAL}(,?)\\s+(\\d{4})\\b`, "gi");
// "11 September 2020", "Friday 11 Sep 2020", "Friday, 11. September 2020"
const EU_LONG = new RegExp(`\\b(?:${WEEKDAY}(,?)\\s+)?(\\d{1,2})${ORDINAL}(\\.?)\\s+${MONTH}\\.?(,?)\\s+(\\d{4})\\b`, "gi");
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const SLASHED = /\b(\d{4})\/(\d{2})\/(\d{2})\b/g;
const DOTTED = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g;

/** Every date in `text`, in order, never overlapping (the longest reading of a span wins). */
export function findDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const match of text.matchAll(US_LONG)) {
    const [, weekday, weekdayComma, month, day, dayComma, year] = match;
    const date = toDate(Number(year), monthNumber(month), Number(day));
    if (!date) continue;
    const parts = [weekday ? `${weekdayToken(weekday)}${weekdayComma} ` : "", `${monthToken(month as string)} ${day?.length === 2 && day.startsWith("0") ? "dd" : "d"}${dayComma} yyyy`];
    found.push({ start: match.index, end: match.index + match[0].length, date, format: parts.join("") });
  }
  for (const match of text.matchAll(EU_LONG)) {
    const [, weekday, weekdayComma, day, dot, month, monthComma, year] = match;
    const date = toDate(Number(year), monthNumber(month), Number(day));
    if (!date) continue;
    const dayToken = day?.length === 2 && day.startsWith("0") ? "dd" : "d";
    const format = `${weekday ? `${weekdayToken(weekday)}${weekdayComma} ` : ""}${dayToken}${dot ? "." : ""} ${monthToken(month as string)}${monthComma} yyyy`;
    found.push({ start: match.index, end: match.index + match[0].length, date, format });
  }
  for (const [pattern, format] of [[ISO, "yyyy-MM-dd"], [SLASHED, "yyyy/MM/dd"]] as const) {
    for (const match of text.matchAll(pattern)) {
      const date = toDate(Number(match[1]), Number(match[2]), Number(match[3]));
      if (date) found.push({ start: match.index, end: match.index + match[0].length, date, format });
    }
  }
  for (const match of text.matchAll(DOTTED)) {
    const [, day = "", month = "", year] = match;
    const date = toDate(Number(year), Number(month), Number(day));
    const format = `${day.length === 2 ? "dd" : "d"}.${month.length === 2 ? "MM" : "M"}.yyyy`;
    if (date) found.push({ start: match.index, end: match.index + match[0].length, date, format });
  }
  return withoutOverlaps(found);
}

/** Common abbreviations people write after a time, and the zone they mean. */
const ABBREVIATIONS: Record<string, string> = {
  utc: "UTC",
  gmt: "UTC",
  z: "UTC",
  pt: "America/Los_Angeles",
  pst: "America/Los_Angeles",
  pdt: "America/Los_Angeles",
  mt: "America/Denver",
  mst: "America/Denver",
  mdt: "America/Denver",
  ct: "America/Chicago",
  cst: "America/Chicago",
  cdt: "America/Chicago",
  et: "America/New_York",
  est: "America/New_York",
  edt: "America/New_York",
  bst: "Europe/London",
  cet: "Europe/Berlin",
  cest: "Europe/Berlin",
  eet: "Europe/Athens",
  eest: "Europe/Athens",
  ist: "Asia/Kolkata",
  jst: "Asia/Tokyo",
  kst: "Asia/Seoul",
  aest: "Australia/Sydney",
  aedt: "Australia/Sydney",
  nzst: "Pacific/Auckland",
  nzdt: "Pacific/Auckland",
};
const AREAS = "(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)";
const IANA_NAME = `${AREAS}/[A-Za-z_]+(?:/[A-Za-z_]+)?`;
const ZONE = `(${IANA_NAME}|${Object.keys(ABBREVIATIONS).join("|")})`;
const AFTER = `(?:\\s*\\(?\\s*${ZONE}\\b\\)?)?`;
const MERIDIEM = "(a\\.?m\\.?|p\\.?m\\.?)";
// 20:30, 8:30 pm, 20.30 is not read (prices, versions); each optionally followed by a zone.
const CLOCK = new RegExp(`\\b([01]?\\d|2[0-3]):([0-5]\\d)(?:\\s*${MERIDIEM})?(?![\\d:])${AFTER}`, "gi");
// 8pm, 9 a.m. PT
const HOUR = new RegExp(`\\b(1[0-2]|0?[1-9])\\s*${MERIDIEM}(?![a-z])${AFTER}`, "gi");
// 2030 UTC: four digits count as a time only with a zone after them.
const MILITARY = new RegExp(`\\b([01]\\d|2[0-3])([0-5]\\d)\\s*\\(?\\s*${ZONE}\\b\\)?`, "gi");

/** Every time of day in `text`, in order, with its zone when one is written right after it. Dates are not read as times. */
export function findTimes(text: string, dates: readonly DateMention[] = findDates(text)): TimeMention[] {
  const found: TimeMention[] = [];
  const push = (start: number, end: number, hour: number, minute: number, meridiem: string | undefined, zoneText: string | undefined) => {
    const h = meridiem ? (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0) : hour;
    const zone = zoneText === undefined ? undefined : zoneFor(zoneText);
    // A zone-like word that is no zone ("at 10:00 in America/Atlantis") is text, not part of the time.
    const mention: TimeMention = { start, end, time: `${String(h).padStart(2, "0")}:${String(minute).padStart(2, "0")}` };
    if (zone) mention.zone = zone;
    found.push(mention);
  };
  for (const match of text.matchAll(CLOCK)) push(match.index, match.index + match[0].length, Number(match[1]), Number(match[2]), match[3], match[4]);
  for (const match of text.matchAll(HOUR)) push(match.index, match.index + match[0].length, Number(match[1]), 0, match[2], match[3]);
  for (const match of text.matchAll(MILITARY)) push(match.index, match.index + match[0].length, Number(match[1]), Number(match[2]), undefined, match[3]);
  const inDate = (mention: TimeMention) => dates.some((date) => mention.start < date.end && date.start < mention.end);
  return withoutOverlaps(found.filter((mention) => !inDate(mention)));
}

/** IANA zone names written anywhere in `text` ("All times Europe/Berlin"), in order; unknown names are skipped. */
export function findZoneNames(text: string): string[] {
  return [...text.matchAll(new RegExp(`\\b${IANA_NAME}\\b`, "g"))].map((match) => zoneFor(match[0])).filter((zone): zone is string => zone !== undefined);
}

// The timeanddate.com pages teams link a meeting time to: "fixed time" (with or without
// /worldclock/), the converter, and the meeting planner's details page.
const TIMEANDDATE = /https?:\/\/(?:www\.)?timeanddate\.com\/(?:worldclock\/)?(?:fixedtime|converter|meetingdetails)\.html\?[^\s)\]>"'<]*/gi;
// `iso=` as people (and the site's own forms) write it: 20200911T20, T2030, T203000, or with separators.
const LINK_ISO = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?/;
const UTC_PLACE = "1440";

/**
 * timeanddate.com links to a meeting time: `fixedtime.html?iso=20200911T2030&p1=…` (or `converter.html`,
 * with the hour alone, with seconds, with `msg=` and `ah=` around it), and `meetingdetails.html?year=…
 * &month=…&day=…&hour=…&min=…`. The time is local to place `p1`; p1=1440 is UTC, and a fixed-time link
 * without `p1` is in UTC too. Other places are not read (their numbers are the site's own).
 */
export function findTimeAndDateLinks(text: string): LinkMention[] {
  const found: LinkMention[] = [];
  for (const match of text.matchAll(TIMEANDDATE)) {
    const url = match[0].replace(/[.,;:!?]+$/, "");
    const query = new URLSearchParams(url.slice(url.indexOf("?") + 1).replace(/&amp;/g, "&"));
    const start = localStart(query);
    if (!start || !DateTime.fromISO(start, { zone: "UTC" }).isValid) continue;
    const mention: LinkMention = { start: match.index, end: match.index + url.length, local: start };
    const place = query.get("p1");
    if (place === UTC_PLACE || (place === null && /fixedtime\.html/i.test(url))) mention.zone = "UTC";
    found.push(mention);
  }
  return found;
}

/** yyyy-MM-dd'T'HH:mm from a link's `iso=`, or from the meeting planner's year, month, day, hour and min. */
function localStart(query: URLSearchParams): string | undefined {
  const iso = LINK_ISO.exec(query.get("iso") ?? "");
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5] ?? "00"}`;
  const [year, month, day, hour, minute] = ["year", "month", "day", "hour", "min"].map((key) => query.get(key));
  if (!year || !month || !day || !hour || !/^\d{4}$/.test(year) || ![month, day, hour, minute ?? "0"].every((value) => /^\d{1,2}$/.test(value))) return undefined;
  const two = (value: string) => value.padStart(2, "0");
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute ?? "0")}`;
}

export function zoneFor(text: string): string | undefined {
  const abbreviation = ABBREVIATIONS[text.toLowerCase()];
  if (abbreviation) return abbreviation;
  return IANAZone.isValidZone(text) ? new Intl.DateTimeFormat("en-US", { timeZone: text }).resolvedOptions().timeZone : undefined;
}

function monthNumber(name: string | undefined): number {
  const prefix = (name ?? "").toLowerCase().slice(0, 3);
  return MONTHS.findIndex((month) => month.startsWith(prefix)) + 1;
}

function monthToken(name: string): string {
  return MONTHS.includes(name.toLowerCase()) ? "LLLL" : "LLL";
}

function weekdayToken(name: string): string {
  return WEEKDAYS.includes(name.toLowerCase()) ? "cccc" : "ccc";
}

function toDate(year: number, month: number, day: number): string | undefined {
  if (month < 1) return undefined;
  const date = DateTime.fromObject({ year, month, day }, { zone: "UTC" });
  return date.isValid ? (date.toISODate() ?? undefined) : undefined;
}

/** Sorted by start; of overlapping mentions the one starting first (then the longest) stays. */
function withoutOverlaps<T extends { start: number; end: number }>(mentions: T[]): T[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  for (const mention of sorted) {
    const last = kept.at(-1);
    if (!last || mention.start >= last.end) kept.push(mention);
  }
  return kept;
}
