import { DateTime } from "luxon";
import { findDates, findTimeAndDateLinks, findTimes, findZoneNames, type DateMention, type TimeMention } from "./find-date-mentions.js";
import type { HistoryIssue } from "./meeting-history.js";
import { titleShape } from "./title-shape.js";

const WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
// Where a meeting's details are: the top of the notes. Dates further down are deadlines and the like.
const DETAILS_CHARS = 3000;
// A meeting's date is near the day its issue was opened: from a week before to three weeks after.
const DAYS_BEFORE_OPENED = 10;
const DAYS_AFTER_OPENED = 24;
const LABELLED_LINE = /\b(when|time|times|date|dates|starts?|schedule)\b/i;

/** When one meeting took place, as far as its issue says. */
export interface MeetingWhen {
  number: number;
  /** The meeting's local date (yyyy-MM-dd) and where it was read. */
  date?: { date: string; from: "title" | "notes" | "link"; mention?: DateMention };
  /** The start, HH:mm, with the zone written next to it. */
  time?: { time: string; zone?: string; mention?: TimeMention };
  /** timeanddate.com link: its local start, and zone when it says. */
  link?: { local: string; zone?: string };
  /** IANA zones named anywhere in the notes. */
  zonesNamed: string[];
}

/** The schedule a history points to, and how sure each part is. */
export interface InferredSchedule {
  weekday: string;
  /** HH:mm; undefined when no issue says (the config default then applies). */
  time?: string;
  timezone: string;
  /** No zone was written anywhere: UTC is a guess. */
  zoneAssumed: boolean;
  every: number;
  /** A meeting date (yyyy-MM-dd) on `weekday`, for `every` > 1. */
  anchor?: string;
  /** How many issues gave a date on `weekday`, of how many gave a date; 0 of 0 when only opening days were read. */
  weekdayVotes: { agree: number; of: number; from: "dates" | "opened" };
  timeVotes: { agree: number; of: number };
  /** Median days between meetings, when there were two or more. */
  gapDays?: number;
  /**
   * The meetings fall on one weekday of the month (the first Tuesday: 1; the last: -1), with
   * gaps of four and five weeks: a monthly rhythm, which whole weeks (`every`) only approximate.
   */
  monthly?: { weekOfMonth: number; agree: number; of: number };
  /** Per issue number: its meeting date and time as read (the template uses it). */
  meetings: Map<number, MeetingWhen>;
}

/** Read one issue: its meeting date (title, then notes, then a timeanddate link), its start time and zone. */
export function meetingWhen(issue: HistoryIssue): MeetingWhen {
  const opened = DateTime.fromISO(issue.createdAt, { zone: "UTC" });
  const details = issue.body.slice(0, DETAILS_CHARS);
  const dates = findDates(details);
  const times = findTimes(details, dates);
  const near = (date: string) => {
    const day = DateTime.fromISO(date, { zone: "UTC" });
    return day >= opened.startOf("day").minus({ days: DAYS_BEFORE_OPENED }) && day <= opened.plus({ days: DAYS_AFTER_OPENED });
  };
  const when: MeetingWhen = { number: issue.number, zonesNamed: [...new Set(findZoneNames(issue.body))] };

  const titled = titleShape(issue.title).date;
  const noted = dates.find((mention) => near(mention.date));
  if (titled) when.date = { date: titled.date, from: "title" };
  else if (noted) when.date = { date: noted.date, from: "notes", mention: noted };
  if (titled && noted?.date === titled.date) when.date = { date: titled.date, from: "title", mention: noted };

  // The start time: the first time on the date's line, else on a line that says when.
  const lineOf = (offset: number) => {
    const start = details.lastIndexOf("\n", offset - 1) + 1;
    const end = details.indexOf("\n", offset);
    return [start, end === -1 ? details.length : end] as const;
  };
  const dateMention = when.date?.mention;
  let time: TimeMention | undefined;
  if (dateMention) {
    const [, end] = lineOf(dateMention.start);
    time = times.find((mention) => mention.start >= dateMention.end && mention.start < end);
  }
  time ??= times.find((mention) => {
    const [start, end] = lineOf(mention.start);
    return LABELLED_LINE.test(details.slice(start, end));
  });
  // Notes in another language ("Uhrzeit: 10:00 (Europe/Berlin)"): a time with its zone still says when.
  time ??= times.find((mention) => mention.zone !== undefined);
  if (time) when.time = { time: time.time, ...(time.zone ? { zone: time.zone } : {}), mention: time };

  const link = findTimeAndDateLinks(details).find((mention) => near(mention.local.slice(0, 10)));
  if (link) {
    when.link = { local: link.local, ...(link.zone ? { zone: link.zone } : {}) };
    when.date ??= { date: link.local.slice(0, 10), from: "link" };
  }
  return when;
}

/** The weekday, time, zone and rhythm most of `issues` (newest first) agree on. */
export function inferSchedule(issues: HistoryIssue[]): InferredSchedule {
  const read = issues.map(meetingWhen);
  const meetings = new Map(read.map((when) => [when.number, when]));

  // The zone: written next to start times (or a UTC link), else named in the notes, else UTC.
  const writtenZones = read.flatMap((when) => [when.time?.zone ?? (when.time ? undefined : when.link?.zone)].filter((zone): zone is string => zone !== undefined));
  const namedZones = read.flatMap((when) => when.zonesNamed);
  const zone = mode(writtenZones) ?? mode(namedZones);
  const timezone = zone?.value ?? "UTC";

  // Each issue's start in that zone: a time written in another zone is converted on its meeting's date.
  const starts = read.flatMap((when) => {
    const date = when.date?.date ?? when.link?.local.slice(0, 10);
    if (when.time) {
      if (!when.time.zone || when.time.zone === timezone || !date) return [when.time.time];
      return [DateTime.fromISO(`${date}T${when.time.time}`, { zone: when.time.zone }).setZone(timezone).toFormat("HH:mm")];
    }
    if (when.link?.zone) return [DateTime.fromISO(when.link.local, { zone: when.link.zone }).setZone(timezone).toFormat("HH:mm")];
    return [];
  });
  const time = mode(starts);

  const dates = read.flatMap((when) => (when.date ? [when.date.date] : []));
  const openedDays = issues.map((issue) => DateTime.fromISO(issue.createdAt, { zone: timezone }).toISODate() ?? "");
  const days = dates.length > 0 ? dates : openedDays;
  const weekday = mode(days.map((day) => WEEKDAY_NAMES[DateTime.fromISO(day).weekday - 1] ?? "friday"));

  const ascending = [...new Set(days)].sort();
  const gaps = ascending.slice(1).map((day, index) => DateTime.fromISO(day).diff(DateTime.fromISO(ascending[index] ?? day), "days").days);
  const gapDays = median(gaps);
  const weeks = gapDays === undefined ? 1 : Math.round(gapDays / 7);
  const every = weeks >= 1 && weeks <= 8 ? weeks : 1;

  const result: InferredSchedule = {
    weekday: weekday?.value ?? "friday",
    timezone,
    zoneAssumed: zone === undefined,
    every,
    weekdayVotes: { agree: weekday?.count ?? 0, of: days.length, from: dates.length > 0 ? "dates" : "opened" },
    timeVotes: { agree: time?.count ?? 0, of: starts.length },
    meetings,
  };
  if (time) result.time = time.value;
  if (gapDays !== undefined) result.gapDays = gapDays;
  const monthly = monthlyRhythm(ascending, gaps);
  if (monthly) result.monthly = monthly;
  const latest = ascending.at(-1);
  if (every > 1 && latest) {
    const day = DateTime.fromISO(latest, { zone: "UTC" });
    result.anchor = day.set({ weekday: (WEEKDAY_NAMES.indexOf(result.weekday) + 1) as 1 }).toISODate() ?? latest;
  }
  return result;
}

/**
 * A monthly rhythm: three or more meeting dates, gaps of 4 and 5 weeks (both seen), and most
 * dates on the same weekday of their month (first…fourth, or last).
 */
function monthlyRhythm(days: readonly string[], gaps: readonly number[]): InferredSchedule["monthly"] {
  if (days.length < 3 || !gaps.every((gap) => gap === 28 || gap === 35) || !gaps.includes(35) || !gaps.includes(28)) return undefined;
  const dates = days.map((day) => DateTime.fromISO(day, { zone: "UTC" }));
  const nth = mode(dates.map((date) => String(Math.ceil(date.day / 7))));
  const last = dates.filter((date) => date.day > (date.daysInMonth ?? 31) - 7).length;
  if (nth && nth.value !== "5" && nth.count * 3 >= dates.length * 2 && nth.count >= last) return { weekOfMonth: Number(nth.value), agree: nth.count, of: dates.length };
  if (last * 3 >= dates.length * 2) return { weekOfMonth: -1, agree: last, of: dates.length };
  return undefined;
}

/** The most frequent value and its count; ties go to the value seen first (the newest issue). */
function mode(values: string[]): { value: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: { value: string; count: number } | undefined;
  for (const [value, count] of counts) if (!best || count > best.count) best = { value, count };
  return best;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
