import { DateTime } from "luxon";
import type { IANAZone } from "luxon";
import { canonicalTimeZone } from "./canonical-time-zone.js";
import { ScheduleError } from "./schedule-error.js";
import { memoizedZone } from "./memoized-zone.js";

export { ScheduleError } from "./schedule-error.js";

/** Luxon weekday numbering: Monday = 1 … Sunday = 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A meeting series, as plain data (the config schema produces exactly this). */
export interface ScheduleSpec {
  /** Day of the meeting, Monday = 1 … Sunday = 7. */
  weekday: Weekday;
  /** "HH:mm", 24-hour local wall-clock time in `timezone`. */
  time: string;
  /** IANA zone name, e.g. "Europe/Berlin" or "UTC". */
  timezone: string;
  /** Whole minutes, 1 … 1440. */
  durationMinutes: number;
  /** 1 = weekly, 2 = fortnightly … (1 … 52). */
  everyWeeks: number;
  /** "yyyy-MM-dd", a `weekday` on which the series meets; default: the first `weekday` on/after 2020-01-01. */
  anchor?: string;
  /** "yyyy-MM-dd" local dates without a meeting (holidays). */
  skip: string[];
  /** When an occurrence's issue is created; see `creationTime`. */
  creation: { daysBefore?: number; time?: string };
}

/** One meeting of a series. */
export interface Occurrence {
  /** In the meeting zone. */
  start: DateTime;
  /** start + duration. */
  end: DateTime;
  /** Scheduled local date, "yyyy-MM-dd". */
  date: string;
  /** Start in UTC without milliseconds, e.g. "2020-09-18T20:30:00Z"; stable, used in hidden markers. */
  key: string;
}

/** `occurrencesBetween` refuses ranges with more meetings than this (about 19 years of weekly meetings). */
export const MAX_OCCURRENCES = 1000;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// 2020-01-01: the default anchor is the first meeting weekday on or after this date.
const DEFAULT_ANCHOR_DAY = 18_262;
const WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const KEY_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The spec validated and reduced to numbers; local dates are "epoch days" (days since 1970-01-01). */
interface Series {
  zone: IANAZone;
  weekday: Weekday;
  timeMinutes: number;
  durationMs: number;
  periodDays: number;
  anchorDay: number;
  skip: Set<number>;
  daysBefore: number | undefined;
  creationMinutes: number;
}

/** A slot of the series: index k ≥ 0 from the anchor, its local date and its start instant. */
interface Slot {
  index: number;
  day: number;
  startMs: number;
}

/** First occurrence whose start is strictly after `after`. */
export function nextOccurrence(spec: ScheduleSpec, after: DateTime): Occurrence {
  const series = toSeries(spec);
  return toOccurrence(series, firstSlotAfter(series, instant(after, "after")));
}

/** Last occurrence whose start is strictly before `before`; null when the series has not begun. */
export function previousOccurrence(spec: ScheduleSpec, before: DateTime): Occurrence | null {
  const series = toSeries(spec);
  const slot = lastSlotBefore(series, instant(before, "before"));
  return slot ? toOccurrence(series, slot) : null;
}

/** The next occurrence that has not started yet: the meeting `/agenda` adds to. */
export function upcomingOccurrence(spec: ScheduleSpec, now: DateTime): Occurrence {
  return nextOccurrence(spec, now);
}

/**
 * Occurrences starting in [from, to), in order. Throws ScheduleError when the range holds more
 * than MAX_OCCURRENCES meetings, rather than silently returning part of it.
 */
export function occurrencesBetween(spec: ScheduleSpec, from: DateTime, to: DateTime): Occurrence[] {
  const series = toSeries(spec);
  const toMs = instant(to, "to");
  const result: Occurrence[] = [];
  for (let slot = firstSlotAfter(series, instant(from, "from") - 1); slot.startMs < toMs; slot = nextSlot(series, slot)) {
    if (result.length === MAX_OCCURRENCES) {
      throw new ScheduleError(
        `the range ${from.toISO()} – ${to.toISO()} holds more than ${MAX_OCCURRENCES} meetings: ask for a shorter range`,
      );
    }
    result.push(toOccurrence(series, slot));
  }
  return result;
}

/** Re-derive an occurrence from its key; null when the key is malformed or not a meeting of this schedule. */
export function occurrenceAt(spec: ScheduleSpec, key: string): Occurrence | null {
  const series = toSeries(spec);
  if (!KEY_PATTERN.test(key)) return null;
  const at = DateTime.fromISO(key, { zone: "utc" });
  if (!at.isValid) return null;
  const slot = slotOnDay(series, localDay(series, at.toMillis()));
  if (!slot || slot.startMs !== at.toMillis()) return null;
  return toOccurrence(series, slot);
}

/**
 * When the issue for `occurrence` should be created (never later than its start).
 * - `creation.daysBefore` absent (default): when the previous non-skipped occurrence ends, so next
 *   week's issue appears right after this week's meeting; for the very first occurrence,
 *   7 × everyWeeks days before its start.
 * - `creation.daysBefore` set: that many days before the meeting's local date, at `creation.time`
 *   local (default: the meeting time).
 */
export function creationTime(spec: ScheduleSpec, occurrence: Occurrence): DateTime {
  const series = toSeries(spec);
  const slot = slotOnDay(series, epochDay(occurrence.date, "occurrence.date"));
  if (!slot) {
    throw new ScheduleError(`${occurrence.date} is not a meeting date of this schedule`, "occurrence.date");
  }
  return DateTime.fromMillis(creationMs(series, slot), { zone: series.zone });
}

/**
 * The occurrence whose issue should exist by `now`: the one with the latest creation time ≤ now.
 * After downtime only that latest one is returned, so the scheduler catches up without a burst.
 * Null before the first creation time of the series. Cost: a handful of candidates around `now`.
 */
export function dueOccurrence(spec: ScheduleSpec, now: DateTime): Occurrence | null {
  const series = toSeries(spec);
  const due = dueSlots(series, instant(now, "now")).due;
  return due ? toOccurrence(series, due) : null;
}

/** The first occurrence whose creation time is still ahead of `now`, and that time: when to wake up next. */
export function nextDue(spec: ScheduleSpec, now: DateTime): { occurrence: Occurrence; createAt: DateTime } {
  const series = toSeries(spec);
  const { pending } = dueSlots(series, instant(now, "now"));
  return {
    occurrence: toOccurrence(series, pending),
    createAt: DateTime.fromMillis(creationMs(series, pending), { zone: series.zone }),
  };
}

/** Throw ScheduleError for an unusable spec; return warnings for settings that are valid but likely mistakes. */
export function validateSchedule(spec: ScheduleSpec): string[] {
  const series = toSeries(spec);
  const weekdayName = capitalize(WEEKDAY_NAMES[series.weekday - 1] ?? "");
  return spec.skip.flatMap((date, i) => {
    const day = epochDay(date, `skip[${i}]`);
    if (weekdayOf(day) !== series.weekday) return [`skip date ${date} is not a ${weekdayName}, so it skips nothing`];
    if (day < series.anchorDay || (day - series.anchorDay) % series.periodDays !== 0) {
      return [`skip date ${date} is not a meeting date of this every-${series.periodDays / 7}-weeks series, so it skips nothing`];
    }
    return [];
  });
}

/** "friday", "Fri", "FRIDAY", "thurs" → luxon weekday number; any unambiguous prefix of 3+ letters. */
export function parseWeekday(name: string): Weekday {
  const wanted = String(name).trim().toLowerCase();
  const index = wanted.length >= 3 ? WEEKDAY_NAMES.findIndex((day) => day.startsWith(wanted)) : -1;
  if (index < 0) {
    throw new ScheduleError(`unknown weekday "${name}": use a day name such as "friday" or "fri"`, "weekday");
  }
  return (index + 1) as Weekday;
}

// ---------------------------------------------------------------------------------------------
// Series arithmetic on epoch days and epoch milliseconds; DateTime objects only at the boundary.

function firstSlotAfter(series: Series, afterMs: number): Slot {
  // Meetings dated before the local day preceding `after` have certainly started: begin at that day.
  const fromDay = localDay(series, afterMs) - 1;
  let index = Math.max(0, Math.floor((fromDay - series.anchorDay) / series.periodDays));
  for (;; index++) {
    const slot = slotAt(series, index);
    if (slot && slot.startMs > afterMs) return slot;
  }
}

function lastSlotBefore(series: Series, beforeMs: number): Slot | null {
  const toDay = localDay(series, beforeMs) + 1;
  for (let index = Math.floor((toDay - series.anchorDay) / series.periodDays); index >= 0; index--) {
    const slot = slotAt(series, index);
    if (slot && slot.startMs < beforeMs) return slot;
  }
  return null;
}

function nextSlot(series: Series, slot: Slot): Slot {
  for (let index = slot.index + 1; ; index++) {
    const next = slotAt(series, index);
    if (next) return next;
  }
}

function previousSlot(series: Series, slot: Slot): Slot | null {
  for (let index = slot.index - 1; index >= 0; index--) {
    const previous = slotAt(series, index);
    if (previous) return previous;
  }
  return null;
}

/** The slot with this index, or null when its date is skipped. */
function slotAt(series: Series, index: number): Slot | null {
  const day = series.anchorDay + index * series.periodDays;
  if (series.skip.has(day)) return null;
  return { index, day, startMs: wallClockToMs(series.zone, day, series.timeMinutes) };
}

/** The slot on this local date, or null when the series does not meet that day. */
function slotOnDay(series: Series, day: number): Slot | null {
  const offset = day - series.anchorDay;
  if (offset < 0 || offset % series.periodDays !== 0) return null;
  return slotAt(series, offset / series.periodDays);
}

function creationMs(series: Series, slot: Slot): number {
  let created: number;
  if (series.daysBefore === undefined) {
    const previous = previousSlot(series, slot);
    created = previous
      ? previous.startMs + series.durationMs
      : wallClockToMs(series.zone, slot.day - series.periodDays, series.timeMinutes);
  } else {
    created = wallClockToMs(series.zone, slot.day - series.daysBefore, series.creationMinutes);
  }
  return Math.min(created, slot.startMs);
}

/** Creation times grow with the slot index, so "due" is the last slot created by now; "pending" follows it. */
function dueSlots(series: Series, nowMs: number): { due: Slot | null; pending: Slot } {
  let due: Slot | null = null;
  let candidate = firstSlotAfter(series, nowMs - 1);
  while (creationMs(series, candidate) <= nowMs) {
    due = candidate;
    candidate = nextSlot(series, candidate);
  }
  // Nothing starting at/after now is due yet: the latest meeting that already started is.
  return { due: due ?? lastSlotBefore(series, nowMs), pending: candidate };
}

function toOccurrence(series: Series, slot: Slot): Occurrence {
  return {
    start: DateTime.fromMillis(slot.startMs, { zone: series.zone }),
    end: DateTime.fromMillis(slot.startMs + series.durationMs, { zone: series.zone }),
    // Plain Date formatting: luxon's toFormat was a quarter of the scheduler's cost per series.
    date: new Date(slot.day * DAY_MS).toISOString().slice(0, 10),
    key: `${new Date(slot.startMs).toISOString().slice(0, 19)}Z`,
  };
}

// ---------------------------------------------------------------------------------------------
// Time-zone arithmetic.

/**
 * The instant of a local wall-clock time, with explicit DST rules (luxon alone is not consistent
 * about ambiguous times across zones):
 * - ambiguous (fall-back, the time exists twice): the EARLIER instant, i.e. the pre-transition offset;
 * - nonexistent (spring-forward gap): shifted forward by the gap length (02:30 → 03:30), as RFC 5545.
 */
function wallClockToMs(zone: IANAZone, day: number, minutes: number): number {
  const wall = day * DAY_MS + minutes * MINUTE_MS;
  // Offsets a day either side cover any single transition near this wall time.
  const offsetBefore = zone.offset(wall - DAY_MS);
  const offsetAfter = zone.offset(wall + DAY_MS);
  let earliest = Number.POSITIVE_INFINITY;
  for (const offset of [offsetBefore, offsetAfter]) {
    const candidate = wall - offset * MINUTE_MS;
    if (zone.offset(candidate) === offset && candidate < earliest) earliest = candidate;
  }
  if (earliest !== Number.POSITIVE_INFINITY) return earliest;
  // In a gap the offset increased; reading the wall time with the old offset moves it past the gap.
  return wall - Math.min(offsetBefore, offsetAfter) * MINUTE_MS;
}

function localDay(series: Series, ms: number): number {
  return Math.floor((ms + series.zone.offset(ms) * MINUTE_MS) / DAY_MS);
}

function weekdayOf(day: number): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7 + 1) as Weekday;
}

// ---------------------------------------------------------------------------------------------
// Validation.

function toSeries(spec: ScheduleSpec): Series {
  const zoneName = canonicalTimeZone(spec.timezone);
  const zone = memoizedZone(zoneName);
  if (!Number.isInteger(spec.weekday) || spec.weekday < 1 || spec.weekday > 7) {
    throw new ScheduleError(`weekday must be 1 (Monday) … 7 (Sunday), got ${String(spec.weekday)}`, "weekday");
  }
  const timeMinutes = minutesOf(spec.time, "time");
  const durationMinutes = wholeNumber(spec.durationMinutes, 1, 1440, "durationMinutes");
  const everyWeeks = wholeNumber(spec.everyWeeks, 1, 52, "everyWeeks");
  const anchorDay = spec.anchor === undefined ? defaultAnchor(spec.weekday) : epochDay(spec.anchor, "anchor");
  if (weekdayOf(anchorDay) !== spec.weekday) {
    const actual = capitalize(WEEKDAY_NAMES[weekdayOf(anchorDay) - 1] ?? "");
    const wanted = capitalize(WEEKDAY_NAMES[spec.weekday - 1] ?? "");
    throw new ScheduleError(
      `anchor ${spec.anchor} is a ${actual}, but the meeting weekday is ${wanted}: choose a ${wanted} on which the series meets`,
      "anchor",
    );
  }
  const skip = new Set(spec.skip.map((date, i) => epochDay(date, `skip[${i}]`)));
  const daysBefore = spec.creation.daysBefore === undefined
    ? undefined
    : wholeNumber(spec.creation.daysBefore, 0, 365, "creation.daysBefore");
  const creationMinutes = spec.creation.time === undefined ? timeMinutes : minutesOf(spec.creation.time, "creation.time");
  return {
    zone,
    weekday: spec.weekday,
    timeMinutes,
    durationMs: durationMinutes * MINUTE_MS,
    periodDays: 7 * everyWeeks,
    anchorDay,
    skip,
    daysBefore,
    creationMinutes,
  };
}

function defaultAnchor(weekday: Weekday): number {
  return DEFAULT_ANCHOR_DAY + ((weekday - weekdayOf(DEFAULT_ANCHOR_DAY) + 7) % 7);
}

function minutesOf(time: string, field: string): number {
  const match = TIME_PATTERN.exec(String(time));
  if (!match) throw new ScheduleError(`invalid ${field} "${time}": use 24-hour "HH:mm", e.g. "09:30" or "20:30"`, field);
  return Number(match[1]) * 60 + Number(match[2]);
}

function epochDay(date: string, field: string): number {
  const match = DATE_PATTERN.exec(String(date));
  const parsed = match
    ? DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { zone: "utc" })
    : null;
  if (!parsed?.isValid) {
    throw new ScheduleError(`invalid date "${date}" in ${field}: use "yyyy-MM-dd", e.g. "2020-09-11"`, field);
  }
  return Math.round(parsed.toMillis() / DAY_MS);
}

function wholeNumber(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ScheduleError(`${field} must be a whole number from ${min} to ${max}, got ${String(value)}`, field);
  }
  return value;
}

function instant(value: DateTime, name: string): number {
  if (!DateTime.isDateTime(value) || !value.isValid) {
    throw new ScheduleError(`"${name}" must be a valid luxon DateTime`);
  }
  return value.toMillis();
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
