import { DateTime } from "luxon";
import { canonicalTimeZone } from "./canonical-time-zone.js";
import { ScheduleError } from "./schedule-error.js";

// Output is English whatever the server's locale: it goes into issue text.
const LOCALE = "en-US";
const ABBREVIATION = /^[A-Za-z]{2,6}$/;
/**
 * English locales whose time-zone data names zones that en-US only knows as "GMT+1": en-GB has
 * CET/CEST, BST, WET, EET; en-AU AEST, NZST; en-IN IST; en-IE Irish time; en-ZA SAST; en-SG SGT.
 * The first locale with a letter abbreviation for the instant wins, en-US first (PDT, EST).
 */
const NAMING_LOCALES = ["en-US", "en-GB", "en-AU", "en-NZ", "en-IN", "en-CA", "en-IE", "en-ZA", "en-SG"];

/** "Friday, September 11, 2020": the meeting's local date, in its own zone. */
export function formatMeetingDate(start: DateTime): string {
  return valid(start).setLocale(LOCALE).toFormat("cccc, LLLL d, yyyy");
}

/**
 * "20:30 UTC", "13:30 PDT", "22:30 CEST", "19:30 AEST": 24-hour local time and the zone's
 * abbreviation, as an English locale's time-zone data names it (see `NAMING_LOCALES`). Zones
 * without one get their UTC offset and IANA name: "02:00 UTC+3 (Europe/Moscow)",
 * "02:15 UTC+5:45 (Asia/Kathmandu)".
 */
export function formatMeetingTime(start: DateTime): string {
  const local = valid(start);
  const abbreviation = zoneAbbreviation(local);
  return abbreviation
    ? `${local.toFormat("HH:mm")} ${abbreviation}`
    : `${local.toFormat("HH:mm")} ${utcOffset(local.offset)} (${local.zoneName})`;
}

/**
 * The `{{timezones}}` placeholder: a Markdown list with the start in each configured zone, in the
 * configured order, with the date because it can differ between zones:
 * `- **America/Los_Angeles:** Friday, September 11, 2020, 13:30 PDT`. Empty string for no zones.
 */
export function timeZoneList(start: DateTime, zones: readonly string[]): string {
  return localTimes(start, zones)
    .map(({ zone, text }) => `- **${zone}:** ${text}`)
    .join("\n");
}

/**
 * The `{{timezone_table}}` placeholder: the same as `timeZoneList`, as a Markdown table
 * `| Time zone | Local time |`. Empty string for no zones.
 */
export function zoneTable(start: DateTime, zones: readonly string[]): string {
  const rows = localTimes(start, zones).map(({ zone, text }) => `| ${zone} | ${text} |`);
  return rows.length === 0 ? "" : ["| Time zone | Local time |", "| --- | --- |", ...rows].join("\n");
}

/**
 * A timeanddate.com page converting the start into the reader's zone:
 * `https://www.timeanddate.com/worldclock/fixedtime.html?iso=20200911T2030&p1=1440[&msg=Title]`.
 * `iso` is the start in UTC to the minute, `p1=1440` is timeanddate's id for UTC, `msg` the
 * URL-encoded title (only when given).
 */
export function timeAndDateUrl(start: DateTime, title?: string): string {
  const iso = valid(start).toUTC().toFormat("yyyyMMdd'T'HHmm");
  const message = title ? `&msg=${encodeURIComponent(title)}` : "";
  return `https://www.timeanddate.com/worldclock/fixedtime.html?iso=${iso}&p1=1440${message}`;
}

/** "Friday, September 11, 2020, 13:30 PDT" for each zone; zones are validated (ScheduleError). */
function localTimes(start: DateTime, zones: readonly string[]): { zone: string; text: string }[] {
  const instant = valid(start);
  return zones.map((name, i) => {
    const zone = canonicalTimeZone(name, `timezones[${i}]`);
    const local = instant.setZone(zone);
    const label = zoneAbbreviation(local) ?? utcOffset(local.offset);
    return { zone, text: `${formatMeetingDate(local)}, ${local.toFormat("HH:mm")} ${label}` };
  });
}

// Building an Intl.DateTimeFormat costs far more than formatting with it: one per locale and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
// A zone's abbreviation depends only on its offset (standard or daylight time) at the instant.
const abbreviations = new Map<string, string | null>();

/** The English abbreviation ("PDT", "CEST", "UTC"), or null where every English locale only has "GMT+3"-style names. */
export function zoneAbbreviation(local: DateTime): string | null {
  const key = `${local.zoneName}|${local.offset}`;
  const known = abbreviations.get(key);
  if (known !== undefined) return known;
  const date = local.toJSDate();
  let found: string | null = null;
  for (const locale of NAMING_LOCALES) {
    const formatKey = `${locale}|${local.zoneName}`;
    let format = formatters.get(formatKey);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { timeZone: local.zoneName ?? "UTC", timeZoneName: "short" });
      formatters.set(formatKey, format);
    }
    const name = format.formatToParts(date).find((part) => part.type === "timeZoneName")?.value;
    if (name && ABBREVIATION.test(name)) {
      found = name;
      break;
    }
  }
  if (abbreviations.size > 10_000) abbreviations.clear();
  abbreviations.set(key, found);
  return found;
}

/** "UTC+2", "UTC-3", "UTC+5:30", "UTC+0". */
function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}

function valid(start: DateTime): DateTime {
  if (!DateTime.isDateTime(start) || !start.isValid) {
    throw new ScheduleError("the meeting start must be a valid luxon DateTime");
  }
  return start;
}
