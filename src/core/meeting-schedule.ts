import { DateTime } from "luxon";
import { canonicalTimeZone } from "./canonical-time-zone.js";
import type { ScheduleChanges, ScheduleDecision } from "./schedule-changes.js";
import { creationTime, dueOccurrence, nextDue, nextOccurrence, occurrenceAt, previousOccurrence, ScheduleError, type Occurrence, type ScheduleSpec } from "./schedule.js";

/**
 * The schedule as the team runs it: the config's regular meetings (`schedule.ts`) with the
 * one-off changes `/meeting` commands recorded (`schedule-changes.ts`).
 *
 * - A meeting keeps its identity when it moves: its `key` and `date` stay the regular ones (they
 *   are in its issue's marker); only `start` and `end` move.
 * - A skip by command works like a date in `schedule.skip` for what the meeting is (no issue, no
 *   number, the location rules count the next meeting as the first of its month), but it does not
 *   pull the next meeting's issue earlier: that one is still opened when the skipped meeting would
 *   have ended (or `creation.daysBefore` before its own date), so a skip can be taken back until then.
 * - The meeting after a moved one is opened once the moved one has ended (never before), as when
 *   it was on time.
 * Moves keep the order of meetings: `/meeting move` refuses a time before the previous meeting or
 * after the next regular one.
 */
export type Meeting = Occurrence & {
  /** Set when the meeting was moved: its regular start. */
  movedFrom?: DateTime;
};

export type MeetingStatus =
  | { status: "held"; meeting: Meeting }
  | { status: "moved"; meeting: Meeting; decision: ScheduleDecision & { kind: "move" } }
  | { status: "skipped"; meeting: Meeting; decision: ScheduleDecision & { kind: "skip" } };

// How many regular slots a search walks before giving up (a year of weekly meetings, all skipped).
const MAX_WALK = 60;

/** What becomes of a regular meeting with the changes applied. */
export function meetingStatus(spec: ScheduleSpec, changes: ScheduleChanges, regular: Occurrence): MeetingStatus {
  const skip = changes.skipped.get(regular.date);
  const move = changes.moved.get(regular.date);
  const meeting: Meeting = move ? moved(regular, move.to) : regular;
  if (skip) return { status: "skipped", meeting, decision: skip };
  if (move && meeting.movedFrom) return { status: "moved", meeting, decision: move };
  return { status: "held", meeting: regular };
}

/** The meeting an occurrence key names (regular, or moved), or null when the key is not one of the schedule's. */
export function meetingAt(spec: ScheduleSpec, changes: ScheduleChanges, key: string): MeetingStatus | null {
  const regular = occurrenceAt(spec, key);
  return regular ? meetingStatus(spec, changes, regular) : null;
}

/**
 * When the issue of a meeting is opened: as the config says (`creationTime`), except after a moved
 * meeting, once that one has ended (by default), or not before it ends (with `daysBefore`); and
 * never after the meeting starts.
 */
export function meetingCreationTime(spec: ScheduleSpec, changes: ScheduleChanges, regular: Occurrence): DateTime {
  let created = creationTime(spec, regular);
  const before = previousOccurrence(spec, regular.start);
  if (before) {
    const previous = meetingStatus(spec, changes, before);
    if (previous.status === "moved") {
      const end = previous.meeting.end;
      created = spec.creation.daysBefore === undefined ? end : DateTime.max(created, end);
    }
  }
  const start = meetingStatus(spec, changes, regular).meeting.start;
  return DateTime.min(created, start).setZone(created.zone);
}

/**
 * The meeting whose issue should exist by `now`: the latest (regular order) whose creation time
 * has come. It may be skipped: the caller then creates nothing, and finishes the skip if its issue
 * exists. Null before the series' first creation time.
 */
export function dueMeeting(spec: ScheduleSpec, changes: ScheduleChanges, now: DateTime): MeetingStatus | null {
  if (unchanged(changes)) {
    const due = dueOccurrence(spec, now);
    return due ? { status: "held", meeting: due } : null;
  }
  let found: MeetingStatus | null = null;
  for (const regular of candidates(spec, now)) {
    if (meetingCreationTime(spec, changes, regular) <= now) found = meetingStatus(spec, changes, regular);
  }
  return found;
}

/** The first meeting whose creation time is still ahead of `now`, and that time. */
export function nextDueMeeting(spec: ScheduleSpec, changes: ScheduleChanges, now: DateTime): { meeting: MeetingStatus; createAt: DateTime } {
  if (unchanged(changes)) {
    const next = nextDue(spec, now);
    return { meeting: { status: "held", meeting: next.occurrence }, createAt: next.createAt };
  }
  const due = dueMeeting(spec, changes, now);
  let regular = due ? nextOccurrence(spec, regularStart(due.meeting)) : firstSlot(spec, now);
  for (let walked = 0; walked < MAX_WALK; walked++) {
    const createAt = meetingCreationTime(spec, changes, regular);
    if (createAt > now) return { meeting: meetingStatus(spec, changes, regular), createAt };
    regular = nextOccurrence(spec, regular.start);
  }
  throw new ScheduleError(`no meeting is due after ${now.toISO()} within ${MAX_WALK} meetings`);
}

/**
 * The next meeting that takes place and has not started: where `/agenda` adds, and what
 * `/meeting skip` skips without a date. Skipped meetings are passed over; a meeting moved later
 * is still upcoming after its regular time.
 */
export function upcomingMeeting(spec: ScheduleSpec, changes: ScheduleChanges, now: DateTime): MeetingStatus & { status: "held" | "moved" } {
  const next = nextOccurrence(spec, now);
  let regular: Occurrence | null = previousOccurrence(spec, next.start) ?? next;
  for (let walked = 0; walked < MAX_WALK && regular; walked++) {
    const status = meetingStatus(spec, changes, regular);
    if (status.status !== "skipped" && status.meeting.start > now) return status;
    regular = nextOccurrence(spec, regular.start);
  }
  throw new ScheduleError(`every meeting of the next ${MAX_WALK} is skipped: unskip one, or check schedule.skip`);
}

/**
 * The regular meeting on a local date (`yyyy-MM-dd` in the series zone), also when `schedule.skip`
 * lists the date (`configSkipped`). Null when the series does not meet that day.
 */
export function meetingOnDate(spec: ScheduleSpec, date: string): { occurrence: Occurrence; configSkipped: boolean } | null {
  const zone = canonicalTimeZone(spec.timezone);
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) return null;
  const all = { ...spec, skip: [] };
  const occurrence = nextOccurrence(all, day.startOf("day").minus({ hours: 1 }));
  if (occurrence.date !== date) return null;
  return { occurrence, configSkipped: spec.skip.includes(date) };
}

/** A meeting slot between two instants, as `meeting-bot next` and the calendar feed show it. */
export type ScheduledSlot =
  | MeetingStatus
  | { status: "config-skipped"; meeting: Occurrence };

/**
 * Every regular slot from `from` (inclusive) up to `to`, with what became of it: held, moved,
 * skipped by a command, or skipped by `schedule.skip`. At most `limit` slots.
 */
export function slotsBetween(spec: ScheduleSpec, changes: ScheduleChanges, from: DateTime, to: DateTime, limit = 520): ScheduledSlot[] {
  const all = { ...spec, skip: [] };
  const skipped = new Set(spec.skip);
  const slots: ScheduledSlot[] = [];
  for (let slot = nextOccurrence(all, from.minus({ milliseconds: 1 })); slot.start < to && slots.length < limit; slot = nextOccurrence(all, slot.start)) {
    slots.push(skipped.has(slot.date) ? { status: "config-skipped", meeting: slot } : meetingStatus(spec, changes, slot));
  }
  return slots;
}

/**
 * The regular slots whose creation time could be the latest before `now`: the config's own answer
 * and its neighbours (a move shifts the next meeting's creation time by less than a period).
 */
function candidates(spec: ScheduleSpec, now: DateTime): Occurrence[] {
  const due = dueOccurrence(spec, now);
  if (!due) return [nextDue(spec, now).occurrence];
  const before = previousOccurrence(spec, due.start);
  const after = nextOccurrence(spec, due.start);
  return [...(before ? [before] : []), due, after, nextOccurrence(spec, after.start)];
}

/** No skip or move in force: the config's schedule as it is (the scheduler's usual case, at its usual cost). */
function unchanged(changes: ScheduleChanges): boolean {
  return changes.skipped.size === 0 && changes.moved.size === 0;
}

function firstSlot(spec: ScheduleSpec, after: DateTime): Occurrence {
  return nextOccurrence(spec, after);
}

function regularStart(meeting: Meeting): DateTime {
  return meeting.movedFrom ?? meeting.start;
}

function moved(regular: Occurrence, to: string): Meeting {
  const start = DateTime.fromISO(to, { zone: "utc" }).setZone(regular.start.zone);
  if (!start.isValid || start.toMillis() === regular.start.toMillis()) return regular;
  const duration = regular.end.toMillis() - regular.start.toMillis();
  return { ...regular, start, end: start.plus({ milliseconds: duration }), movedFrom: regular.start };
}
