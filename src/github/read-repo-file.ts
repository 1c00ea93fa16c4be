import type { GitHubClient, RepoRef } from "./github-client.js";
import { statusOf } from "./is-transient-error.js";

/** A file's text on the default branch, or at `at` (a branch or commit); raw media type: one request, no base64. Null when absent. */
export async function readRepoFile(octokit: GitHubClient, ref: RepoRef, path: string, at?: string): Promise<string | null> {
  try {
    const response = await octokit.rest.repos.getContent({ ...ref, path, ...(at === undefined ? {} : { ref: at }), mediaType: { format: "raw" } });
    if (typeof response.data !== "string") return null; // a directory or a submodule
    return response.data;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
