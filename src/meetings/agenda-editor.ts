import { applyAgendaCommands, type AgendaOutcome, type AgendaRequest } from "../core/apply-agenda-commands.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import type { IssueEditor } from "./issue-edit-queue.js";

/** The meeting issue an agenda command lands on. */
export interface MeetingIssueRef {
  number: number;
  title: string;
  htmlUrl: string;
}

/** The meeting issue is locked: its agenda must not change. */
export class MeetingIssueLockedError extends Error {
  override readonly name = "MeetingIssueLockedError";
}

/** Read the meeting issue fresh, apply a batch of agenda changes (pure), write the body once. */
export function agendaEditor(
  octokit: GitHubClient,
  ref: RepoRef,
  meeting: MeetingIssueRef,
  section: string,
  /** Every section name of the series, so a `Name:` line of another section ends the agenda. */
  names: readonly string[],
): IssueEditor<AgendaRequest, AgendaOutcome> {
  return {
    read: async () => {
      const { data } = await octokit.rest.issues.get({ ...ref, issue_number: meeting.number });
      if (data.locked) throw new MeetingIssueLockedError(`${ref.owner}/${ref.repo}#${meeting.number} is locked`);
      return data.body ?? "";
    },
    // Writing the same body twice is harmless, so Octokit's retries are fine here.
    write: async (body) => {
      await octokit.rest.issues.update({ ...ref, issue_number: meeting.number, body });
    },
    apply: (body, requests) => applyAgendaCommands(body, section, requests, names),
  };
}
