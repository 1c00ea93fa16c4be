import type { Occurrence } from "./schedule.js";

/** Which meetings a location rule applies to. */
export type LocationWhen =
  | "first-of-month"
  | "last-of-month"
  /** 1 … 5 (the config schema checks the range). */
  | { weekOfMonth: number }
  | { everyNthMeeting: number; offset?: number };

export interface LocationRule {
  when: LocationWhen;
  location: string;
}

export interface LocationSpec {
  /** Used when no rule applies. */
  default: string;
  /** Checked in order; the first that applies wins. */
  rules: readonly LocationRule[];
}

export interface LocationContext {
  occurrence: Occurrence;
  /** The series' previous occurrence (skips and every-N-weeks respected), null for the first. */
  previous: Occurrence | null;
  /** The series' next occurrence. */
  next: Occurrence;
  /** The visible meeting number (#N). */
  meetingNumber: number;
}

/**
 * Where a meeting happens: the location of the first rule that applies, else the default.
 * - "first-of-month": the series' first meeting in its calendar month (the previous meeting was in
 *   another month, or there is none). Computed from the schedule, so a skipped first Friday makes
 *   the second Friday the first meeting of the month.
 * - "last-of-month": likewise, the next meeting is in another month.
 * - { weekOfMonth: n }: the meeting's day of the month is in 7(n-1)+1 … 7n, i.e. the nth such
 *   weekday of the month (5 = days 29–31).
 * - { everyNthMeeting: n, offset: m }: meeting numbers with number mod n = m (default m = 0:
 *   #n, #2n, …; m = 1: #1, #n+1, …).
 * Months and days are those of the meeting's local date, in the meeting's time zone.
 */
export function chooseLocation(spec: LocationSpec, context: LocationContext): string {
  const rule = spec.rules.find((candidate) => applies(candidate.when, context));
  return rule ? rule.location : spec.default;
}

function applies(when: LocationWhen, { occurrence, previous, next, meetingNumber }: LocationContext): boolean {
  if (when === "first-of-month") return previous === null || month(previous) !== month(occurrence);
  if (when === "last-of-month") return month(next) !== month(occurrence);
  if ("weekOfMonth" in when) {
    const day = Number(occurrence.date.slice(8, 10));
    return Math.ceil(day / 7) === when.weekOfMonth;
  }
  const { everyNthMeeting: n, offset = 0 } = when;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`everyNthMeeting must be a whole number of at least 1, got ${String(n)}`);
  }
  return ((meetingNumber % n) + n) % n === offset % n;
}

/** "yyyy-MM" of the meeting's local date. */
function month(occurrence: Occurrence): string {
  return occurrence.date.slice(0, 7);
}
