import type { DateTime } from "luxon";
import type { Logger } from "probot";
import { decideOnboarding } from "../core/setup/decide-onboarding.js";
import { inferSetup } from "../core/setup/infer-setup.js";
import { historyIssue, type HistoryIssue, type HistoryTemplate } from "../core/setup/meeting-history.js";
import { ONBOARDING_MARKER, ONBOARDING_TITLE, planOnboardingIssue } from "../core/setup/plan-onboarding-issue.js";
import { previewInferredSetup } from "../core/setup/preview-inferred-setup.js";
import { repoName, type GitHubClient, type RepoRef } from "../github/github-client.js";
import { statusOf } from "../github/is-transient-error.js";
import { readRepoFile } from "../github/read-repo-file.js";
import { NO_RETRY, writeOnce } from "../github/write-once.js";
import type { Store } from "../store/store.js";
import { withLease } from "../store/with-lease.js";

const TEMPLATES = ".github/ISSUE_TEMPLATE";
// The newest issues are the history read: one request. Enough for months of weekly meetings.
const HISTORY_PAGE = 100;
const MAX_TEMPLATES = 10;
const LEASE_MS = 2 * 60_000;

export interface OnboardRepoInput {
  octokit: GitHubClient;
  log: Pick<Logger, "info" | "debug" | "warn" | "error">;
  store: Store;
  ref: RepoRef;
  /** The app's login (`<slug>[bot]`): its own issues say whether it has been here before. */
  appLogin: string;
  now: DateTime;
}

export type OnboardResult = "opened" | "asked-before" | "no-meetings" | "not-offered";

/**
 * Offer a setup to a repository the app was just installed on (or added to) that has no config:
 * load its recent issues and issue templates → infer a setup and decide (pure; nothing without
 * evidence of meetings, on weak evidence, for a team that stopped meeting, or in an archived
 * repository: see decideOnboarding) → open one "Set up meeting-bot" issue, unless the app has opened any issue here
 * before (its onboarding issue, open or closed, or meetings from an earlier config). So there is
 * one onboarding issue per repository, ever, across restarts, redeliveries and replicas.
 *
 * Requests: 2–3 without evidence (issues, templates); with evidence 3 more reads and one write.
 */
export async function onboardRepo(input: OnboardRepoInput): Promise<OnboardResult> {
  const { octokit, ref, log } = input;
  const context = { repo: repoName(ref) };
  return withLease(input.store, `onboard:${repoName(ref)}`, LEASE_MS, async () => {
    const history = { issues: await recentIssues(octokit, ref), templates: await issueTemplates(octokit, ref) };
    const setup = inferSetup(history);
    if (setup.confidence === "none") {
      log.debug(context, "no config and no sign of meetings; not offering a setup");
      return "no-meetings";
    }
    const decision = decideOnboarding(setup, input.now);
    if (!decision.offer) {
      log.info({ ...context, confidence: setup.confidence, signals: setup.signals }, `not offering a setup: ${decision.why}`);
      return "not-offered";
    }
    const asked = async () => {
      const { data } = await octokit.rest.issues.listForRepo({ ...ref, creator: input.appLogin, state: "all", per_page: 100 });
      const onboarding = data.find((issue) => issue.body?.includes(ONBOARDING_MARKER));
      return onboarding ?? data[0] ?? null;
    };
    if (await asked()) {
      log.debug(context, "the app has opened issues here before; not offering a setup again");
      return "asked-before";
    }

    const { data: repository } = await octokit.rest.repos.get({ ...ref });
    if (repository.archived) {
      // Read-only: no one can add the files, and GitHub refuses the issue.
      log.info(context, "not offering a setup: the repository is archived");
      return "not-offered";
    }
    let preview = null;
    try {
      preview = previewInferredSetup(setup, history, input.now);
    } catch (error) {
      log.error({ ...context, err: error }, "the inferred setup does not preview; offering it without a preview");
    }
    const plan = planOnboardingIssue({ setup, preview, htmlUrl: repository.html_url, defaultBranch: repository.default_branch, now: input.now });
    const { result, recovered } = await writeOnce(
      async () => (await octokit.rest.issues.create({ ...ref, title: plan.title, body: plan.body, ...NO_RETRY })).data,
      async () => {
        const found = await asked();
        return found?.body?.includes(ONBOARDING_MARKER) ? found : null;
      },
    );
    log.info({ ...context, issue: result.number, confidence: setup.confidence, meetings: setup.meetings.length, recovered }, `offered a setup: ${ONBOARDING_TITLE} #${result.number}`);
    return "opened";
  });
}

/**
 * Close the open onboarding issue once the repository has a config: the setup is done. Costs one
 * request, made only when a push makes a repository's setup work (from no config or a broken one).
 */
export async function closeOnboardingIssue(input: { octokit: GitHubClient; log: Pick<Logger, "info">; ref: RepoRef; appLogin: string; configPath: string }): Promise<void> {
  const { octokit, ref } = input;
  const { data } = await octokit.rest.issues.listForRepo({ ...ref, creator: input.appLogin, state: "open", per_page: 100 });
  const onboarding = data.find((issue) => !issue.pull_request && issue.body?.includes(ONBOARDING_MARKER));
  if (!onboarding) return;
  await octokit.rest.issues.createComment({
    ...ref,
    issue_number: onboarding.number,
    body: `\`${input.configPath}\` is on the default branch: meeting-bot is set up and opens each meeting issue on schedule. Closing this issue.`,
  });
  await octokit.rest.issues.update({ ...ref, issue_number: onboarding.number, state: "closed", state_reason: "completed" });
  input.log.info({ repo: repoName(ref), issue: onboarding.number }, "the repository is set up; closed the onboarding issue");
}

// Whose issues count as the team's meetings: as for the app's own first run, the team's and bots'
// (a recurring-issue Action); anyone can open issues with counting titles, and must not set off an offer.
const TEAM = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

async function recentIssues(octokit: GitHubClient, ref: RepoRef): Promise<HistoryIssue[]> {
  const { data } = await octokit.rest.issues.listForRepo({ ...ref, state: "all", sort: "created", direction: "desc", per_page: HISTORY_PAGE });
  const team = data.filter((item) => item.user?.type === "Bot" || TEAM.has(item.author_association ?? ""));
  return team.flatMap((item, index) => {
    const issue = historyIssue(item, index);
    return issue ? [issue] : [];
  });
}

/** The repository's Markdown issue templates (at most ten); none when it has no template folder. */
async function issueTemplates(octokit: GitHubClient, ref: RepoRef): Promise<HistoryTemplate[]> {
  let listing: unknown;
  try {
    listing = (await octokit.rest.repos.getContent({ ...ref, path: TEMPLATES })).data;
  } catch (error) {
    if (statusOf(error) === 404) return [];
    throw error;
  }
  if (!Array.isArray(listing)) return [];
  const paths = (listing as Array<{ type?: string; path?: string }>)
    .filter((entry) => entry.type === "file" && typeof entry.path === "string" && entry.path.toLowerCase().endsWith(".md"))
    .map((entry) => entry.path as string)
    .slice(0, MAX_TEMPLATES);
  const templates: HistoryTemplate[] = [];
  for (const path of paths) {
    const text = await readRepoFile(octokit, ref, path);
    if (text !== null) templates.push({ path, text });
  }
  return templates;
}
