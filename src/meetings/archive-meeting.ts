import { DateTime } from "luxon";
import type { Logger } from "probot";
import type { ArchiveConfig } from "../config/archive-schema.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import type { SeriesConfig } from "../config/schema.js";
import { formatMarker, parseMarkers } from "../core/markers.js";
import { ArchiveError, planArchive } from "../core/plan-archive.js";
import { occurrenceAt } from "../core/schedule.js";
import { commitFile, ensureBranch, ensurePullRequest, MissingPermissionError, readFileOn } from "../github/archive-writes.js";
import { repoName, type GitHubClient } from "../github/github-client.js";
import { isTransientError } from "../github/is-transient-error.js";
import type { Store } from "../store/store.js";
import { withLease } from "../store/with-lease.js";
import type { RepoEntry } from "./repo-entry.js";

const LEASE_MS = 2 * 60_000;
// How long "the app said the permission is missing" is remembered (per repository and permission).
const SAID_MS = 30 * 24 * 60 * 60_000;

/** A closed issue, as the `issues.closed` event gives it. */
export interface ClosedIssue {
  number: number;
  title: string;
  body: string;
  htmlUrl: string;
  author: { login: string; type: string };
  labels: string[];
}

export interface ArchiveMeetingInput {
  octokit: GitHubClient;
  log: Pick<Logger, "info" | "debug" | "warn" | "error">;
  store: Store;
  entry: RepoEntry;
  issue: ClosedIssue;
  defaultBranch: string;
  /** The app's login (`<slug>[bot]`): only its own meeting issues are archived (their markers are its own). */
  appLogin?: string;
}

export type ArchiveResult = "not-archived" | "unchanged" | "committed" | "pull-request" | "no-permission" | "failed";

/**
 * Keep a closed meeting as a file (opt-in, `archive:`): load the meeting (its marker names the
 * series and date; with `archive.comments`, its comments) → plan the file (pure) → commit it to
 * the default branch, or to a branch with a pull request. Idempotent: the same content is never
 * committed twice, a reopened and edited meeting updates its file, a redelivered event changes
 * nothing. Without the permission it needs, the app says so once (log and meeting issue) and
 * does nothing else.
 */
export async function archiveMeeting(input: ArchiveMeetingInput): Promise<ArchiveResult> {
  const { entry, issue, log } = input;
  const setup = entry.setup;
  if (setup.status !== "ready") return "not-archived";
  const fromApp = input.appLogin ? issue.author.login === input.appLogin : issue.author.type === "Bot";
  const marker = fromApp ? parseMarkers(issue.body).findLast((fields) => fields.series !== undefined && fields.occurrence !== undefined) : undefined;
  const series = marker && setup.config.series.find((candidate) => candidate.id === marker.series);
  // A meeting issue carries its series' label; the app's other issues (the onboarding issue) do not.
  const label = series?.labels[0]?.toLowerCase();
  if (!marker || !series?.archive || !issue.labels.some((name) => name.toLowerCase() === label)) return "not-archived";
  const template = setup.templates.get(series.template);
  if (!template) return "not-archived";
  const archived = series as SeriesConfig & { archive: ArchiveConfig };
  const context = { repo: repoName(entry.ref), issue: issue.number, series: series.id };

  return withLease(input.store, `archive:${repoName(entry.ref)}#${issue.number}`, LEASE_MS, async () => {
    const key = marker.occurrence as string;
    const start = occurrenceAt(scheduleSpec(series), key)?.start ?? DateTime.fromISO(key, { zone: "UTC" }).setZone(series.schedule.timezone);
    const comments = archived.archive.comments ? await meetingComments(input) : [];
    let plan;
    try {
      plan = planArchive({ series: archived, template, issue, start, comments });
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      log.error(context, `${repoName(entry.ref)}: ${error.message}`);
      return "failed";
    }
    const { octokit } = input;
    const ref = entry.ref;
    try {
      if (archived.archive.via === "commit") {
        const committed = await commitFile(octokit, ref, { path: plan.path, text: plan.content, branch: input.defaultBranch, message: plan.message });
        log.info({ ...context, path: plan.path }, committed ? `archived to ${plan.path}` : `${plan.path} is up to date`);
        return committed ? "committed" : "unchanged";
      }
      // Merged already (or written by hand the same): nothing to propose.
      if (!(await commitNeeded(input, plan.path, plan.content))) {
        log.info({ ...context, path: plan.path }, `${plan.path} is up to date`);
        return "unchanged";
      }
      const branch = `meeting-bot/archive-${issue.number}`;
      await ensureBranch(octokit, ref, branch, input.defaultBranch);
      await commitFile(octokit, ref, { path: plan.path, text: plan.content, branch, message: plan.message });
      const pull = await ensurePullRequest(octokit, ref, {
        head: branch,
        base: input.defaultBranch,
        title: plan.message,
        body: `The notes of ${issue.htmlUrl}, closed, as \`${plan.path}\` (\`archive\` in \`.github/meeting-bot.yml\`). Merge to keep them in the repository; if the meeting is reopened and edited, this branch is updated.`,
      });
      log.info({ ...context, path: plan.path, pull: pull.number }, pull.created ? `proposed ${plan.path} in #${pull.number}` : `updated #${pull.number} with ${plan.path}`);
      return "pull-request";
    } catch (error) {
      if (error instanceof MissingPermissionError) return reportMissingPermission(input, error, plan.path);
      if (isTransientError(error)) throw error; // the delivery fails; "Redeliver" runs it again, safely
      const hint = archived.archive.via === "commit" ? "; if the default branch is protected, set `archive.via: pull-request`" : "";
      log.error({ ...context, err: error, path: plan.path }, `could not archive ${issue.htmlUrl} to ${plan.path}: ${(error as Error).message}${hint}`);
      return "failed";
    }
  });
}

async function commitNeeded(input: ArchiveMeetingInput, path: string, content: string): Promise<boolean> {
  return (await readFileOn(input.octokit, input.entry.ref, path, input.defaultBranch))?.text !== content;
}

async function meetingComments(input: ArchiveMeetingInput) {
  const { octokit, entry, issue } = input;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...entry.ref, issue_number: issue.number, per_page: 100 });
  const own = (login: string | undefined, type: string | undefined) => (input.appLogin ? login === input.appLogin : type === "Bot");
  return comments
    .filter((comment) => !own(comment.user?.login, comment.user?.type))
    .map((comment) => ({ author: comment.user?.login ?? "ghost", createdAt: DateTime.fromISO(comment.created_at, { zone: "UTC" }), body: comment.body ?? "" }));
}

/**
 * Say once (per repository and permission, remembered by the store) what is missing and how to
 * grant it: an error in the log, and a comment on the meeting issue. Nothing else is written.
 */
async function reportMissingPermission(input: ArchiveMeetingInput, error: MissingPermissionError, path: string): Promise<ArchiveResult> {
  const { log, entry, issue, octokit } = input;
  const context = { repo: repoName(entry.ref), issue: issue.number, permission: error.permission };
  const first = await input.store.remember(`archive-permission:${repoName(entry.ref)}:${error.permission}`, SAID_MS);
  if (!first) {
    log.debug(context, "archive skipped: the permission is still missing (said before)");
    return "no-permission";
  }
  const grant = error.permission === "contents" ? "`contents: write`" : "`pull_requests: write` (with `archive.via: pull-request`)";
  log.error(context, `${repoName(entry.ref)}: cannot archive meetings to ${path}: the app's installation lacks ${grant}. The archive is the only feature that needs it: grant it in the app's settings (Permissions), then accept it in the installation's settings, or remove \`archive\` from .github/meeting-bot.yml`);
  const marker = formatMarker({ archive: "permission", missing: error.permission });
  const body = [
    `meeting-bot could not archive this meeting to \`${path}\`: the app lacks ${grant} in this repository.`,
    "",
    "The archive is the only feature that needs it. To turn it on, whoever administers the app adds the permission in the app's settings (Permissions & events), and an owner of this repository accepts it in the installation's settings (Settings → GitHub Apps → meeting-bot). To turn it off, remove `archive` from `.github/meeting-bot.yml`. Meeting issues are not affected either way; this is said once.",
    "",
    marker,
    "",
  ].join("\n");
  try {
    const { data } = await octokit.rest.issues.listComments({ ...entry.ref, issue_number: issue.number, per_page: 100 });
    if (!data.some((comment) => comment.body?.includes(marker))) await octokit.rest.issues.createComment({ ...entry.ref, issue_number: issue.number, body });
  } catch (commentError) {
    log.warn({ ...context, err: commentError }, "could not comment on the meeting issue about the missing permission");
  }
  return "no-permission";
}
