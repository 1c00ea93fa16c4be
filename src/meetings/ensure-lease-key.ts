import { repoName, type RepoRef } from "../github/github-client.js";

/**
 * The lease that makes one process at a time create (or finish) the issue of one meeting. A
 * `/meeting` command recording a decision about a meeting with no issue yet holds it too, so the
 * decision and the creation never cross (one of them reads the other's result).
 */
export function ensureLeaseKey(ref: RepoRef, seriesId: string, occurrenceKey: string): string {
  return `ensure:${repoName(ref)}:${seriesId}:${occurrenceKey}`;
}
