import type { Store } from "../store/store.js";
import { repoName, type GitHubClient, type RepoRef } from "./github-client.js";
import { readRepoFile } from "./read-repo-file.js";

const CACHE_TTL_MS = 7 * 24 * 3_600_000;

export type FileReader = (octokit: GitHubClient, ref: RepoRef, path: string) => Promise<string | null>;

/**
 * Reads files of the default branch as of its head commit `headSha`, keeping each in the store
 * keyed by that commit: a file at a commit never changes, so a restart (or another replica, with
 * Redis) that finds the head unchanged reads configs and templates without a single request.
 * (The file is fetched from the branch, read just after its head: a push landing in between is
 * caught by the next change of the head.)
 */
export function cachedFileReader(store: Store, headSha: string): FileReader {
  return async (octokit, ref, path) => {
    const key = `file:${repoName(ref)}@${headSha}:${path}`;
    const cached = await store.get(key);
    if (cached !== null) return (JSON.parse(cached) as { text: string | null }).text;
    const text = await readRepoFile(octokit, ref, path);
    await store.set(key, JSON.stringify({ text }), CACHE_TTL_MS);
    return text;
  };
}
