import { applyAgendaCommands, type AgendaOutcome, type AgendaRequest } from "../core/apply-agenda-commands.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { isMovedIssue } from "../github/is-moved-issue.js";
import { statusOf } from "../github/is-transient-error.js";
import type { IssueEditor } from "./issue-edit-queue.js";
import { MeetingSkippedError } from "./meeting-skipped-error.js";

/** The meeting issue an agenda command lands on. */
export interface MeetingIssueRef {
  number: number;
  title: string;
  htmlUrl: string;
}

/** The meeting issue is locked: its agenda must not change. */
export class MeetingIssueLockedError extends Error {
  override readonly name = "MeetingIssueLockedError";

  constructor(
    message: string,
    /** The locked issue, for the reply. */
    readonly meeting: MeetingIssueRef,
  ) {
    super(message);
  }
}

/** The meeting issue was deleted (410), is not there (404) or was transferred (301): find or open the meeting's issue again. */
export class MeetingIssueGoneError extends Error {
  override readonly name = "MeetingIssueGoneError";
}

/**
 * Submit an edit to the meeting issue of an occurrence. The issue is usually known (cached); if it
 * turns out deleted or transferred since, forget it and submit once more to the issue found (or
 * opened) again through the one idempotent creation path.
 */
export async function editMeetingIssue<O>(
  meetingIssue: () => Promise<MeetingIssueRef>,
  forget: () => void,
  submit: (meeting: MeetingIssueRef) => Promise<O>,
): Promise<{ meeting: MeetingIssueRef; outcome: O }> {
  const meeting = await meetingIssue();
  try {
    return { meeting, outcome: await submit(meeting) };
  } catch (error) {
    if (!(error instanceof MeetingIssueGoneError)) throw error;
    forget();
    const again = await meetingIssue();
    return { meeting: again, outcome: await submit(again) };
  }
}

/** Read the meeting issue fresh, apply a batch of agenda changes (pure), write the body once. */
export function agendaEditor(
  octokit: GitHubClient,
  ref: RepoRef,
  meeting: MeetingIssueRef,
  section: string,
  /** Every section name of the series, so a `Name:` line of another section ends the agenda. */
  names: readonly string[],
  /** Whether the body read says its meeting is skipped (`/meeting skip`): then nothing is added to it. */
  skipped?: (body: string) => boolean,
): IssueEditor<AgendaRequest, AgendaOutcome> {
  return {
    kind: "agenda",
    read: async () => {
      const where = `${ref.owner}/${ref.repo}#${meeting.number}`;
      let data;
      try {
        ({ data } = await octokit.rest.issues.get({ ...ref, issue_number: meeting.number }));
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 || status === 410 || status === 301) throw new MeetingIssueGoneError(`${where} is gone (${status})`);
        throw error;
      }
      if (isMovedIssue(data, ref, meeting.number)) throw new MeetingIssueGoneError(`${where} was transferred to ${data.html_url}`);
      if (data.locked) throw new MeetingIssueLockedError(`${where} is locked`, meeting);
      if (skipped?.(data.body ?? "")) throw new MeetingSkippedError(`${where}: its meeting is skipped`);
      return data.body ?? "";
    },
    // Writing the same body twice is harmless, so Octokit's retries are fine here.
    write: async (body) => {
      await octokit.rest.issues.update({ ...ref, issue_number: meeting.number, body });
    },
    apply: (body, requests) => applyAgendaCommands(body, section, requests, names),
  };
}

/**
 * Read a meeting issue fresh, apply whole-body rewrites (pure functions, in order), write it once:
 * the app's own changes (the late carry-over), in turn with `/agenda` edits of the same issue.
 */
export function rewriteEditor(octokit: GitHubClient, ref: RepoRef, issueNumber: number): IssueEditor<(body: string) => string, void> {
  return {
    kind: "rewrite",
    read: async () => (await octokit.rest.issues.get({ ...ref, issue_number: issueNumber })).data.body ?? "",
    write: async (body) => {
      await octokit.rest.issues.update({ ...ref, issue_number: issueNumber, body });
    },
    apply: (body, rewrites) => ({ body: rewrites.reduce((current, rewrite) => rewrite(current), body), outcomes: rewrites.map(() => undefined) }),
  };
}
