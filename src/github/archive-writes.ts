import type { GitHubClient, RepoRef } from "./github-client.js";
import { isRateLimitError, statusOf } from "./is-transient-error.js";

/**
 * The writes the archive makes, each checked against what is there first, so that running the
 * whole sequence again (a redelivered event, a retry after a failure half-way) changes nothing.
 */

/** GitHub's answer when the installation lacks a permission: 403 "Resource not accessible by integration". */
export class MissingPermissionError extends Error {
  override readonly name = "MissingPermissionError";
  constructor(readonly permission: "contents" | "pull_requests") {
    super(`the app's installation lacks \`${permission}: write\``);
  }
}

export function isMissingPermission(error: unknown): boolean {
  return statusOf(error) === 403 && !isRateLimitError(error) && /not accessible by integration/i.test(String((error as { message?: unknown }).message ?? ""));
}

/** A file's text and blob sha on a branch; null when absent. */
export async function readFileOn(octokit: GitHubClient, ref: RepoRef, path: string, branch: string): Promise<{ text: string; sha: string } | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...ref, path, ref: branch });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
    return { text: Buffer.from(data.content, "base64").toString("utf8"), sha: data.sha };
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** Write `text` to `path` on `branch` unless it is there already; true when a commit was made. */
export async function commitFile(octokit: GitHubClient, ref: RepoRef, input: { path: string; text: string; branch: string; message: string }): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const current = await readFileOn(octokit, ref, input.path, input.branch);
    if (current?.text === input.text) return false;
    try {
      await octokit.rest.repos.createOrUpdateFileContents({
        ...ref,
        path: input.path,
        branch: input.branch,
        message: input.message,
        content: Buffer.from(input.text).toString("base64"),
        ...(current ? { sha: current.sha } : {}),
      });
      return true;
    } catch (error) {
      if (isMissingPermission(error)) throw new MissingPermissionError("contents");
      // Someone committed to the file in between (409, or 422 "sha wasn't supplied"): read it again, once.
      if ((statusOf(error) === 409 || statusOf(error) === 422) && attempt === 0) continue;
      throw error;
    }
  }
}

/** Branch `name`, made from `from`'s head when it does not exist. */
export async function ensureBranch(octokit: GitHubClient, ref: RepoRef, name: string, from: string): Promise<void> {
  try {
    await octokit.rest.git.getRef({ ...ref, ref: `heads/${name}` });
    return;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  const { data: base } = await octokit.rest.git.getRef({ ...ref, ref: `heads/${from}` });
  try {
    await octokit.rest.git.createRef({ ...ref, ref: `refs/heads/${name}`, sha: base.object.sha });
  } catch (error) {
    if (isMissingPermission(error)) throw new MissingPermissionError("contents");
    // Made meanwhile by another run: fine.
    if (statusOf(error) === 422 && /already exists/i.test(String((error as Error).message))) return;
    throw error;
  }
}

/** The open pull request from `head` into `base`, opened when there is none; its number and whether it is new. */
export async function ensurePullRequest(
  octokit: GitHubClient,
  ref: RepoRef,
  input: { head: string; base: string; title: string; body: string },
): Promise<{ number: number; htmlUrl: string; created: boolean }> {
  const find = async () => {
    const { data } = await octokit.rest.pulls.list({ ...ref, head: `${ref.owner}:${input.head}`, base: input.base, state: "open", per_page: 1 });
    return data[0];
  };
  const open = await find();
  if (open) return { number: open.number, htmlUrl: open.html_url, created: false };
  try {
    const { data } = await octokit.rest.pulls.create({ ...ref, ...input });
    return { number: data.number, htmlUrl: data.html_url, created: true };
  } catch (error) {
    if (isMissingPermission(error)) throw new MissingPermissionError("pull_requests");
    const raced = statusOf(error) === 422 ? await find() : undefined;
    if (raced) return { number: raced.number, htmlUrl: raced.html_url, created: false };
    throw error;
  }
}
