import ical, { ICalEventStatus } from "ical-generator";
import type { DateTime } from "luxon";
import { tzlib_get_ical_block } from "timezones-ical-library";
import type { SeriesConfig } from "../config/schema.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import { plainLocation } from "../core/calendar-links.js";
import { parseMeetingNumber } from "../core/meeting-number.js";
import { slotsBetween, type Meeting, type ScheduledSlot } from "../core/meeting-schedule.js";
import { placeholderValues, titleTemplate } from "../core/plan-meeting-issue.js";
import type { IssueTemplate } from "../core/issue-template.js";
import type { SeriesIssue } from "../core/plan-schedule-change.js";
import type { ScheduleChanges } from "../core/schedule-changes.js";
import { formatMeetingDate, formatMeetingTime } from "../core/time-zone-table.js";

export interface CalendarFeedInput {
  series: SeriesConfig;
  template: IssueTemplate;
  /** The series' display name (calendar name, event titles without an issue). */
  name: string;
  /** `owner/repo`, for the event ids and the calendar's description. */
  repo: string;
  changes: ScheduleChanges;
  /** The series' meeting issues (each event links its own). */
  issues: readonly SeriesIssue[];
  now: DateTime;
  /** Only the meeting on this regular date (an `.ics` download of one event). */
  date?: string;
}

// Past meetings stay in the feed for a quarter, coming ones for half a year.
const WEEKS_BACK = 13;
const WEEKS_AHEAD = 26;

/**
 * A series as an iCalendar feed (RFC 5545), made with ical-generator: one event per meeting, past
 * and coming, in the series' time zone (a VTIMEZONE from timezones-ical-library, so daylight
 * saving time is right in any client). A moved meeting is at its new time; a skipped one (by
 * `/meeting` or `schedule.skip`) is there as CANCELLED, so a subscribed calendar drops it. Each
 * event links its meeting issue and says where the meeting happens. Events keep their UID (the
 * regular date), so a change replaces the event in a subscriber's calendar.
 */
export function calendarFeed(input: CalendarFeedInput): string {
  const { series, now } = input;
  const zone = series.schedule.timezone;
  const calendar = ical({
    name: input.name,
    description: `${input.name} (${input.repo}), from meeting-bot`,
    prodId: { company: "meeting-bot", product: "meeting-bot", language: "EN" },
    timezone: { name: zone, generator: vtimezone },
    ttl: 60 * 60,
  });
  const spec = scheduleSpec(series);
  const from = input.date ? now.minus({ years: 2 }) : now.minus({ weeks: WEEKS_BACK });
  const to = input.date ? now.plus({ years: 2 }) : now.plus({ weeks: WEEKS_AHEAD });
  const slots = slotsBetween(spec, input.changes, from, to, 260).filter((slot) => input.date === undefined || slot.meeting.date === input.date);
  const byKey = new Map(input.issues.map((issue) => [issue.occurrence, issue]));
  const numbers = meetingNumbers(input, slots);
  const changesOf = changesPerDate(input.changes);
  for (const slot of slots) {
    const meeting: Meeting = slot.meeting;
    const issue = byKey.get(meeting.key);
    const number = numbers.get(meeting.key) ?? 1;
    const values = placeholderValues(series, meeting, number, String(number), null, input.changes);
    const cancelled = slot.status === "skipped" || slot.status === "config-skipped";
    const lines = [
      ...(issue ? [`Agenda and notes: ${issue.htmlUrl}`] : []),
      ...(slot.status === "moved" && meeting.movedFrom ? [`Moved from ${formatMeetingDate(meeting.movedFrom)}, ${formatMeetingTime(meeting.movedFrom)} by @${slot.decision.by}.`] : []),
      ...(slot.status === "skipped" ? [`No meeting: skipped by @${slot.decision.by}.`] : []),
      ...(slot.status === "config-skipped" ? ["No meeting (schedule.skip)."] : []),
      `Location: ${plainLocation(values.location)}`,
    ];
    calendar.createEvent({
      id: `${meeting.date}.${series.id}.${input.repo.replace("/", ".")}@meeting-bot`,
      start: meeting.start,
      end: meeting.end,
      timezone: zone,
      stamp: now,
      summary: cancelled ? `Cancelled: ${issue?.title ?? input.name}` : (issue?.title ?? input.name),
      description: lines.join("\n"),
      location: plainLocation(values.location),
      ...(issue ? { url: issue.htmlUrl } : {}),
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // Clients take an event's update only when its sequence grew: every change counts one.
      sequence: (changesOf.get(meeting.date) ?? 0) + (slot.status === "config-skipped" ? 1 : 0),
    });
  }
  return calendar.toString();
}

/**
 * How many times each meeting changed (skip, unskip, move), by regular date: every decision
 * recorded about it, each once (a new issue copies the decisions still in force, so one decision
 * can be read from several issues).
 */
function changesPerDate(changes: ScheduleChanges): Map<string, number> {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (const decision of changes.decisions) {
    const id = `${decision.kind} ${decision.date} ${decision.at} ${decision.by} ${decision.cmd ?? ""} ${decision.kind === "move" ? decision.to : ""}`;
    if (seen.has(id)) continue;
    seen.add(id);
    counts.set(decision.date, (counts.get(decision.date) ?? 0) + 1);
  }
  return counts;
}

/** The VTIMEZONE of an IANA zone (daylight-saving rules included). */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  const text = Array.isArray(block) ? block[0] : undefined;
  return typeof text === "string" && text.startsWith("BEGIN:VTIMEZONE") ? text : null;
}

/**
 * Meeting numbers for the location rules (`everyNthMeeting`): each issue's own, and for meetings
 * without one, counted on from the nearest issue before them (held meetings only).
 */
function meetingNumbers(input: CalendarFeedInput, slots: readonly ScheduledSlot[]): Map<string, number> {
  const source = titleTemplate(input.series, input.template);
  const known = new Map(input.issues.flatMap((issue) => {
    const number = parseMeetingNumber(issue.title, source);
    return number ? [[issue.occurrence, number.number] as const] : [];
  }));
  const numbers = new Map<string, number>();
  let last: number | undefined;
  for (const slot of slots) {
    const own = known.get(slot.meeting.key);
    if (own !== undefined) last = own;
    else if (slot.status === "held" || slot.status === "moved") last = last === undefined ? undefined : last + 1;
    if (last !== undefined) numbers.set(slot.meeting.key, last);
  }
  return numbers;
}
