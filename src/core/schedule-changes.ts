import { formatMarker, parseMarkers, type MarkerFields } from "./markers.js";

/**
 * One-off changes to a series' schedule, decided by `/meeting` commands and recorded in GitHub as
 * hidden markers in the series' meeting issues (never only in memory), so restarts, replicas and
 * catch-up all see them:
 *
 *     <!-- meeting-bot:series=weekly skip=2020-12-25 by=alice at=2020-12-01T10:00:00Z cmd=comment-42 -->
 *     <!-- meeting-bot:series=weekly unskip=2020-12-25 by=alice at=2020-12-02T09:00:00Z cmd=comment-43 -->
 *     <!-- meeting-bot:series=weekly move=2020-10-23 to=2020-10-26T17:00:00Z by=bob at=… cmd=review-7 -->
 *
 * A decision names its meeting by the regular local date (`yyyy-MM-dd` in the series zone), which
 * stays the meeting's identity when it moves. It is written into that meeting's issue when it
 * exists, else into the series' newest meeting issue, and every new meeting issue copies the
 * decisions about meetings still to come, so the newest issue always holds them all.
 *
 * The latest decision about a date wins (by `at`, the command's time; among equal times, the one
 * written last), so a skip, an unskip and a skip again read as they were said.
 */
export type ScheduleDecision =
  | (DecisionBase & { kind: "skip"; number?: string })
  | (DecisionBase & { kind: "unskip" })
  | (DecisionBase & { kind: "move"; to: string });

interface DecisionBase {
  /** The meeting's regular local date, `yyyy-MM-dd`. */
  date: string;
  /** Who decided (a GitHub login). */
  by: string;
  /** When, as the command's UTC timestamp (`2020-12-01T10:00:00Z`). */
  at: string;
  /** The command that decided it (`comment-42`, `review-comment-7`, `review-3`), so a redelivery is seen as done. */
  cmd?: string;
}

/** The decisions in force: what is skipped and what is moved, by regular date. */
export interface ScheduleChanges {
  skipped: ReadonlyMap<string, ScheduleDecision & { kind: "skip" }>;
  moved: ReadonlyMap<string, ScheduleDecision & { kind: "move" }>;
  /** Every decision read, in force or not (a redelivered command is recognised by its `cmd`). */
  decisions: readonly ScheduleDecision[];
}

export const NO_CHANGES: ScheduleChanges = { skipped: new Map(), moved: new Map(), decisions: [] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NUMBER = /^\d{1,15}$/;
const COMMAND = /^[a-z]{1,10}(?:-[a-z]{1,10})?(?:-\d{1,20}){1,2}$/;

/** The hidden marker that records a decision about a meeting of `seriesId`. */
export function formatDecision(seriesId: string, decision: ScheduleDecision): string {
  const fields: MarkerFields = { series: seriesId, [decision.kind]: decision.date };
  if (decision.kind === "move") fields.to = decision.to;
  fields.by = decision.by;
  fields.at = decision.at;
  if (decision.kind === "skip" && decision.number !== undefined) fields.number = decision.number;
  if (decision.cmd !== undefined) fields.cmd = decision.cmd;
  return formatMarker(fields);
}

/** The well-formed decisions about `seriesId` in a body, in document order. */
export function parseDecisions(body: string, seriesId: string): ScheduleDecision[] {
  return parseMarkers(body).flatMap((fields) => {
    if (fields.series !== seriesId || fields.occurrence !== undefined) return [];
    const decision = toDecision(fields);
    return decision ? [decision] : [];
  });
}

/**
 * The changes in force from decisions read in order (oldest issue first, each in document order):
 * per date, the latest by `at` wins; an unskip cancels a skip. A move stays in force through a
 * skip and its unskip.
 */
export function resolveChanges(decisions: readonly ScheduleDecision[]): ScheduleChanges {
  const ordered = inOrder(decisions);
  const skipped = new Map<string, ScheduleDecision & { kind: "skip" }>();
  const moved = new Map<string, ScheduleDecision & { kind: "move" }>();
  for (const { decision } of ordered) {
    if (decision.kind === "skip") skipped.set(decision.date, decision);
    else if (decision.kind === "unskip") skipped.delete(decision.date);
    else moved.set(decision.date, decision);
  }
  return { skipped, moved, decisions };
}

/** The changes recorded across a series' meeting issues (any order: they are read oldest first by number). */
export function changesIn(issues: ReadonlyArray<{ number: number; body: string }>, seriesId: string): ScheduleChanges {
  const oldestFirst = [...issues].sort((a, b) => a.number - b.number);
  return resolveChanges(oldestFirst.flatMap((issue) => parseDecisions(issue.body, seriesId)));
}

/**
 * The decisions a new meeting issue carries forward: those in force about meetings on or after
 * `fromDate`, oldest first, as markers (one per line). Empty when there are none.
 */
export function pendingDecisions(seriesId: string, changes: ScheduleChanges, fromDate: string): string {
  const pending = [...changes.skipped.values(), ...changes.moved.values()]
    .filter((decision) => decision.date >= fromDate)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return pending.map((decision) => formatDecision(seriesId, decision)).join("\n");
}

/** Whether the command `cmd` already decided something (a redelivered or retried command). */
export function decidedBy(changes: ScheduleChanges, cmd: string): ScheduleDecision | undefined {
  return changes.decisions.find((decision) => decision.cmd === cmd);
}

/**
 * A decision about the same date made after the one `cmd` recorded (in the order `resolveChanges`
 * reads them), if any: a retry of an older command must not undo it (a skip run again after a
 * later unskip of the same meeting stays undone).
 */
export function supersededBy(changes: ScheduleChanges, cmd: string): ScheduleDecision | undefined {
  const ordered = inOrder(changes.decisions);
  const own = ordered.findLastIndex(({ decision }) => decision.cmd === cmd);
  if (own < 0) return undefined;
  const { date } = (ordered[own] as { decision: ScheduleDecision }).decision;
  return ordered.slice(own + 1).find(({ decision }) => decision.date === date && decision.cmd !== cmd)?.decision;
}

/** Decisions as they were made: by `at`, and among equal times in the order they were written. */
function inOrder(decisions: readonly ScheduleDecision[]): Array<{ decision: ScheduleDecision; index: number }> {
  return decisions.map((decision, index) => ({ decision, index })).sort((a, b) => (a.decision.at < b.decision.at ? -1 : a.decision.at > b.decision.at ? 1 : a.index - b.index));
}

function toDecision(fields: MarkerFields): ScheduleDecision | null {
  const { by, at, cmd } = fields;
  if (!by || !LOGIN.test(by) || !at || !INSTANT.test(at)) return null;
  const base = { by, at, ...(cmd !== undefined && COMMAND.test(cmd) ? { cmd } : {}) };
  if (fields.skip !== undefined && DATE.test(fields.skip)) {
    const number = fields.number !== undefined && NUMBER.test(fields.number) ? { number: fields.number } : {};
    return { kind: "skip", date: fields.skip, ...base, ...number };
  }
  if (fields.unskip !== undefined && DATE.test(fields.unskip)) return { kind: "unskip", date: fields.unskip, ...base };
  if (fields.move !== undefined && DATE.test(fields.move) && fields.to !== undefined && INSTANT.test(fields.to)) {
    return { kind: "move", date: fields.move, to: fields.to, ...base };
  }
  return null;
}

/**
 * Whether a meeting issue's own meeting is skipped, from its body alone (its occurrence marker and
 * the decisions in it); `dateOf` turns an occurrence key into its regular date.
 */
export function isSkippedMeetingBody(body: string, seriesId: string, dateOf: (key: string) => string | undefined): boolean {
  const own = parseMarkers(body).findLast((fields) => fields.series === seriesId && fields.occurrence);
  const date = own?.occurrence ? dateOf(own.occurrence) : undefined;
  return date !== undefined && resolveChanges(parseDecisions(body, seriesId)).skipped.has(date);
}
