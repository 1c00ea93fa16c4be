import type { ProbotOctokit } from "probot";

/** An installation-authenticated Octokit, as Probot hands it to handlers (`context.octokit`). */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

/** A repository, named the way every REST route names it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export function repoName(ref: RepoRef): string {
  return `${ref.owner}/${ref.repo}`;
}
