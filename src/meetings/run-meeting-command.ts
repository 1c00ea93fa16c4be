import type { DateTime } from "luxon";
import type { SeriesConfig } from "../config/schema.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import { feedUrl, type CalendarSite } from "../core/calendar-links.js";
import type { MeetingCommand } from "../core/meeting-command.js";
import { meetingHelp } from "../core/meeting-help.js";
import { planScheduleChange, type ScheduleStep, type SeriesIssue } from "../core/plan-schedule-change.js";
import { decidedBy, resolveChanges, supersededBy, type ScheduleChanges } from "../core/schedule-changes.js";
import type { IssueTemplate } from "../core/issue-template.js";
import { meetingOnDate } from "../core/meeting-schedule.js";
import { occurrenceAt, type Occurrence } from "../core/schedule.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { NO_RETRY, writeOnce } from "../github/write-once.js";
import { LeaseBusyError } from "../store/lease-busy-error.js";
import type { Store } from "../store/store.js";
import { withLease } from "../store/with-lease.js";
import { rewriteEditor } from "./agenda-editor.js";
import { ensureLeaseKey } from "./ensure-lease-key.js";
import type { AgendaComment } from "./agenda-comment.js";
import type { IssueEditQueue } from "./issue-edit-queue.js";
import type { RepoEntry } from "./repo-entry.js";

/** What `/meeting` commands need besides `/agenda`'s (see `AgendaDeps.meetings`). */
export interface MeetingCommandDeps {
  now(): DateTime;
  store: Store;
  edits: IssueEditQueue;
  /** The series' meeting issues the app opened (newest first) and the changes recorded in them. */
  seriesIssues(entry: RepoEntry, series: SeriesConfig, octokit: GitHubClient): Promise<{ issues: SeriesIssue[]; changes: ScheduleChanges }>;
  /** The changes are now these (written to GitHub): the scheduler looks at the series again. */
  learned(entry: RepoEntry, series: SeriesConfig, changes: ScheduleChanges): void;
  /** The one creation path (ensureMeetingIssue): opens a meeting's issue that is due, carries into one opened early. */
  ensure(entry: RepoEntry, seriesId: string, occurrence: Occurrence): Promise<{ issue: { number: number } | null }>;
  /** The series' calendar links, when the app knows its public URL. */
  calendar(entry: RepoEntry, series: SeriesConfig): CalendarSite | undefined;
}

/** What one command came to, for the reaction and the reply (as `/agenda`'s). */
export interface MeetingCommandResult {
  ok: boolean;
  message?: string;
  rerun?: boolean;
}

export interface MeetingCommandScope {
  comment: AgendaComment;
  entry: RepoEntry;
  series: SeriesConfig;
  octokit: GitHubClient;
  ref: RepoRef;
  deps: MeetingCommandDeps;
}

const LEASE_MS = 60_000;
const KIND: Record<AgendaComment["kind"], string> = { "issue-comment": "comment", "review-comment": "review-comment", review: "review" };

/**
 * One allowed `/meeting` command (help and permission are the caller's): read the series' issues
 * → plan the change (pure) → apply its steps, each idempotent → tell the scheduler. Commands of
 * one series run one at a time (a store lease, so across replicas too): the plan reads the
 * changes the previous command wrote. A command that had run before (a redelivery, a retry after
 * a failure half-way) is recognised by its id in the decision it recorded, and only finishes its
 * steps.
 */
export async function runMeetingCommand(command: MeetingCommand, scope: MeetingCommandScope): Promise<MeetingCommandResult> {
  const { entry, series, deps } = scope;
  if (command.kind === "help") return { ok: true };
  if (command.kind === "calendar") {
    const site = deps.calendar(entry, series);
    if (!site) {
      return {
        ok: false,
        message: "This meeting-bot has no public URL, so it serves no calendar feed: its operator can set `PUBLIC_URL` (see the README's Calendar section). Each meeting issue's `{{calendar}}` links still add a meeting to Google Calendar.",
      };
    }
    return { ok: true, message: `Subscribe to every meeting of this series in your calendar app: ${feedUrl(site)}\n\nKeep this link within the team: it works without a GitHub login.` };
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await withLease(deps.store, `meeting:${scope.ref.owner}/${scope.ref.repo}:${series.id}`, LEASE_MS, () => change(command as MeetingCommand & { kind: "skip" | "unskip" | "cancel" | "move" }, scope));
    } catch (error) {
      if (!(error instanceof LeaseBusyError) || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2_000)));
    }
  }
}

async function change(command: MeetingCommand & { kind: "skip" | "unskip" | "cancel" | "move" }, scope: MeetingCommandScope): Promise<MeetingCommandResult> {
  const { entry, series } = scope;
  if (entry.setup.status !== "ready") return { ok: false };
  const template = entry.setup.templates.get(series.template);
  if (!template) throw new Error(`${scope.ref.owner}/${scope.ref.repo}: template ${series.template} was not loaded`);
  const first = await planFromGitHub(command, scope, template);
  // A skip or move of a meeting with no issue yet must not cross that issue's creation (which
  // would miss the decision): decide again holding the creation's lease, on a fresh read.
  if (first.plan.outcome === "changed" && !first.plan.issue && first.plan.decision.kind !== "unskip") {
    const target = meetingOnDate(scheduleSpec(series), first.plan.decision.date)?.occurrence.key;
    if (target) {
      return withLease(scope.deps.store, ensureLeaseKey(scope.ref, series.id, target), LEASE_MS, async () => apply(await planFromGitHub(command, scope, template), scope));
    }
  }
  return apply(first, scope);
}

type Planned = { plan: ReturnType<typeof planScheduleChange>; rerun: boolean; since: string };

/** Read the series' issues (and the changes recorded in them), and plan the command on them. */
async function planFromGitHub(command: MeetingCommand & { kind: "skip" | "unskip" | "cancel" | "move" }, scope: MeetingCommandScope, template: IssueTemplate): Promise<Planned> {
  const { comment, entry, series, octokit, deps } = scope;
  const { issues, changes: read } = await deps.seriesIssues(entry, series, octokit);
  const cmd = `${KIND[comment.kind]}-${comment.id}-${command.line}`.replace(/[^a-z0-9-]/g, "");
  // Run before (redelivery, retry): plan again as if it had not, so its steps are finished, none twice.
  const recorded = decidedBy(read, cmd);
  const rerun = recorded !== undefined;
  // A later command about the same meeting stands: this one, run again, must not undo it.
  const newer = rerun ? supersededBy(read, cmd) : undefined;
  if (newer) {
    const plan = { outcome: "unchanged" as const, message: `Nothing more to do: @${newer.by}'s later \`/meeting ${newer.kind}\` of the meeting of ${newer.date} stands.` };
    return { plan, rerun, since: comment.createdAt };
  }
  const changes = rerun ? resolveChanges(read.decisions.filter((decision) => decision.cmd !== cmd)) : read;
  const thread = issues.find((issue) => issue.number === comment.thread.number);
  const calendar = deps.calendar(entry, series);
  const plan = planScheduleChange({
    command,
    series,
    template,
    changes,
    issues,
    thread: { number: comment.thread.number, ...(thread ? { occurrence: thread.occurrence } : {}) },
    now: deps.now(),
    by: comment.user?.login ?? "ghost",
    at: `${new Date(comment.createdAt).toISOString().slice(0, 19)}Z`,
    cmd,
    ...(recorded ? { recorded } : {}),
    ...(calendar ? { calendar } : {}),
  });
  return { plan, rerun, since: comment.createdAt };
}

/** Apply a planned change, step by step, and tell the scheduler. */
async function apply({ plan, rerun, since }: Planned, scope: MeetingCommandScope): Promise<MeetingCommandResult> {
  if (plan.outcome === "refused") return { ok: false, message: plan.message };
  if (plan.outcome === "unchanged") return { ok: true, message: plan.message, ...(rerun ? { rerun: true } : {}) };
  const opened = new Map<string, number>();
  for (const step of plan.steps) await applyStep(step, scope, since, opened);
  scope.deps.learned(scope.entry, scope.series, plan.changes);
  return { ok: true, ...(plan.message ? { message: plan.message } : {}), ...(rerun ? { rerun: true } : {}) };
}

/** One step, idempotent: a rerun of the command finds each step's work done and moves on. */
async function applyStep(step: ScheduleStep, scope: MeetingCommandScope, since: string, opened: Map<string, number>): Promise<void> {
  const { octokit, ref, deps, entry, series } = scope;
  switch (step.kind) {
    case "edit-body":
      // In turn with `/agenda` edits of the same issue, so neither overwrites the other.
      await deps.edits.submit(`${ref.owner}/${ref.repo}#${step.issue}`, step.rewrite, rewriteEditor(octokit, ref, step.issue));
      return;
    case "update-issue":
      await octokit.rest.issues.update({
        ...ref,
        issue_number: step.issue,
        ...(step.title ? { title: step.title } : {}),
        ...(step.state ? { state: step.state } : {}),
        ...(step.stateReason ? { state_reason: step.stateReason } : {}),
      });
      return;
    case "comment": {
      const posted = async () => {
        const { data } = await octokit.rest.issues.listComments({ ...ref, issue_number: step.issue, since, per_page: 100 });
        return data.some((reply) => reply.user?.type === "Bot" && reply.body?.includes(step.marker)) ? true : null;
      };
      if (await posted()) return;
      await writeOnce(
        async () => {
          await octokit.rest.issues.createComment({ ...ref, issue_number: step.issue, body: step.body, ...NO_RETRY });
          return true;
        },
        posted,
        { retries: 2 },
      );
      return;
    }
    case "ensure": {
      const occurrence = occurrenceAt(scheduleSpec(series), step.occurrence);
      const issue = occurrence ? (await deps.ensure(entry, series.id, occurrence)).issue : null;
      if (issue) opened.set(step.occurrence, issue.number);
      return;
    }
    case "follow": {
      const previous = typeof step.previous === "number" ? step.previous : opened.get(step.previous.opened);
      // Thrown as a GitHub failure would be: the command is run again, and the ensure finds the issue.
      if (previous === undefined) throw new Error(`${ref.owner}/${ref.repo}: the issue of the meeting ${JSON.stringify(step.previous)} was not opened`);
      await deps.edits.submit(`${ref.owner}/${ref.repo}#${step.issue}`, (body) => step.rewrite(body, previous), rewriteEditor(octokit, ref, step.issue));
      return;
    }
  }
}

/** The reply to `/meeting` and `/meeting help`, and to commands we could not read. */
export function meetingHelpFor(seriesIds: readonly string[], timezone: string, problem?: string): string {
  return meetingHelp({ seriesIds, timezone, ...(problem ? { problem } : {}) });
}
