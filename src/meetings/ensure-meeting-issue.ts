import type { Logger } from "probot";
import type { SeriesConfig } from "../config/schema.js";
import type { IssueTemplate } from "../core/issue-template.js";
import { locateMeetings, type MeetingLocation } from "../core/locate-meetings.js";
import { findMarker, formatMarker, parseMarkers } from "../core/markers.js";
import { decisionsSection, findDecisions } from "../core/meeting-decisions.js";
import { parseMeetingNumber, titlePattern, undatedTitlePattern } from "../core/meeting-number.js";
import { planMeetingIssue, titleTemplate } from "../core/plan-meeting-issue.js";
import { planLateCarryOver } from "../core/plan-late-carry-over.js";
import type { CalendarSite } from "../core/calendar-links.js";
import { meetingCreationTime, meetingStatus } from "../core/meeting-schedule.js";
import { changesIn, type ScheduleChanges } from "../core/schedule-changes.js";
import { occurrenceAt, previousOccurrence, type Occurrence } from "../core/schedule.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import { DateTime } from "luxon";
import { ensureLabel } from "../github/ensure-label.js";
import { repoName, type GitHubClient, type RepoRef } from "../github/github-client.js";
import { isMovedIssue } from "../github/is-moved-issue.js";
import { isRateLimitError, statusOf } from "../github/is-transient-error.js";
import { listMeetingIssues, toSnapshot, type IssueSnapshot } from "../github/list-meeting-issues.js";
import { NO_RETRY, writeOnce } from "../github/write-once.js";

export interface EnsureMeetingIssueInput {
  octokit: GitHubClient;
  log: Pick<Logger, "info" | "warn" | "debug">;
  ref: RepoRef;
  series: SeriesConfig;
  template: IssueTemplate;
  templatePath: string;
  occurrence: Occurrence;
  /** Labels known to exist in this repo; filled as labels are ensured, so later runs skip the check. */
  knownLabels: Set<string>;
  /** Open threads carrying the series' agenda label (cached by the caller), listed on a new agenda. */
  proposals?: () => Promise<ReadonlyArray<{ number: number; title: string; author: string }>>;
  /**
   * The app's login (`<slug>[bot]`), when known: its meeting issues are then listed by creator, so
   * no one else's issues can crowd them out; the team's hand-made issues are read on a first run only.
   */
  appLogin?: string;
  /** Now. Before the occurrence's creation time (an `/agenda` command needs the issue), the issue is opened without carry-over. */
  now: DateTime;
  /** Rewrite an issue body, in turn with `/agenda` edits of it (the caller's edit queue); default: read, then write. */
  editBody?: (issueNumber: number, edit: (body: string) => string) => Promise<void>;
  /** The app's calendar routes, for `{{calendar}}` (its public URL is set); without it, Google Calendar links only. */
  calendar?: CalendarSite;
  /**
   * Create the issue only once its creation time has come, as GitHub's decisions say it (the
   * scheduler's runs: a replica that has not yet heard of a `/meeting move` must not open the
   * next meeting's issue at the old time). Without it, an issue needed early (`/agenda`) is opened.
   */
  onlyWhenDue?: boolean;
}

export interface EnsureMeetingIssueResult {
  /** Null when the meeting is skipped (`/meeting skip`) and has no issue, or (`onlyWhenDue`) its issue is not due yet. */
  issue: { number: number; title: string; htmlUrl: string } | null;
  /** False when the issue already existed (another run, a replica, or a retry created it). */
  created: boolean;
  previous: number | null;
  /** The meeting does not take place: skipped by a `/meeting` command (no issue is created for it). */
  skipped: boolean;
  /** The schedule changes recorded in the series' issues, as read by this run. */
  changes: ScheduleChanges;
}

/**
 * The one path that creates a meeting issue (the scheduler and `/agenda` both call it), and it is
 * idempotent: load what GitHub has → plan the issue (pure) → create it, link and close the
 * previous meeting. Run it again at any point (a retry, a restart, a second replica) and it
 * finishes what is missing without doing anything twice.
 *
 * API calls on the usual weekly run: list meeting issues, create, comment, close. A run stopped
 * between creating an issue and closing its previous one is finished by the next run, even when
 * that run is already for the following meeting (see `finishEarlierLink`).
 */
export async function ensureMeetingIssue(input: EnsureMeetingIssueInput): Promise<EnsureMeetingIssueResult> {
  const { octokit, log, ref, series, template, templatePath, occurrence } = input;
  const label = series.labels[0] ?? "meeting";
  const target = {
    seriesId: series.id,
    occurrenceKey: occurrence.key,
    titlePattern: titlePattern(titleTemplate(series, template)),
    undatedTitlePattern: undatedTitlePattern(titleTemplate(series, template)),
  };
  const context = { repo: repoName(ref), series: series.id, occurrence: occurrence.key };

  const { issues, found } = await locate(input, label, target);
  // Skips and moves `/meeting` recorded in the series' issues: every run sees them, whoever wrote them.
  const spec = scheduleSpec(series);
  const changes = changesIn(issues, series.id);
  const regular = occurrenceAt(spec, occurrence.key) ?? occurrence;
  const status = meetingStatus(spec, changes, regular);
  if (status.status === "skipped") {
    // No issue for a skipped meeting; one that exists is closed (a skip stopped half-way is finished).
    if (found.existing) await closeSkipped(input, found.existing);
    return { issue: found.existing ? summary(found.existing) : null, created: false, previous: null, skipped: true, changes };
  }
  const meeting = status.meeting;
  // Before its creation time the previous meeting may still be running, or its notes being written:
  // an issue opened now (for an `/agenda` command) waits for that time to carry, link and close.
  const due = input.now >= meetingCreationTime(spec, changes, regular);
  const result = (issue: IssueSnapshot, created: boolean, previous: number | null): EnsureMeetingIssueResult => ({ issue: summary(issue), created, previous, skipped: false, changes });

  if (!due && !found.existing && input.onlyWhenDue) {
    input.log.info({ ...context, due: meetingCreationTime(spec, changes, regular).toUTC().toISO() }, "not opening the meeting issue yet: a /meeting command moved its creation time");
    return { issue: null, created: false, previous: null, skipped: false, changes };
  }
  if (found.existing) {
    if (!due) {
      // Opened early, waiting for a meeting that was then skipped: nothing is being written there any more, carry now.
      const waitsFor = laterCarryFrom(found.existing, series.id);
      const skipped = waitsFor === undefined ? undefined : issues.find((issue) => issue.number === waitsFor);
      if (skipped && skippedInfo(input, skipped, changes)) return result(await completeLateCarryOver(input, found.existing, issues, changes), false, null);
      return result(found.existing, false, null);
    }
    // Created before (early, or by a run that stopped half-way): finish what is missing, create nothing.
    const existing = await completeLateCarryOver(input, found.existing, issues, changes);
    const previous = await previousNamedBy(input, existing, issues, found.previous);
    await linkPrevious(input, existing, previous, { fresh: false });
    await finishEarlierLink(input, issues, previous);
    return result(existing, false, previous?.number ?? null);
  }
  // The previous issue may itself have been opened early, its creation time passed while the app was down.
  if (found.previous && due) found.previous = await completeLateCarryOver(input, found.previous, issues, changes);
  const previousSkipped = found.previous ? skippedInfo(input, found.previous, changes) : undefined;
  // A skipped previous meeting is not being written: its items move at once, even into an early issue.
  const early = !due && found.previous !== null && !previousSkipped;

  if (found.previous && isHandMadeIssueOf(found.previous, input)) {
    // The team opened this meeting's issue by hand before the app arrived: it is this meeting's.
    log.info({ ...context, issue: found.previous.number }, "a hand-made meeting issue covers this meeting; adopting it instead of creating one");
    return result(found.previous, false, null);
  }

  const plan = planMeetingIssue({
    series,
    template,
    templatePath,
    occurrence: meeting,
    previous: found.previous && { number: found.previous.number, title: found.previous.title, body: found.previous.body, ...(previousSkipped ? { skipped: previousSkipped } : {}) },
    proposals: input.proposals ? await input.proposals() : [],
    carry: early ? "later" : "now",
    changes,
    ...(input.calendar ? { calendar: input.calendar } : {}),
  });
  for (const warning of plan.warnings) log.warn({ ...context, previous: found.previous?.number }, `carry-over: ${warning}`);
  if (found.previous && !previousSkipped && parseMeetingNumber(found.previous.title, titleTemplate(series, template)) === null) {
    log.warn(
      { ...context, previous: found.previous.number },
      `could not read a meeting number from the previous meeting's title "${found.previous.title}"; numbered this one ${plan.meetingNumber}: fix the titles by hand if that is wrong`,
    );
  }

  for (const name of plan.labels) {
    if (input.knownLabels.has(name)) continue;
    await ensureLabel(octokit, ref, name);
    input.knownLabels.add(name);
  }

  const { result: issue, recovered } = await writeOnce(
    async () =>
      toSnapshot(
        (
          await octokit.rest.issues.create({
            ...ref,
            title: plan.title,
            body: plan.body,
            labels: plan.labels,
            ...(plan.assignees.length > 0 ? { assignees: plan.assignees } : {}),
            ...NO_RETRY,
          })
        ).data,
      ),
    async () => (await locate(input, label, target)).found.existing,
  );
  if (recovered) log.warn({ ...context, issue: issue.number }, "create failed in transit but the issue exists; not creating it again");
  log.info({ ...context, issue: issue.number, previous: found.previous?.number }, `created ${issue.title}`);
  if (early) {
    const at = meetingCreationTime(spec, changes, regular).toUTC().toISO();
    log.info({ ...context, issue: issue.number, previous: found.previous?.number, carryAt: at }, `opened before its creation time; #${found.previous?.number} is carried over, linked and closed at ${at}`);
    return result(issue, !recovered, found.previous?.number ?? null);
  }

  await linkPrevious(input, issue, found.previous, { fresh: !recovered });
  await finishEarlierLink(input, issues, found.previous);
  return result(issue, !recovered, found.previous?.number ?? null);
}

/** The previous meeting an issue opened early waits for (`carry=later` in its marker), if any. */
function laterCarryFrom(issue: IssueSnapshot, seriesId: string): number | undefined {
  const own = parseMarkers(issue.body).findLast((fields) => fields.series === seriesId && fields.occurrence);
  const previous = Number(own?.previous);
  return own?.carry === "later" && Number.isSafeInteger(previous) ? previous : undefined;
}

/** When `issue` is a meeting skipped by command: the number it gave up (its skip recorded it). */
function skippedInfo(input: EnsureMeetingIssueInput, issue: IssueSnapshot, changes: ScheduleChanges): { number?: string } | undefined {
  const own = parseMarkers(issue.body).findLast((fields) => fields.series === input.series.id && fields.occurrence);
  const date = own?.occurrence ? occurrenceAt(scheduleSpec(input.series), own.occurrence)?.date : undefined;
  const skip = date === undefined ? undefined : changes.skipped.get(date);
  if (!skip) return undefined;
  return skip.number === undefined ? {} : { number: skip.number };
}

/** A skipped meeting's issue that is still open (a skip stopped before its close): close it, as not planned. */
async function closeSkipped(input: EnsureMeetingIssueInput, issue: IssueSnapshot): Promise<void> {
  if (issue.state === "closed") return;
  try {
    await input.octokit.rest.issues.update({ ...input.ref, issue_number: issue.number, state: "closed", state_reason: "not_planned" });
    input.log.info({ repo: repoName(input.ref), series: input.series.id, issue: issue.number }, `closed #${issue.number}: its meeting is skipped`);
  } catch (error) {
    if (!isGoneOrForbidden(error)) throw error;
  }
}

/** The previous meeting as the existing issue's marker names it (the plan's choice), else as located now. */
async function previousNamedBy(
  input: EnsureMeetingIssueInput,
  existing: IssueSnapshot,
  issues: IssueSnapshot[],
  located: IssueSnapshot | null,
): Promise<IssueSnapshot | null> {
  // The last marker, as `locateMeetings` reads it: the app's own is appended after the team's text.
  const named = Number(parseMarkers(existing.body).findLast((fields) => fields.series === input.series.id && fields.occurrence)?.previous);
  if (!Number.isSafeInteger(named) || named < 1) return located;
  return listedOrFetched(input, issues, named, existing.number);
}

/**
 * Issue `named`, which the meeting issue `by` names as its previous meeting: from the listing, else
 * read (a hand-made meeting is not in the app's own listing). Null when it is gone or transferred.
 */
async function listedOrFetched(input: EnsureMeetingIssueInput, issues: IssueSnapshot[], named: number, by: number): Promise<IssueSnapshot | null> {
  const listed = issues.find((issue) => issue.number === named);
  if (listed) return listed;
  const context = { repo: repoName(input.ref), series: input.series.id, issue: by, previous: named };
  try {
    const { data } = await input.octokit.rest.issues.get({ ...input.ref, issue_number: named });
    // Octokit follows a transferred issue's 301 to its new home: not ours to comment on or close.
    if (!isMovedIssue(data, input.ref, named)) return toSnapshot(data);
    input.log.warn({ ...context, movedTo: data.html_url }, `the previous meeting issue #${named} is gone (transferred to ${data.html_url}); not linking or closing it`);
    return null;
  } catch (error) {
    const status = statusOf(error);
    if (status !== 404 && status !== 410 && status !== 301) throw error;
    input.log.warn({ ...context, status }, `the previous meeting issue #${named} is gone (${status === 410 ? "deleted" : status === 301 ? "transferred" : "not found"}); nothing to link or close`);
    return null;
  }
}

/**
 * The series' meeting issues (newest first) and, among them, this occurrence's and the previous
 * one. One request on the usual run: the app's own issues. Only when the app has opened none for
 * this series yet (its first run) is the label listed again for the team's hand-made meetings.
 */
async function locate(
  input: EnsureMeetingIssueInput,
  label: string,
  target: Parameters<typeof locateMeetings>[1],
): Promise<{ issues: IssueSnapshot[]; found: MeetingLocation<IssueSnapshot> }> {
  const { octokit, ref, appLogin } = input;
  if (appLogin) {
    const own = await listMeetingIssues(octokit, ref, label, { creator: appLogin });
    const found = locateMeetings(own, target);
    if (found.existing || found.previous) return { issues: own, found };
  }
  const issues = await listMeetingIssues(octokit, ref, label);
  return { issues, found: locateMeetings(issues, target) };
}

/**
 * A meeting issue opened before its creation time (`carry=later` in its marker) gets, once that time
 * has come, the previous meeting's unfinished items, through `editBody` so no `/agenda` edit is lost.
 * Other issues are returned as they are, at no cost.
 */
async function completeLateCarryOver(input: EnsureMeetingIssueInput, issue: IssueSnapshot, issues: IssueSnapshot[], changes: ScheduleChanges): Promise<IssueSnapshot> {
  const { series, log } = input;
  const own = parseMarkers(issue.body).findLast((fields) => fields.series === series.id && fields.occurrence);
  const previousNumber = Number(own?.previous);
  if (own?.carry !== "later" || !own.occurrence || !Number.isSafeInteger(previousNumber)) return issue;
  const previous = await previousNamedBy(input, issue, issues, null);
  const occurrence = { key: own.occurrence };
  const skipped = previous ? skippedInfo(input, previous, changes) : undefined;
  const plan = (body: string) =>
    planLateCarryOver({
      series,
      occurrence,
      body,
      previousNumber,
      previous: previous && { number: previous.number, title: previous.title, body: previous.body, ...(skipped ? { skipped } : {}) },
      templateBody: input.template.body,
    });
  let result: ReturnType<typeof plan> = null;
  const edit = (body: string) => {
    result = plan(body);
    return result?.body ?? body;
  };
  if (input.editBody) {
    await input.editBody(issue.number, edit);
  } else {
    const { data } = await input.octokit.rest.issues.get({ ...input.ref, issue_number: issue.number });
    const before = data.body ?? "";
    const after = edit(before);
    if (after !== before) await input.octokit.rest.issues.update({ ...input.ref, issue_number: issue.number, body: after });
  }
  const done = result as ReturnType<typeof plan>;
  if (!done) return issue;
  const context = { repo: repoName(input.ref), series: series.id, occurrence: own.occurrence, issue: issue.number, previous: previousNumber };
  for (const warning of done.warnings) log.warn(context, `carry-over: ${warning}`);
  const count = Object.values(done.carried).reduce((sum, items) => sum + items.length, 0);
  log.info(context, `carried ${count} unfinished ${count === 1 ? "item" : "items"} from #${previousNumber} into #${issue.number}, opened before its creation time`);
  return { ...issue, body: done.body };
}

/** The meeting a link comment points to: its issue, and the occurrence its marker names. */
interface LinkTarget {
  number: number;
  createdAt: string;
  occurrenceKey: string;
}

/**
 * Point the previous meeting at the new one and close it. The comment carries a marker, and the
 * close comes after it, so a closed previous issue means both steps are done.
 */
async function linkPrevious(
  input: EnsureMeetingIssueInput,
  issue: IssueSnapshot,
  previous: IssueSnapshot | null,
  { fresh }: { fresh: boolean },
): Promise<void> {
  if (!previous || previous.number === issue.number) return;
  if (input.series.closePrevious && previous.state === "closed") return;
  const next = { number: issue.number, createdAt: issue.createdAt, occurrenceKey: input.occurrence.key };
  await commentLink(input, previous, next, { fresh });
  if (input.series.closePrevious && previous.state === "open") await closeLinked(input, previous, next);
}

/**
 * The previous meeting's own previous, left open and unlinked by a run that stopped after
 * creating the previous meeting's issue, when the process came back only after this meeting was
 * due. Costs nothing on the usual run: the listing already says that issue is closed.
 *
 * One step back: a chain of runs each stopped the same way is not walked, so the app never acts
 * on meetings older than the last one's. Only with `closePrevious`: an open issue is then the
 * sign of unfinished work; without it every old meeting stays open, and looking for a missing
 * comment would cost a request every week. Only the app's own record counts: the previous issue
 * comes from the listing, where the app's issues alone keep their markers, and `previous=` in its
 * last marker names the earlier issue. An open issue that already has the app's link
 * comment is left open: someone reopened it after the app closed it (or a run stopped between
 * the comment and the close; the two look the same).
 */
async function finishEarlierLink(input: EnsureMeetingIssueInput, issues: IssueSnapshot[], previous: IssueSnapshot | null): Promise<void> {
  if (!input.series.closePrevious || !previous || !issues.some((issue) => issue.number === previous.number)) return;
  const own = parseMarkers(previous.body).findLast((fields) => fields.series === input.series.id && fields.occurrence);
  const named = Number(own?.previous);
  // Older than the previous meeting by construction; anything else is not the app's record.
  if (!own?.occurrence || !Number.isSafeInteger(named) || named < 1 || named >= previous.number) return;
  // Read only when not listed: a hand-made first meeting, in the week after the app's first.
  const earlier = await listedOrFetched(input, issues, named, previous.number);
  if (!earlier || earlier.state === "closed") return;

  const next = { number: previous.number, createdAt: previous.createdAt, occurrenceKey: own.occurrence };
  const context = { repo: repoName(input.ref), series: input.series.id, issue: previous.number, previous: earlier.number };
  if ((await commentLink(input, earlier, next, { fresh: false })) === "found") {
    input.log.info(context, `#${earlier.number} was linked to #${previous.number} before and is open again; leaving it open`);
    return;
  }
  await closeLinked(input, earlier, next);
  input.log.info(context, `finished linking and closing #${earlier.number}, left open when the run that created #${previous.number} stopped`);
}

/**
 * Comment "Next meeting: #N" on `previous`, with a marker naming N's occurrence, unless the app's
 * comment is there already ("found"; looked for first unless `fresh`). "skipped": the issue is
 * locked or gone, which must not stop the new meeting.
 */
async function commentLink(
  input: EnsureMeetingIssueInput,
  previous: IssueSnapshot,
  next: LinkTarget,
  { fresh }: { fresh: boolean },
): Promise<"found" | "written" | "skipped"> {
  const { octokit, ref, series, log } = input;
  const marker = formatMarker({ next: next.occurrenceKey, series: series.id });
  // With `decisions: true`, the decisions of the meeting go in the same comment: no write more, and written once with it.
  const decisions = series.decisions ? decisionsSection(findDecisions(previous.body)) : "";
  const hasLink = async () => {
    const { data } = await octokit.rest.issues.listComments({
      ...ref,
      issue_number: previous.number,
      since: next.createdAt,
      per_page: 100,
    });
    // Only the app's own comment counts: anyone can paste the marker into a comment of theirs.
    return data.some((comment) => comment.user?.type === "Bot" && comment.body?.includes(marker)) ? true : null;
  };
  try {
    if (!fresh && (await hasLink())) return "found";
    await writeOnce(
      async () => {
        await octokit.rest.issues.createComment({
          ...ref,
          issue_number: previous.number,
          body: `Next meeting: #${next.number}\n\n${decisions === "" ? "" : `${decisions}\n\n`}${marker}\n`,
          ...NO_RETRY,
        });
        return true;
      },
      hasLink,
    );
    return "written";
  } catch (error) {
    // A locked or deleted previous issue must not stop the new meeting; say so and go on.
    if (!isGoneOrForbidden(error)) throw error;
    log.warn(
      { repo: repoName(ref), series: series.id, issue: next.number, previous: previous.number, status: statusOf(error) },
      "could not comment on the previous meeting issue (locked or gone); skipping the link",
    );
    return "skipped";
  }
}

/** Close a linked previous meeting; one that cannot be closed is logged, not fatal. */
async function closeLinked(input: EnsureMeetingIssueInput, previous: IssueSnapshot, next: LinkTarget): Promise<void> {
  const { octokit, ref, series, log } = input;
  try {
    await octokit.rest.issues.update({ ...ref, issue_number: previous.number, state: "closed", state_reason: "completed" });
  } catch (error) {
    if (!isGoneOrForbidden(error)) throw error;
    log.warn(
      { repo: repoName(ref), series: series.id, issue: next.number, previous: previous.number, status: statusOf(error) },
      "could not close the previous meeting issue; close it by hand",
    );
  }
}

/** Locked (403), deleted (410) or gone (404); a rate limit is a 403 too, but one to retry later. */
function isGoneOrForbidden(error: unknown): boolean {
  const status = statusOf(error);
  return (status === 403 && !isRateLimitError(error)) || status === 404 || status === 410;
}

/**
 * A meeting issue without the app's marker (opened by hand), opened after the previous meeting
 * started, is this meeting's issue, not the previous one: the app must not open a second. For the
 * series' first meeting (no previous one on the schedule), one period before it stands in.
 */
function isHandMadeIssueOf(issue: IssueSnapshot, input: EnsureMeetingIssueInput): boolean {
  if (findMarker(issue.body, (fields) => fields.series !== undefined)) return false;
  const before = previousOccurrence(scheduleSpec(input.series), input.occurrence.start);
  const since = before?.start ?? input.occurrence.start.minus({ weeks: input.series.schedule.every });
  const opened = DateTime.fromISO(issue.createdAt);
  return opened.isValid && opened > since;
}

function summary(issue: IssueSnapshot): EnsureMeetingIssueResult["issue"] {
  return { number: issue.number, title: issue.title, htmlUrl: issue.htmlUrl };
}
