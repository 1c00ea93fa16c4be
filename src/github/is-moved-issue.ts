import type { RepoRef } from "./github-client.js";

/**
 * Did a read of issue `number` in `ref` come back with another issue? GitHub answers a transferred
 * issue with 301 and Octokit (fetch) follows it, so `issues.get` quietly returns the issue at its
 * new home, with another number or repository. Writing to "the same number" here would then hit
 * an unrelated issue: callers treat a moved issue as gone.
 */
export function isMovedIssue(data: { number: number; repository_url: string }, ref: RepoRef, number: number): boolean {
  const home = `/repos/${ref.owner}/${ref.repo}`.toLowerCase();
  return data.number !== number || !data.repository_url.toLowerCase().endsWith(home);
}
