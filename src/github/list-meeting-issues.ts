import { neutralizeMarkers } from "../core/markers.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

/** What the app reads of an issue. */
export interface IssueSnapshot {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  locked: boolean;
  createdAt: string;
  htmlUrl: string;
  labels: string[];
}

// One page is enough: the issue of an occurrence and the one before it are the newest meeting
// issues the app opened, unless it opened more than this many of the label's issues since.
export const MEETING_ISSUES_PAGE = 30;

// Who may open a meeting issue by hand: the team. Anyone can open an issue, and the label comes
// with it when the meeting template lists it.
const TEAM = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/**
 * The newest issues carrying `label`, open or closed, newest first: one request.
 * Uses the issues list, not the Search API, whose index lags behind writes by up to a minute.
 *
 * - `creator` (the app's own login, `<slug>[bot]`): only the issues the app opened, which no one
 *   else can add to, so issues others open cannot push the app's meetings off the page.
 * - without it: the issues the app or the team (owner, member, collaborator) opened; other
 *   people's issues are left out. Only the app's issues keep their hidden markers: in the team's
 *   a marker is defused, so it cannot pass for a meeting the app created.
 */
export async function listMeetingIssues(
  octokit: GitHubClient,
  ref: RepoRef,
  label: string,
  options: { creator?: string } = {},
): Promise<IssueSnapshot[]> {
  const { data } = await octokit.rest.issues.listForRepo({
    ...ref,
    labels: label,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: MEETING_ISSUES_PAGE,
    ...(options.creator ? { creator: options.creator } : {}),
  });
  return data
    .filter((issue) => !issue.pull_request)
    .filter((issue) => issue.user?.type === "Bot" || TEAM.has(issue.author_association ?? ""))
    .map((issue) => toSnapshot(issue.user?.type === "Bot" ? issue : { ...issue, body: neutralizeMarkers(issue.body ?? "") }));
}

type ListedIssue = Awaited<ReturnType<GitHubClient["rest"]["issues"]["listForRepo"]>>["data"][number];

export function toSnapshot(issue: Pick<ListedIssue, "number" | "title" | "body" | "state" | "locked" | "created_at" | "html_url" | "labels">): IssueSnapshot {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    state: issue.state === "closed" ? "closed" : "open",
    locked: issue.locked,
    createdAt: issue.created_at,
    htmlUrl: issue.html_url,
    labels: issue.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))),
  };
}
