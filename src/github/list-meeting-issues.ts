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
// issues of a repo, unless more than this many issues with the same label were opened since.
export const MEETING_ISSUES_PAGE = 30;

/**
 * The newest issues carrying `label`, open or closed, newest first: one request.
 * Uses the issues list, not the Search API, whose index lags behind writes by up to a minute.
 *
 * Only issues a bot (this app) opened keep their hidden markers. Anyone can open an issue, and
 * the label comes with it when the meeting template lists it, so in anybody else's issue a
 * marker is defused: it cannot pass for a meeting the app created (or for the previous one).
 */
export async function listMeetingIssues(octokit: GitHubClient, ref: RepoRef, label: string): Promise<IssueSnapshot[]> {
  const { data } = await octokit.rest.issues.listForRepo({
    ...ref,
    labels: label,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: MEETING_ISSUES_PAGE,
  });
  return data
    .filter((issue) => !issue.pull_request)
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
