import { DateTime } from "luxon";
import type { SeriesConfig } from "../config/schema.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import { calendarLinks, type CalendarSite } from "./calendar-links.js";
import type { IssueTemplate } from "./issue-template.js";
import { formatMarker, parseMarkers } from "./markers.js";
import type { MeetingCommand } from "./meeting-command.js";
import { parseMeetingNumber, renderTitle } from "./meeting-number.js";
import { meetingCreationTime, meetingOnDate, meetingStatus, upcomingMeeting, type Meeting, type MeetingStatus } from "./meeting-schedule.js";
import { occurrenceMarker, placeholderValues, seriesName, titleTemplate } from "./plan-meeting-issue.js";
import type { PlaceholderName } from "./render-placeholders.js";
import { withdrawCarriedItems } from "./withdraw-carried-items.js";
import { rewriteRenderedValues } from "./rewrite-rendered-values.js";
import { formatDecision, resolveChanges, type ScheduleChanges, type ScheduleDecision } from "./schedule-changes.js";
import { nextOccurrence, previousOccurrence, type Occurrence } from "./schedule.js";
import { formatMeetingDate, formatMeetingTime } from "./time-zone-table.js";

/** A meeting issue of the series, as the planner needs it (from the app's listing). */
export interface SeriesIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  htmlUrl: string;
  /** Its occurrence key (its marker). */
  occurrence: string;
}

/**
 * One step of applying a schedule change, as data. Every step can run again without doing
 * anything twice: an edit checks the body for its marker, an update sets values, a comment is
 * looked for by its marker first.
 */
export type ScheduleStep =
  | { kind: "edit-body"; issue: number; rewrite: (body: string) => string }
  | { kind: "update-issue"; issue: number; title?: string; state?: "open" | "closed"; stateReason?: "not_planned" | "reopened" }
  | { kind: "comment"; issue: number; body: string; marker: string }
  /**
   * Run the one creation path for a meeting: it opens the issue of a meeting that takes place
   * again and is due, and carries a skipped meeting's items at once into the next meeting's issue
   * when that one was opened early and waits for them.
   */
  | { kind: "ensure"; occurrence: string }
  /**
   * Rewrite a meeting issue's body given the number of the issue it now follows: known when it
   * is planned, or the issue of the meeting an earlier "ensure" step opened (`opened`, its occurrence key).
   */
  | { kind: "follow"; issue: number; previous: number | { opened: string }; rewrite: (body: string, previous: number) => string };

export type SchedulePlan =
  | { outcome: "refused"; message: string }
  | { outcome: "unchanged"; message: string; issue?: SeriesIssue }
  | { outcome: "changed"; decision: ScheduleDecision; changes: ScheduleChanges; steps: ScheduleStep[]; message: string; issue?: SeriesIssue };

export interface ScheduleChangeInput {
  command: MeetingCommand & { kind: "skip" | "unskip" | "cancel" | "move" };
  series: SeriesConfig;
  template: IssueTemplate;
  changes: ScheduleChanges;
  /** The series' meeting issues the app opened (newest first), with their occurrence keys. */
  issues: readonly SeriesIssue[];
  /** Where the command was written: its issue number, and its occurrence when it is one of `issues`. */
  thread: { number: number; occurrence?: string };
  now: DateTime;
  by: string;
  /** The command's time (`at`) and id (`cmd`) for the decision marker. */
  at: string;
  cmd: string;
  /** What this same command recorded when it ran before (a retry after a failure half-way): recorded again as it was. */
  recorded?: ScheduleDecision;
  calendar?: CalendarSite;
}

// A skip or move further ahead than this is for `schedule.skip` in the config.
const MAX_DAYS_AHEAD = 366;
const NOTICE = /^> ⏭️ \*\*No meeting on [^*\r\n]{1,80}\*\*: skipped by @[A-Za-z0-9-]{1,39}\.[^\r\n]*(?:\r\n|\r|\n){1,2}/;

/**
 * What a `/meeting skip|unskip|cancel|move` command does, decided from the schedule, the changes
 * recorded so far and the series' issues; pure. The decision is recorded in the meeting's own
 * issue when it exists (with a notice, a comment, a close, or its rendered date and time
 * rewritten), else in the series' newest issue, where the next issue opened will find it.
 */
export function planScheduleChange(input: ScheduleChangeInput): SchedulePlan {
  const { command } = input;
  if (command.kind === "move") return planMove(input, command);
  if (command.kind === "unskip") return planUnskip(input, command);
  return planSkip(input, command);
}

function planSkip(input: ScheduleChangeInput, command: MeetingCommand & { kind: "skip" | "cancel" }): SchedulePlan {
  const { series, changes, now } = input;
  const spec = scheduleSpec(series);
  let target: Occurrence;
  if (command.kind === "cancel") {
    const own = input.thread.occurrence === undefined ? null : meetingAtKey(input, input.thread.occurrence);
    if (!own) return { outcome: "refused", message: "`/meeting cancel` cancels the meeting whose issue it is written on: write it there, or say the date: `/meeting skip 2026-12-25`." };
    target = own;
  } else if (command.date !== undefined) {
    const found = meetingOnDate(spec, command.date);
    const moved = found ? undefined : movedTo(input, command.date);
    if (!found && !moved) return { outcome: "refused", message: notAMeetingDate(input, command.date) };
    if (found?.configSkipped) return { outcome: "unchanged", message: `There is no meeting on ${day(found.occurrence)} anyway: \`schedule.skip\` in \`.github/meeting-bot.yml\` skips it.` };
    target = found?.occurrence ?? (moved as Occurrence);
  } else {
    target = regularOf(upcomingMeeting(spec, changes, now));
  }

  const status = meetingStatus(spec, changes, target);
  const issue = issueOf(input, target);
  if (status.status === "skipped") {
    return { outcome: "unchanged", message: `The meeting on ${day(target)} is already skipped (by @${status.decision.by}).`, ...(issue ? { issue } : {}) };
  }
  if (status.meeting.start <= now) return { outcome: "refused", message: `The meeting on ${day(status.meeting)} has already ${status.meeting.end <= now ? "taken place" : "started"}; only meetings still to come can be skipped.` };
  if (status.meeting.start > now.plus({ days: MAX_DAYS_AHEAD })) return { outcome: "refused", message: tooFar(target) };

  const number = issue ? parseMeetingNumber(issue.title, titleTemplate(series, input.template)) : null;
  const numberText = number ? String(number.number).padStart(number.width, "0") : undefined;
  const fresh: ScheduleDecision = { kind: "skip", date: target.date, by: input.by, at: input.at, cmd: input.cmd, ...(numberText ? { number: numberText } : {}) };
  const { decision, after, marker } = recordDecision(input, fresh);
  const next = nextHeld(spec, after, target);
  const nextIssue = next ? issueOf(input, next) : undefined;
  const moveOn = nextIssue ? `its open items move to [${nextIssue.title}](${nextIssue.htmlUrl})` : next ? `its open items move to the next meeting (${day(next)}) when its issue opens` : "its open items move to the next meeting";

  if (!issue) {
    const ledger = input.issues[0];
    if (!ledger) return { outcome: "refused", message: noIssueYet(target) };
    return {
      outcome: "changed",
      decision,
      changes: after,
      steps: [{ kind: "edit-body", issue: ledger.number, rewrite: appendOnce(marker) }],
      message: `Skipped: there will be no meeting on ${day(target)}, and no issue for it. The next meeting is ${next ? day(next) : "not scheduled"}.`,
    };
  }

  const notice = `> ⏭️ **No meeting on ${formatMeetingDate(status.meeting.start)}**: skipped by @${input.by}.`;
  const said = formatMarker({ series: series.id, said: "skip", date: target.date, cmd: input.cmd });
  const steps: ScheduleStep[] = [
    { kind: "edit-body", issue: issue.number, rewrite: (body) => appendOnce(marker)(NOTICE.test(body) ? body : `${notice}${eol(body)}${eol(body)}${body}`) },
    { kind: "update-issue", issue: issue.number, title: skippedTitle(input, status.meeting), state: "closed", stateReason: "not_planned" },
    { kind: "comment", issue: issue.number, marker: said, body: `No meeting on ${day(status.meeting)}: skipped by @${input.by}. ${capitalize(moveOn)}.\n\n${said}\n` },
  ];
  if (nextIssue && laterCarryFrom(nextIssue, series.id) === issue.number) steps.push({ kind: "ensure", occurrence: nextIssue.occurrence });
  const elsewhere = input.thread.number !== issue.number;
  return {
    outcome: "changed",
    decision,
    changes: after,
    steps,
    issue,
    message: elsewhere ? `Skipped: no meeting on ${day(status.meeting)}. [${issue.title}](${issue.htmlUrl}) is closed; ${moveOn}.` : "",
  };
}

function planUnskip(input: ScheduleChangeInput, command: MeetingCommand & { kind: "unskip" }): SchedulePlan {
  const { series, changes, now } = input;
  const spec = scheduleSpec(series);
  let target: Occurrence | undefined;
  if (command.date !== undefined) {
    const found = meetingOnDate(spec, command.date) ?? (() => {
      const moved = movedTo(input, command.date);
      return moved ? { occurrence: moved, configSkipped: false } : null;
    })();
    if (!found) return { outcome: "refused", message: notAMeetingDate(input, command.date) };
    if (found.configSkipped) return { outcome: "refused", message: `${day(found.occurrence)} is skipped by \`schedule.skip\` in \`.github/meeting-bot.yml\`: remove the date there to meet that day.` };
    target = found.occurrence;
  } else if (input.thread.occurrence !== undefined && changes.skipped.has(meetingAtKey(input, input.thread.occurrence)?.date ?? "")) {
    target = meetingAtKey(input, input.thread.occurrence) ?? undefined;
  } else {
    // The first skipped meeting still to come.
    const upcoming = [...changes.skipped.keys()].sort().map((date) => meetingOnDate(spec, date)?.occurrence).find((occurrence) => occurrence && occurrence.start > now);
    if (!upcoming) return { outcome: "unchanged", message: "No meeting still to come is skipped." };
    target = upcoming;
  }
  if (!target) return { outcome: "unchanged", message: "No meeting still to come is skipped." };
  const status = meetingStatus(spec, changes, target);
  const issue = issueOf(input, target);
  if (status.status !== "skipped") return { outcome: "unchanged", message: `The meeting on ${day(status.meeting)} is not skipped.`, ...(issue ? { issue } : {}) };
  if (status.meeting.start <= now) return { outcome: "refused", message: `The meeting on ${day(status.meeting)} would have ${status.meeting.end <= now ? "taken place already" : "started already"}; a skip can be taken back only before the meeting's time.` };
  const fresh: ScheduleDecision = { kind: "unskip", date: target.date, by: input.by, at: input.at, cmd: input.cmd };
  const { decision, after, marker } = recordDecision(input, fresh);
  const due = meetingCreationTime(spec, after, target) <= now;
  // A later meeting's issue opened early (an `/agenda` while this one was skipped) gives the place back.
  const later = input.issues.filter((candidate) => candidate.occurrence > target.key);
  const follower = later.length === 0 ? undefined : yieldingIssue(input, target, later, after, issue, status.decision.number);
  if (typeof follower === "string") return { outcome: "refused", message: follower };
  const handBack = follower ? followerSteps(input, follower, status.meeting, issue) : [];

  if (!issue) {
    const ledger = input.issues[0];
    if (!ledger) return { outcome: "refused", message: noIssueYet(target) };
    // With a later issue opened early, this meeting's issue opens now (early, if need be), so that issue can follow it.
    const open = due || follower !== undefined;
    return {
      outcome: "changed",
      decision,
      changes: after,
      steps: [{ kind: "edit-body", issue: ledger.number, rewrite: appendOnce(marker) }, ...(open ? [{ kind: "ensure" as const, occurrence: target.key }] : []), ...handBack],
      message: `Unskipped: the meeting on ${day(status.meeting)} takes place after all; its issue ${open ? "is opened now" : "opens at the usual time"}.${follower ? ` ${follower.issue.title.replace(/[[\]]/g, "")} follows it${follower.renumbered ? `, as ${follower.renumbered.title}` : ""}.` : ""}`,
    };
  }
  const said = formatMarker({ series: series.id, said: "unskip", date: target.date, cmd: input.cmd });
  const number = status.decision.number;
  const steps: ScheduleStep[] = [
    { kind: "edit-body", issue: issue.number, rewrite: (body) => appendOnce(marker)(body.replace(NOTICE, "")) },
    { kind: "update-issue", issue: issue.number, ...(number ? { title: regularTitle(input, status.meeting, number) } : {}), state: "open", stateReason: "reopened" },
    { kind: "comment", issue: issue.number, marker: said, body: `The meeting on ${day(status.meeting)} takes place after all: unskipped by @${input.by}.\n\n${said}\n` },
    ...handBack,
  ];
  const elsewhere = input.thread.number !== issue.number;
  const follows = follower ? ` [${follower.issue.title}](${follower.issue.htmlUrl}) follows it${follower.renumbered ? `, as ${follower.renumbered.title}` : ""}.` : "";
  return {
    outcome: "changed",
    decision,
    changes: after,
    steps,
    issue,
    message: elsewhere || follows ? `Unskipped: the meeting on ${day(status.meeting)} takes place after all; [${number ? regularTitle(input, status.meeting, number) : issue.title}](${issue.htmlUrl}) is open again.${follows}` : "",
  };
}

/** A later meeting's issue that gives the unskipped meeting its place back (see `yieldingIssue`). */
interface Follower {
  issue: SeriesIssue;
  /** Its meeting, before and after the unskip (a move of it stays). */
  before: Meeting;
  after: Meeting;
  /** The issue it follows now: the previous meeting its marker names. */
  previous: number;
  /** Its number and title once the unskipped meeting takes its number back; absent when its title has no number. */
  renumbered?: { number: number; text: string; title: string; was: { number: number; text: string } };
  changesBefore: ScheduleChanges;
  changesAfter: ScheduleChanges;
}

/**
 * The one later meeting's issue an unskip takes the place back from: opened early (an `/agenda`
 * while the meeting was skipped), for the next meeting that takes place, and its creation time
 * still to come, so nothing has been written in it as a meeting yet. It gives back the number and
 * the items it took over, and waits for the unskipped meeting (a rerun finds that done, and
 * finishes the rest). A refusal (a string) when a later issue exists that cannot give the place back.
 */
function yieldingIssue(input: ScheduleChangeInput, target: Occurrence, later: readonly SeriesIssue[], after: ScheduleChanges, issue: SeriesIssue | undefined, skipNumber: string | undefined): Follower | string {
  const spec = scheduleSpec(input.series);
  const first = later.at(-1) as SeriesIssue;
  const refusal = `Not unskipped: the issue of a later meeting, [${first.title}](${first.htmlUrl}), took over this meeting's place (its number and open items) and can no longer give it back (its own creation time has passed, or more meetings followed). Keep the skip, or hold the meeting on ${day(target)} by hand.`;
  const own = parseMarkers(first.body).findLast((fields) => fields.series === input.series.id && fields.occurrence);
  const previous = Number(own?.previous);
  const regular = meetingAtKey(input, first.occurrence);
  if (!own || !Number.isSafeInteger(previous) || !regular) return refusal;
  // Given back already (a rerun after a failure half-way): its steps are run again, each finds its work done.
  const yielded = issue !== undefined && previous === issue.number && own.carry === "later";
  if (!yielded) {
    const next = nextHeld(spec, after, target);
    if (later.length > 1 || first.state !== "open" || next?.key !== regular.key || meetingCreationTime(spec, after, regular) <= input.now) return refusal;
    if (issue ? previous !== issue.number : own.carry !== "later") return refusal;
  }
  const source = titleTemplate(input.series, input.template);
  const follower: Follower = {
    issue: first,
    before: meetingStatus(spec, input.changes, regular).meeting,
    after: meetingStatus(spec, after, regular).meeting,
    previous,
    changesBefore: input.changes,
    changesAfter: after,
  };
  // The unskipped meeting's number, from what does not change as the steps run: its skip's record
  // or its issue's title, else the meeting before it plus one. The later issue had it, and takes the next.
  const current = parseMeetingNumber(first.title, source);
  const named = (number: number) => input.issues.find((candidate) => candidate.number === number);
  const before = issue ? undefined : named(previous);
  const base = skipNumber !== undefined ? Number(skipNumber) : issue ? parseMeetingNumber(issue.title, source)?.number : before ? (parseMeetingNumber(before.title, source)?.number ?? NaN) + 1 : undefined;
  const was = base !== undefined && Number.isSafeInteger(base) ? base : yielded ? undefined : current?.number;
  if (was !== undefined) {
    const width = current?.width ?? skipNumber?.length ?? 1;
    const number = was + 1;
    const text = String(number).padStart(width, "0");
    const values = placeholderValues(input.series, follower.after, number, text, null, after, input.calendar);
    const title = renderTitle(source, values, { path: "title" }).replace(/\s+/g, " ").trim();
    follower.renumbered = { number, text, title, was: { number: was, text: String(was).padStart(width, "0") } };
  }
  return follower;
}

// What renumbering a meeting rewrites in its issue: the number, what follows from it, and the previous meeting's link.
const RENUMBERED: readonly PlaceholderName[] = ["number", "previous", "moderator", "notetaker", "location", "calendar"];

/**
 * The steps that make a later issue follow the unskipped meeting again: it gives back the items it
 * took over from the meeting's issue (that issue holds them again), its marker waits for that
 * meeting (`carry=later`, so its unfinished items come once it is over), its number and what the
 * app rendered from it are rewritten in place, and a comment says so.
 */
function followerSteps(input: ScheduleChangeInput, follower: Follower, unskipped: Meeting, issue: SeriesIssue | undefined): ScheduleStep[] {
  const { series, template } = input;
  const key = { key: follower.issue.occurrence };
  const renumbered = follower.renumbered;
  const render = (meeting: Meeting, number: { number: number; text: string } | undefined, previous: number, changes: ScheduleChanges) => {
    const n = number ?? { number: 1, text: "" };
    const values = placeholderValues(series, meeting, n.number, n.text, { number: previous }, changes, input.calendar);
    const title = renderTitle(titleTemplate(series, template), values, { path: "title" }).replace(/\s+/g, " ").trim();
    values.calendar = calendarLinks({ title, start: meeting.start, end: meeting.end, location: values.location, date: meeting.date }, input.calendar);
    return values;
  };
  const rewrite = (body: string, previous: number): string => {
    let result = issue ? withdrawCarriedItems(body, issue.body, series.agenda.section, series.carryOver) : body;
    const waits = occurrenceMarker(series.id, key, previous, true);
    for (const old of [occurrenceMarker(series.id, key, follower.previous), occurrenceMarker(series.id, key, follower.previous, true)]) {
      const at = result.lastIndexOf(old);
      if (at >= 0) result = result.slice(0, at) + waits + result.slice(at + old.length);
    }
    const before = render(follower.before, renumbered?.was, follower.previous, follower.changesBefore);
    const after = render(follower.after, renumbered, previous, follower.changesAfter);
    return rewriteRenderedValues(result, template.body, before, after, RENUMBERED).text;
  };
  const said = formatMarker({ series: series.id, said: "follow", date: unskipped.date, cmd: input.cmd });
  const now = renumbered ? `this meeting is now ${renumbered.title} and follows it` : "this meeting follows it";
  const back = issue ? ` The items this issue had taken over from [${issue.title.replace(/[[\]]/g, "")}](${issue.htmlUrl}) are back there only.` : "";
  return [
    { kind: "follow", issue: follower.issue.number, previous: issue ? issue.number : { opened: unskipped.key }, rewrite },
    ...(renumbered && renumbered.title !== follower.issue.title ? [{ kind: "update-issue" as const, issue: follower.issue.number, title: renumbered.title }] : []),
    {
      kind: "comment",
      issue: follower.issue.number,
      marker: said,
      body: `The meeting on ${day(unskipped)} takes place after all (unskipped by @${input.by}), so ${now}.${back} Its unfinished items come here once it is over; agenda items added here meanwhile stay here.\n\n${said}\n`,
    },
  ];
}

function planMove(input: ScheduleChangeInput, command: MeetingCommand & { kind: "move" }): SchedulePlan {
  const { series, changes, now } = input;
  const spec = scheduleSpec(series);
  const own = input.thread.occurrence === undefined ? null : meetingAtKey(input, input.thread.occurrence);
  const target = own ?? regularOf(upcomingMeeting(spec, changes, now));
  const status = meetingStatus(spec, changes, target);
  if (status.status === "skipped") return { outcome: "refused", message: `The meeting on ${day(target)} is skipped; \`/meeting unskip ${target.date}\` first, then move it.` };
  if (status.meeting.start <= now) return { outcome: "refused", message: `The meeting on ${day(status.meeting)} has already ${status.meeting.end <= now ? "taken place" : "started"}; only meetings still to come can move.` };

  const [hour, minute] = (command.time ?? series.schedule.time).split(":").map(Number);
  const start = DateTime.fromISO(command.date, { zone: target.start.zoneName ?? "UTC" }).set({ hour, minute, second: 0, millisecond: 0 });
  if (!start.isValid) return { outcome: "refused", message: `${command.date} ${command.time ?? ""} is not a time in ${target.start.zoneName}.` };
  const when = `${formatMeetingDate(start)}, ${formatMeetingTime(start)}`;
  const regularNext = nextOccurrence(spec, target.start);
  const before = previousOccurrence(spec, target.start);
  const previous = before ? meetingStatus(spec, changes, before) : null;
  if (start <= now) return { outcome: "refused", message: `Not moved: ${when} has passed. Choose a time still to come.` };
  if (start >= regularNext.start) {
    return { outcome: "refused", message: `Not moved: ${when} is not before the next regular meeting (${day(regularNext)}, ${formatMeetingTime(regularNext.start)}). A meeting moves only within its own week; to leave it out, \`/meeting skip ${target.date}\`.` };
  }
  if (previous && previous.status !== "skipped" && start <= previous.meeting.end) {
    return { outcome: "refused", message: `Not moved: ${when} is not after the previous meeting (${day(previous.meeting)}, ${formatMeetingTime(previous.meeting.start)}).` };
  }
  const issue = issueOf(input, target);
  if (start.toMillis() === status.meeting.start.toMillis()) return { outcome: "unchanged", message: `The meeting is on ${when} already.`, ...(issue ? { issue } : {}) };

  const fresh: ScheduleDecision = { kind: "move", date: target.date, to: `${start.toUTC().toISO({ suppressMilliseconds: true, includeOffset: false })}Z`, by: input.by, at: input.at, cmd: input.cmd };
  const { decision, after, marker } = recordDecision(input, fresh);
  const moved = meetingStatus(spec, after, target).meeting;
  const from = `${day(status.meeting)}, ${formatMeetingTime(status.meeting.start)}`;
  if (!issue) {
    const ledger = input.issues[0];
    if (!ledger) return { outcome: "refused", message: noIssueYet(target) };
    return {
      outcome: "changed",
      decision,
      changes: after,
      steps: [{ kind: "edit-body", issue: ledger.number, rewrite: appendOnce(marker) }],
      message: `Moved: the meeting of ${from} is now on ${when}. Its issue will say so when it opens.`,
    };
  }

  const rewrite = renderedRewrite(input, issue, status.meeting, moved, changes, after);
  const said = formatMarker({ series: series.id, said: "move", date: target.date, cmd: input.cmd });
  const missed = rewrite.missed > 0 ? ` ${rewrite.missed === 1 ? "One line" : `${rewrite.missed} lines`} with the old date or time had been edited by hand and ${rewrite.missed === 1 ? "was" : "were"} left as ${rewrite.missed === 1 ? "it was" : "they were"}: check the issue.` : "";
  const steps: ScheduleStep[] = [
    { kind: "edit-body", issue: issue.number, rewrite: (body) => appendOnce(marker)(rewriteBody(body, rewrite.values)) },
    ...(rewrite.title && rewrite.title !== issue.title ? [{ kind: "update-issue" as const, issue: issue.number, title: rewrite.title }] : []),
    { kind: "comment", issue: issue.number, marker: said, body: `Moved by @${input.by}: this meeting is now on ${when} (instead of ${from}).${missed}\n\n${said}\n` },
  ];
  const elsewhere = input.thread.number !== issue.number;
  return {
    outcome: "changed",
    decision,
    changes: after,
    steps,
    issue,
    message: elsewhere ? `Moved: [${issue.title}](${issue.htmlUrl}) is now on ${when} (instead of ${from}).${missed}` : missed.trim(),
  };
}

/** What a move rewrites in the meeting's issue: the rendered values, before and after, and the new title. */
function renderedRewrite(input: ScheduleChangeInput, issue: SeriesIssue, from: Meeting, to: Meeting, before: ScheduleChanges, after: ScheduleChanges) {
  const { series, template } = input;
  const source = titleTemplate(series, template);
  const number = parseMeetingNumber(issue.title, source);
  const numberText = number ? String(number.number).padStart(number.width, "0") : "";
  const own = parseMarkers(issue.body).findLast((fields) => fields.series === series.id && fields.occurrence);
  const previousNumber = Number(own?.previous);
  const previous = Number.isSafeInteger(previousNumber) && previousNumber > 0 ? { number: previousNumber } : null;
  const valuesFor = (meeting: Meeting, changes: ScheduleChanges) => {
    const values = placeholderValues(series, meeting, number?.number ?? 1, numberText, previous, changes, input.calendar);
    const title = renderTitle(source, values, { path: "title" }).replace(/\s+/g, " ").trim();
    values.calendar = calendarLinks({ title, start: meeting.start, end: meeting.end, location: values.location, date: meeting.date }, input.calendar);
    return { values, title };
  };
  const old = valuesFor(from, before);
  const next = valuesFor(to, after);
  const missed = rewriteRenderedValues(issue.body, template.body, old.values, next.values).missed;
  const title = issue.title === old.title ? next.title : undefined;
  return { values: { template: template.body, before: old.values, after: next.values }, missed, title };
}

function rewriteBody(body: string, values: { template: string; before: Parameters<typeof rewriteRenderedValues>[2]; after: Parameters<typeof rewriteRenderedValues>[3] }): string {
  return rewriteRenderedValues(body, values.template, values.before, values.after).text;
}

/** Append a marker once (a rerun finds it there). */
/**
 * The decision to record, the changes with it, and its marker. A command run again after failing
 * half-way records what it recorded before, as it was, so the marker is the same and `appendOnce`
 * finds it.
 */
function recordDecision(input: ScheduleChangeInput, fresh: ScheduleDecision): { decision: ScheduleDecision; after: ScheduleChanges; marker: string } {
  const decision = input.recorded?.kind === fresh.kind && input.recorded.date === fresh.date ? input.recorded : fresh;
  return { decision, after: resolveChanges([...input.changes.decisions, decision]), marker: formatDecision(input.series.id, decision) };
}

function appendOnce(marker: string): (body: string) => string {
  return (body) => (body.includes(marker) ? body : `${body.replace(/(\r?\n)*$/, "")}${eol(body)}${eol(body)}${marker}${eol(body)}`);
}

function issueOf(input: ScheduleChangeInput, occurrence: Occurrence): SeriesIssue | undefined {
  return input.issues.find((issue) => issue.occurrence === occurrence.key);
}

function meetingAtKey(input: ScheduleChangeInput, key: string): Occurrence | null {
  const spec = scheduleSpec(input.series);
  const found = DateTime.fromISO(key, { zone: "utc" });
  if (!found.isValid) return null;
  const regular = nextOccurrence({ ...spec, skip: [] }, found.minus({ milliseconds: 1 }));
  return regular.key === key ? regular : null;
}

function regularOf(status: MeetingStatus): Occurrence {
  const { meeting } = status;
  if (!meeting.movedFrom) return meeting;
  const duration = meeting.end.toMillis() - meeting.start.toMillis();
  return { key: meeting.key, date: meeting.date, start: meeting.movedFrom, end: meeting.movedFrom.plus({ milliseconds: duration }) };
}

function nextHeld(spec: ReturnType<typeof scheduleSpec>, changes: ScheduleChanges, after: Occurrence): Meeting | null {
  let slot = nextOccurrence(spec, after.start);
  for (let walked = 0; walked < 60; walked++) {
    const status = meetingStatus(spec, changes, slot);
    if (status.status !== "skipped") return status.meeting;
    slot = nextOccurrence(spec, slot.start);
  }
  return null;
}

/** The issue number a meeting issue opened early waits to carry from (`carry=later`), if any. */
function laterCarryFrom(issue: SeriesIssue, seriesId: string): number | undefined {
  const own = parseMarkers(issue.body).findLast((fields) => fields.series === seriesId && fields.occurrence);
  return own?.carry === "later" ? Number(own.previous) : undefined;
}

function skippedTitle(input: ScheduleChangeInput, meeting: Meeting): string {
  return `${seriesName(input.series, input.template)}: no meeting on ${formatMeetingDate(meeting.start)} (skipped)`;
}

function regularTitle(input: ScheduleChangeInput, meeting: Meeting, numberText: string): string {
  const values = placeholderValues(input.series, meeting, Number(numberText), numberText, null, input.changes, input.calendar);
  return renderTitle(titleTemplate(input.series, input.template), values, { path: "title" }).replace(/\s+/g, " ").trim();
}

/** The meeting moved to `date` (a local date in the series zone), named by its new date: its regular occurrence. */
function movedTo(input: ScheduleChangeInput, date: string): Occurrence | undefined {
  const zone = input.series.schedule.timezone;
  const decision = [...input.changes.moved.values()].find((move) => DateTime.fromISO(move.to, { zone: "utc" }).setZone(zone).toISODate() === date);
  return decision ? (meetingOnDate(scheduleSpec(input.series), decision.date)?.occurrence ?? undefined) : undefined;
}

function notAMeetingDate(input: ScheduleChangeInput, date: string): string {
  const spec = scheduleSpec(input.series);
  const zone = input.series.schedule.timezone;
  const near = nextOccurrence({ ...spec, skip: [] }, DateTime.fromISO(date, { zone }).minus({ days: 4 }));
  return `The series does not meet on ${date}; did you mean ${day(near)} (${near.date})?`;
}

function noIssueYet(target: Occurrence): string {
  return `There is no meeting issue of this series yet to record this in; add ${target.date} to \`schedule.skip\` in \`.github/meeting-bot.yml\` instead, or try again once the first issue is open.`;
}

function tooFar(target: Occurrence): string {
  return `${day(target)} is more than a year ahead; add ${target.date} to \`schedule.skip\` in \`.github/meeting-bot.yml\` instead.`;
}

function day(occurrence: Pick<Occurrence, "start">): string {
  return formatMeetingDate(occurrence.start);
}

function eol(body: string): string {
  return body.includes("\r\n") ? "\r\n" : "\n";
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
