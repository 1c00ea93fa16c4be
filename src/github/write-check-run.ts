import type { CheckRunOutput } from "../core/check-setup.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import { NO_RETRY, writeOnce } from "./write-once.js";

// GitHub takes at most 50 annotations per request; more are added by updating the run.
const ANNOTATIONS_PER_REQUEST = 50;

/**
 * Put a completed check run named `name` on commit `headSha`, unless the app already put one
 * with the same outcome there (a redelivered webhook, a second replica): one read, no write. A
 * different outcome gets a new run, which GitHub shows in place of the older one (updating a run
 * would append to its annotations instead of replacing them).
 */
export async function writeCheckRun(
  octokit: GitHubClient,
  ref: RepoRef,
  input: { name: string; headSha: string; output: CheckRunOutput; appSlug?: string; /** Re-run requested: a new run even with the same outcome. */ force?: boolean },
): Promise<{ id: number; created: boolean }> {
  const { name, headSha, output } = input;
  const same = async (): Promise<{ id: number } | null> => {
    const { data } = await octokit.rest.checks.listForRef({ ...ref, ref: headSha, check_name: name, filter: "latest", per_page: 100 });
    const ours = data.check_runs.filter((run) => input.appSlug === undefined || run.app?.slug === input.appSlug);
    const latest = ours.sort((a, b) => b.id - a.id)[0];
    const matches =
      latest?.status === "completed" &&
      latest.conclusion === output.conclusion &&
      latest.output.title === output.title &&
      latest.output.summary === output.summary &&
      (latest.output.annotations_count ?? 0) === output.annotations.length;
    return matches && latest ? { id: latest.id } : null;
  };
  const existing = input.force ? null : await same();
  if (existing) return { id: existing.id, created: false };

  const [first, ...rest] = chunks(output.annotations, ANNOTATIONS_PER_REQUEST);
  const body = (annotations: CheckRunOutput["annotations"] | undefined) => ({
    title: output.title,
    summary: output.summary,
    ...(output.text === undefined ? {} : { text: output.text }),
    ...(annotations && annotations.length > 0 ? { annotations } : {}),
  });
  // Created once: a retried POST after a 5xx GitHub committed would show two runs.
  const { result } = await writeOnce(
    async () => {
      const { data } = await octokit.rest.checks.create({ ...ref, name, head_sha: headSha, status: "completed", conclusion: output.conclusion, output: body(first), ...NO_RETRY });
      return { id: data.id };
    },
    same,
  );
  for (const annotations of rest) await octokit.rest.checks.update({ ...ref, check_run_id: result.id, output: body(annotations) });
  return { id: result.id, created: true };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
