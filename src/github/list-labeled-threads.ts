import type { GitHubClient, RepoRef } from "./github-client.js";

/** An open issue or PR proposed for the agenda by label. */
export interface LabeledThread {
  number: number;
  title: string;
  /** Who opened it: the proposer when the label was set before the app was watching. */
  author: string;
}

/** The open issues and PRs carrying `label`, oldest first (the order they were proposed in). */
export async function listLabeledThreads(octokit: GitHubClient, ref: RepoRef, label: string): Promise<LabeledThread[]> {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...ref,
    labels: label,
    state: "open",
    sort: "created",
    direction: "asc",
    per_page: 100,
  });
  return issues.map((issue) => ({ number: issue.number, title: issue.title, author: issue.user?.login ?? "ghost" }));
}
