import type { DateTime } from "luxon";
import type { Logger } from "probot";
import { scheduleSpec } from "../config/schedule-spec.js";
import type { SeriesConfig } from "../config/schema.js";
import { inlineCode, parseAgendaCommands, type AgendaCommand } from "../core/agenda-command.js";
import { agendaHelp } from "../core/agenda-help.js";
import { sanitizeItemText, threadItemText } from "../core/agenda-item.js";
import { decideAgendaPermission } from "../core/agenda-permission.js";
import type { AgendaOutcome, AgendaRequest } from "../core/apply-agenda-commands.js";
import { parseMarkdown } from "../core/markdown.js";
import { findMarker } from "../core/markers.js";
import { parseMeetingCommands, type MeetingCommand } from "../core/meeting-command.js";
import { occurrenceAt, upcomingOccurrence, type Occurrence } from "../core/schedule.js";
import { isSkippedMeetingBody } from "../core/schedule-changes.js";
import { MeetingSkippedError } from "./meeting-skipped-error.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { statusOf } from "../github/is-transient-error.js";
import { NO_RETRY, writeOnce } from "../github/write-once.js";
import type { RepoEntry } from "./repo-entry.js";
import type { Store } from "../store/store.js";
import type { AgendaComment, AgendaCommentKind } from "./agenda-comment.js";
import { agendaEditor, editMeetingIssue, MeetingIssueLockedError, type MeetingIssueRef } from "./agenda-editor.js";
import type { IssueEditQueue } from "./issue-edit-queue.js";
import { meetingHelpFor, runMeetingCommand, type MeetingCommandDeps } from "./run-meeting-command.js";

type Command = { of: "agenda"; command: AgendaCommand } | { of: "meeting"; command: MeetingCommand };

export interface AgendaDeps {
  now(): DateTime;
  store: Store;
  edits: IssueEditQueue;
  repo(fullName: string): RepoEntry | undefined;
  /** The issue of an occurrence, created through the scheduler's one idempotent path if missing. */
  meetingIssue(entry: RepoEntry, series: SeriesConfig, occurrence: Occurrence): Promise<MeetingIssueRef>;
  /** Drop what is known of an occurrence's issue (it was deleted or transferred). */
  forgetMeetingIssue(entry: RepoEntry, series: SeriesConfig, occurrence: Occurrence): void;
  /** The next meeting that takes place (skips and moves by `/meeting` known); default: the config's schedule. */
  upcoming?(entry: RepoEntry, series: SeriesConfig): Occurrence;
  /** `/meeting` commands, read from the same comments; without it they are ignored. */
  meetings?: MeetingCommandDeps;
  /** Told each command's outcome (metrics). */
  onCommand?(ok: boolean): void;
}

/** What a run needs of GitHub: the installation's client and a logger. */
export interface AgendaClient {
  octokit: GitHubClient;
  log: Logger;
}

/** What one command came to, for the reaction and the reply. */
interface CommandResult {
  ok: boolean;
  /** A line for the reply; none when the reaction says it all. */
  message?: string;
  /** The command had run before (a redelivery, or a retry after a failure half-way). */
  rerun?: boolean;
}

// Long enough to cover GitHub's redelivery window; the hidden item markers guard beyond it.
const SEEN_MS = 3 * 24 * 3_600_000;
/** How long a run holds its comment without renewing: a run whose process died frees it within this. */
export const RUN_LEASE_MS = 30_000;

/**
 * `/agenda` commands in a new comment on any issue or PR (conversation, diff or review summary):
 * parse (pure) → check who asks → add or remove items on the upcoming meeting's agenda through the
 * coalescing edit queue → one reaction (👍 or 😕) and, where useful, one reply. A comment with no
 * command costs no API call at all.
 */
export async function runAgendaComment(comment: AgendaComment, client: AgendaClient, deps: AgendaDeps): Promise<void> {
  const { repository } = comment;
  // A deleted ("ghost") user has no user object; bots (this app too) never give commands.
  if (!comment.user || comment.user.type === "Bot" || comment.user.login.endsWith("[bot]")) return;
  // Most comments are not commands: a substring test is far cheaper than parsing Markdown.
  if (!/\/(?:agenda|meeting)/i.test(comment.body)) return;
  const tree = parseMarkdown(comment.body);
  // Both kinds, in the order they were written: `/meeting skip` then `/agenda add` adds to the next meeting.
  const commands: Command[] = [
    ...parseAgendaCommands(comment.body, tree).map((command) => ({ of: "agenda" as const, command })),
    ...(deps.meetings ? parseMeetingCommands(comment.body, tree).map((command) => ({ of: "meeting" as const, command })) : []),
  ].sort((a, b) => a.command.line - b.command.line);
  if (commands.length === 0) return;

  const entry = deps.repo(repository.fullName);
  const { log, octokit } = client;
  const logged = { repo: repository.fullName, [KEY_PREFIX[comment.kind]]: comment.id };
  if (!entry || entry.setup.status === "unconfigured") {
    // A repo that did not opt in gets no writes at all, not even a refusal.
    log.info(logged, "ignoring /agenda and /meeting: the repository has no .github/meeting-bot.yml");
    return;
  }
  // Comment and review ids are only unique within their kind.
  const seenKey = `${KEY_PREFIX[comment.kind]}:${repository.fullName}:${comment.id}`;
  // One run of a comment at a time, across replicas. The lease is held (and renewed) while the run
  // lasts, so when its holder dies it frees itself within RUN_LEASE_MS; a redelivery meanwhile is
  // run after that (CommandBusyError), never dropped.
  const lease = await deps.store.acquire(`command:${seenKey}`, RUN_LEASE_MS);
  if (!lease) throw new CommandBusyError(seenKey, deps.now().toMillis() + RUN_LEASE_MS);
  const renew = setInterval(() => void lease.extend(RUN_LEASE_MS).catch(() => undefined), RUN_LEASE_MS / 3);
  try {
    // "Seen" is written when the run is done, so a run cut short (a crash) is run again.
    if (await deps.store.isRemembered(seenKey)) {
      log.debug(logged, "ignoring a redelivered /agenda comment");
      return;
    }
    const ref: RepoRef = { owner: repository.owner, repo: repository.name };
    const results: CommandResult[] = [];
    for (const { of, command } of commands) {
      const scope = { comment, deps, entry, octokit, ref };
      results.push(of === "agenda" ? await runCommand(command as AgendaCommand, scope) : await runMeeting(command as MeetingCommand, scope));
    }
    await respond(octokit, ref, comment, results);
    for (const result of results) deps.onCommand?.(result.ok);
    await deps.store.remember(seenKey, SEEN_MS);
  } finally {
    clearInterval(renew);
    await lease.release().catch(() => undefined);
  }
}

/** Another run of the same comment holds its lease (another replica, or one that died): run it at `retryAtMs`. */
export class CommandBusyError extends Error {
  override readonly name = "CommandBusyError";

  constructor(
    readonly key: string,
    readonly retryAtMs: number,
  ) {
    super(`another process is running the /agenda comment ${key}`);
  }
}

/**
 * Tell the commenter their command could not be run (best effort: GitHub may still be failing):
 * 😕 and one reply naming GitHub's answer. For commands the app gave up on, or that GitHub refused
 * for good; nothing is said while a retry is still to come.
 */
export async function reportAgendaFailure(client: AgendaClient, comment: AgendaComment, error: unknown, why: string): Promise<void> {
  const status = statusOf(error);
  const said = String((error as { message?: unknown } | null)?.message ?? error).split("\n")[0]?.slice(0, 200) ?? "";
  const answer = status === undefined ? `no answer from GitHub (${said})` : `GitHub answered ${status}: ${said}`;
  const message = `meeting-bot could not run this command: ${why} (${answer}). Check the meeting issue, and write the command again if it is not done.`;
  const ref: RepoRef = { owner: comment.repository.owner, repo: comment.repository.name };
  try {
    await respond(client.octokit, ref, comment, [{ ok: false, message, rerun: true }]);
  } catch (failure) {
    client.log.warn({ repo: comment.repository.fullName, comment: comment.htmlUrl, err: failure }, "could not tell the commenter that their /agenda command failed");
  }
}

const KEY_PREFIX: Record<AgendaCommentKind, string> = { "issue-comment": "comment", "review-comment": "reviewComment", review: "review" };

interface CommandScope {
  comment: AgendaComment;
  deps: AgendaDeps;
  entry: RepoEntry;
  octokit: GitHubClient;
  ref: RepoRef;
}

/** The series a command names (or the default), or why there is none to use. */
function seriesFor(entry: RepoEntry, named: string | undefined): { series: SeriesConfig; all: readonly SeriesConfig[] } | CommandResult {
  if (entry.setup.status === "unconfigured") return { ok: false };
  if (entry.setup.status === "invalid") {
    return { ok: false, message: `meeting-bot cannot use this repository's meeting config, so nothing was changed:\n\n\`\`\`\n${entry.setup.message}\n\`\`\`` };
  }
  const all = entry.setup.config.series;
  const series = named === undefined ? defaultSeries(all) : all.find((s: SeriesConfig) => s.id === named);
  if (!series) {
    const ids = all.map((s: SeriesConfig) => `\`${s.id}\``).join(", ");
    return { ok: false, message: `There is no meeting series \`${named ?? ""}\` here; the series are ${ids}.` };
  }
  return { series, all };
}

/** Whether the author may change the series' meetings (`agenda.allow`, for `/agenda` and `/meeting` alike); the refusal when not. */
async function mayChange(scope: CommandScope, series: SeriesConfig, what: string, ask: string): Promise<CommandResult | null> {
  const { comment } = scope;
  const author = comment.user as NonNullable<typeof comment.user>;
  const permission = decideAgendaPermission(series.agenda.allow, { login: author.login, association: comment.authorAssociation, type: author.type });
  const allowed = permission === "allowed" || (permission === "ask-teams" && (await isTeamMember(scope.octokit, series.agenda.allow.teams, author.login)));
  if (allowed) return null;
  return {
    ok: false,
    message: `Sorry @${author.login}, only the team can change ${what} (see \`agenda.allow\` in \`.github/meeting-bot.yml\`). ${ask}`,
  };
}

async function runMeeting(command: MeetingCommand, scope: CommandScope): Promise<CommandResult> {
  const meetings = scope.deps.meetings;
  if (!meetings) return { ok: false };
  const found = seriesFor(scope.entry, command.kind === "help" ? undefined : command.series);
  if (!("series" in found)) return found;
  const { series, all } = found;
  if (command.kind === "help") {
    return { ok: command.problem === undefined, message: meetingHelpFor(all.map((s) => s.id), series.schedule.timezone, command.problem) };
  }
  const refused = await mayChange(scope, series, "the meetings", "Ask a maintainer to do it for you.");
  if (refused) return refused;
  return runMeetingCommand(command, { comment: scope.comment, entry: scope.entry, series, octokit: scope.octokit, ref: scope.ref, deps: meetings });
}

async function runCommand(command: AgendaCommand, scope: CommandScope): Promise<CommandResult> {
  const { comment, deps, entry } = scope;
  const issue = comment.thread;
  const author = comment.user as NonNullable<typeof comment.user>;
  const found = seriesFor(entry, command.kind === "help" ? undefined : command.series);
  if (!("series" in found)) return found;
  const { series } = found;
  if (command.kind === "help") {
    return { ok: command.problem === undefined, message: agendaHelp({ seriesIds: found.all.map((s: SeriesConfig) => s.id), section: series.agenda.section, ...(command.problem ? { problem: command.problem } : {}) }) };
  }
  const refused = await mayChange(scope, series, "the meeting agenda", "Ask a maintainer to add it for you.");
  if (refused) return refused;

  const thisIsAMeeting = findMarker(issue.body ?? "", (fields) => fields.series !== undefined && fields.occurrence !== undefined) !== undefined;
  let request: AgendaRequest;
  if (command.kind === "add") {
    let text = command.text;
    if (text === "") {
      if (thisIsAMeeting) return { ok: false, message: "Say what to add, e.g. `/agenda add Discuss the roadmap`." };
      // "Add this thread": its number and title (a long title is shortened, it is not the user's text).
      text = threadItemText({ number: issue.number, title: issue.title.length > 200 ? `${issue.title.slice(0, 199)}…` : issue.title });
    }
    const clean = sanitizeItemText(text);
    if (!clean.ok) return { ok: false, message: `Not added: ${clean.reason}.` };
    request = {
      kind: "add",
      text: clean.text,
      author: author.login,
      ...(thisIsAMeeting ? {} : { thread: { number: issue.number } }),
      source: { commentId: comment.id, index: command.index, ...(comment.kind === "issue-comment" ? {} : { on: comment.kind }) },
    };
  } else {
    request = { kind: "remove", target: command.target };
  }

  let edited: { meeting: MeetingIssueRef; outcome: AgendaOutcome } | undefined;
  // The upcoming meeting as known; when it turns out skipped (another replica's `/meeting skip`,
  // read from GitHub on the way), choose again with what was learned.
  for (let attempt = 0; !edited; attempt++) {
    const occurrence = deps.upcoming ? deps.upcoming(entry, series) : upcomingOccurrence(scheduleSpec(series), deps.now());
    const skipped = (body: string) => isSkippedMeetingBody(body, series.id, (key) => occurrenceAt(scheduleSpec(series), key)?.date);
    try {
      edited = await editMeetingIssue(
        () => deps.meetingIssue(entry, series, occurrence),
        () => deps.forgetMeetingIssue(entry, series, occurrence),
        (target) =>
          deps.edits.submit(
            `${scope.ref.owner}/${scope.ref.repo}#${target.number}`,
            request,
            agendaEditor(scope.octokit, scope.ref, target, series.agenda.section, [series.agenda.section, ...series.carryOver], skipped),
          ),
      );
    } catch (error) {
      if (error instanceof MeetingIssueLockedError) {
        return { ok: false, message: `${link(error.meeting)} is locked, so its agenda cannot change. Unlock it, or add the item by hand.` };
      }
      if (!(error instanceof MeetingSkippedError) || attempt >= 2) throw error;
      deps.forgetMeetingIssue(entry, series, occurrence);
      if (deps.meetings) await deps.meetings.seriesIssues(entry, series, scope.octokit);
    }
  }
  const { meeting, outcome } = edited;
  const elsewhere = issue.number !== meeting.number;
  return describeOutcome(outcome, meeting, elsewhere);
}

function describeOutcome(outcome: AgendaOutcome, meeting: MeetingIssueRef, elsewhere: boolean): CommandResult {
  switch (outcome.status) {
    case "added":
      return elsewhere ? { ok: true, message: `Added to ${link(meeting)}.` } : { ok: true };
    case "already-done":
      // Same words as the first run: its reply may never have been posted; `respond` posts none twice.
      return elsewhere ? { ok: true, message: `Added to ${link(meeting)}.`, rerun: true } : { ok: true, rerun: true };
    case "duplicate":
      return { ok: true, message: `Already on the agenda of ${link(meeting)}: ${inlineCode(outcome.existing, 80)}` };
    case "removed":
      return elsewhere ? { ok: true, message: `Removed from ${link(meeting)}: ${inlineCode(outcome.text, 80)}` } : { ok: true };
    case "not-found":
      return { ok: false, message: `Nothing to remove: no unchecked agenda item of ${link(meeting)} matches.` };
    case "invalid":
      return { ok: false, message: `Not added: ${outcome.reason}.` };
    case "already-checked":
      return { ok: false, message: `Not removed: that item of ${link(meeting)} is already checked off.` };
    case "ambiguous":
      return { ok: false, message: `Not removed: several items of ${link(meeting)} match; say which one:\n${outcome.candidates.map((c) => `- ${inlineCode(c, 80)}`).join("\n")}` };
  }
}

/**
 * One reaction and at most one reply per comment, however many commands it held. A reaction is
 * idempotent on GitHub; a reply is not, so it is never re-sent blindly: after an unknown outcome,
 * or when the command had run before, the thread is searched for the same reply from the app first.
 * A review comment or review cannot take the app's reaction (see `AgendaCommentKind`): it always gets
 * the reply, in the PR's conversation, saying which note it answers.
 */
async function respond(octokit: GitHubClient, ref: RepoRef, comment: AgendaComment, results: CommandResult[]): Promise<void> {
  const ok = results.every((result) => result.ok);
  const messages = results.flatMap((result) => (result.message ? [result.message] : []));
  let body = messages.join("\n\n");
  if (comment.kind === "issue-comment") {
    await octokit.rest.reactions.createForIssueComment({ ...ref, comment_id: comment.id, content: ok ? "+1" : "confused" });
    if (messages.length === 0) return;
  } else {
    const where = comment.kind === "review" ? "review" : "review comment";
    body = `${ok ? "👍" : "😕"} [@${comment.user?.login ?? "ghost"}'s ${where}](${comment.htmlUrl}): ${body === "" ? "done." : body}`;
  }
  const issueNumber = comment.thread.number;
  const replied = async () => {
    const { data } = await octokit.rest.issues.listComments({ ...ref, issue_number: issueNumber, since: comment.createdAt, per_page: 100 });
    return data.some((reply) => reply.user?.type === "Bot" && reply.body === body) ? true : null;
  };
  if (results.some((result) => result.rerun) && (await replied())) return;
  await writeOnce(
    async () => {
      await octokit.rest.issues.createComment({ ...ref, issue_number: issueNumber, body, ...NO_RETRY });
      return true;
    },
    replied,
    { retries: 2 },
  );
}

async function isTeamMember(octokit: GitHubClient, teams: readonly string[], username: string): Promise<boolean> {
  for (const team of teams) {
    const [org = "", slug = ""] = team.split("/");
    try {
      const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username });
      if (data.state === "active") return true;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
  return false;
}

function defaultSeries(series: readonly SeriesConfig[]): SeriesConfig | undefined {
  return series.find((candidate) => candidate.default) ?? series[0];
}

function link(meeting: MeetingIssueRef): string {
  return `[${meeting.title}](${meeting.htmlUrl})`;
}
