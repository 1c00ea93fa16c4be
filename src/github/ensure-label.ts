import type { GitHubClient, RepoRef } from "./github-client.js";
import { statusOf } from "./is-transient-error.js";

const LABEL_STYLE: Record<string, { color: string; description: string }> = {
  meeting: { color: "1d76db", description: "A meeting issue (created by meeting-bot)" },
  "meeting-agenda": { color: "c5def5", description: "Proposed for the next meeting's agenda" },
};

/**
 * Make sure a label exists before issues use it, so it gets a colour and a description instead
 * of the grey default GitHub gives labels it creates on the fly. One GET when it exists.
 */
export async function ensureLabel(octokit: GitHubClient, ref: RepoRef, name: string): Promise<void> {
  try {
    await octokit.rest.issues.getLabel({ ...ref, name });
    return;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  const style = LABEL_STYLE[name] ?? { color: "ededed", description: "Used by meeting-bot" };
  try {
    await octokit.rest.issues.createLabel({ ...ref, name, ...style });
  } catch (error) {
    // 422 already_exists: someone created it between our two requests. That is what we wanted.
    if (statusOf(error) !== 422) throw error;
  }
}
