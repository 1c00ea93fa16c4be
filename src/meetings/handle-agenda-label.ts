import type { DateTime } from "luxon";
import type { Context } from "probot";
import { scheduleSpec } from "../config/schedule-spec.js";
import type { SeriesConfig } from "../config/schema.js";
import { threadItemText } from "../core/agenda-item.js";
import type { AgendaOutcome, AgendaRequest } from "../core/apply-agenda-commands.js";
import { findMarker } from "../core/markers.js";
import { upcomingOccurrence, type Occurrence } from "../core/schedule.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import type { RepoEntry } from "./repo-entry.js";
import { agendaEditor, editMeetingIssue, type MeetingIssueRef } from "./agenda-editor.js";
import type { IssueEditQueue } from "./issue-edit-queue.js";
import { MeetingSkippedError } from "./meeting-skipped-error.js";

export interface AgendaLabelDeps {
  now(): DateTime;
  edits: IssueEditQueue;
  repo(fullName: string): RepoEntry | undefined;
  meetingIssue(entry: RepoEntry, series: SeriesConfig, occurrence: Occurrence): Promise<MeetingIssueRef>;
  /** Drop what is known of an occurrence's issue (it was deleted or transferred). */
  forgetMeetingIssue(entry: RepoEntry, series: SeriesConfig, occurrence: Occurrence): void;
  /** The next meeting that takes place (skips and moves by `/meeting` known); default: the config's schedule. */
  upcoming?(entry: RepoEntry, series: SeriesConfig): Occurrence;
}

type ThreadEvent = Context<"issues"> | Context<"pull_request">;

/**
 * The agenda label (`meeting-agenda` by default) proposes an issue or PR for the agenda, like
 * Node.js's `tsc-agenda`: labelling it adds it to the upcoming meeting's agenda at once, and every
 * new meeting issue lists the threads still labelled. Also keeps the cached list of labelled
 * threads current (labels, state and title changes), so creating a meeting needs no request for it.
 */
export async function handleAgendaLabel(context: ThreadEvent, deps: AgendaLabelDeps): Promise<void> {
  const payload = context.payload;
  const entry = deps.repo(payload.repository.full_name);
  if (!entry || entry.setup.status !== "ready") return;
  const thread = "pull_request" in payload ? payload.pull_request : (payload as Context<"issues">["payload"]).issue;
  if (!thread) return;
  const labels = (thread.labels ?? []).map((label) => (typeof label === "string" ? label : (label?.name ?? "")));
  const open = thread.state === "open";

  for (const label of new Set(entry.setup.config.series.map((series) => series.agenda.label))) {
    const cached = entry.proposals.get(label);
    if (!cached) continue;
    if (open && labels.includes(label)) cached.set(thread.number, { number: thread.number, title: thread.title, author: thread.user?.login ?? "ghost" });
    else cached.delete(thread.number);
  }

  if (payload.action !== "labeled" || !open) return;
  const added = (payload as { label?: { name: string } }).label?.name;
  // Several series may share a label (the default one, `meeting-agenda`): the default series takes it, as `/agenda` does.
  const sharing = entry.setup.config.series.filter((candidate) => candidate.agenda.label === added);
  const series = sharing.find((candidate) => candidate.default) ?? sharing[0];
  if (!series) return;
  // A meeting issue is not proposed for its own (or another) agenda.
  if (findMarker(thread.body ?? "", (fields) => fields.series !== undefined && fields.occurrence !== undefined)) return;

  const request: AgendaRequest = {
    kind: "add",
    text: threadItemText({ number: thread.number, title: thread.title.length > 200 ? `${thread.title.slice(0, 199)}…` : thread.title }),
    author: payload.sender.login,
    source: { label: true, issue: thread.number },
  };
  const ref: RepoRef = { owner: payload.repository.owner.login, repo: payload.repository.name };
  const propose = (occurrence: Occurrence) =>
    editMeetingIssue<AgendaOutcome>(
      () => deps.meetingIssue(entry, series, occurrence),
      () => deps.forgetMeetingIssue(entry, series, occurrence),
      (target) =>
        deps.edits.submit(
          `${ref.owner}/${ref.repo}#${target.number}`,
          request,
          agendaEditor(context.octokit as unknown as GitHubClient, ref, target, series.agenda.section, [series.agenda.section, ...series.carryOver]),
        ),
    );
  const upcoming = () => (deps.upcoming ? deps.upcoming(entry, series) : upcomingOccurrence(scheduleSpec(series), deps.now()));
  // The upcoming meeting turned out skipped (`/meeting skip`): what was learned on the way chooses again.
  const { meeting, outcome } = await propose(upcoming()).catch((error: unknown) => {
    if (error instanceof MeetingSkippedError) return propose(upcoming());
    throw error;
  });
  context.log.info({ repo: payload.repository.full_name, thread: thread.number, meeting: meeting.number, outcome: outcome.status }, "agenda label");
}
