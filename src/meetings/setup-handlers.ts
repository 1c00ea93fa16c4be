import type { DateTime } from "luxon";
import type { Logger, Probot } from "probot";
import { repoName, type GitHubClient, type RepoRef } from "../github/github-client.js";
import { pushedPaths } from "../github/pushed-paths.js";
import { LeaseBusyError } from "../store/lease-busy-error.js";
import type { Store } from "../store/store.js";
import { archiveMeeting } from "./archive-meeting.js";
import { CHECK_NAME, checkConfigChange, type ConfigChange } from "./check-config-change.js";
import { closeOnboardingIssue, onboardRepo } from "./onboard-repo.js";
import type { RepoEntry } from "./repo-entry.js";

export interface SetupHandlerDeps {
  now: () => DateTime;
  store: Store;
  log: Logger;
  repos: ReadonlyMap<string, RepoEntry>;
  configPath: string;
  /** An installation's client, with the app's request deadline. */
  octokitFor: (installationId: number) => Promise<GitHubClient>;
  /** The app's login (`<slug>[bot]`), read from GitHub when not known yet. */
  appLogin: () => Promise<string | undefined>;
  /** Give a webhook's own client the app's request deadline. */
  timed: <C extends { octokit: unknown }>(context: C) => C;
}

/** What the composition root calls when it learns about a repository. */
export interface SetupHooks {
  /** A repository was added to an installation (or the app installed) and its config read. */
  repoAdded(entry: RepoEntry): Promise<void>;
  /** A push made the setup work (from no config, or from one that did not work: a config before its template). */
  configured(entry: RepoEntry): Promise<void>;
}

/**
 * The three ways the app helps around the config: the onboarding issue (installation events,
 * through `repoAdded`), the "meeting-bot" check run on pull requests and default-branch pushes
 * that change the setup, and the archive of closed meeting issues. Each is a load → plan → apply
 * pipeline in its own module; this file only routes events to them, through `on` (the app's
 * `onWebhook`, which counts each handler as work in flight).
 */
export function registerSetupHandlers(on: Probot["on"], deps: SetupHandlerDeps): SetupHooks {
  const busy = (error: unknown, what: string, context: Record<string, unknown>) => {
    if (!(error instanceof LeaseBusyError)) throw error;
    deps.log.debug(context, `${what}: another run holds the lease; it does the work`);
  };

  const check = async (installationId: number, ref: RepoRef, headSha: string, changed: Set<string>, octokit: GitHubClient, changedUnknown = false, rerun = false) => {
    const name = repoName(ref).toLowerCase();
    const entry = [...deps.repos.values()].find((candidate) => repoName(candidate.ref).toLowerCase() === name);
    // Configured repositories of the installation whose config extends a file this change touches.
    const dependents = [...deps.repos.values()].filter(
      (candidate) =>
        candidate !== entry &&
        candidate.installationId === installationId &&
        candidate.setup.status !== "unconfigured" &&
        (candidate.setup.sources ?? []).some((source) => repoName(source).toLowerCase() === name && (changedUnknown || changed.has(source.path))),
    );
    const change: ConfigChange = { ref, headSha, changed, dependents, ...(entry ? { entry } : {}), ...(changedUnknown ? { changedUnknown } : {}), ...(rerun ? { rerun } : {}) };
    const appLogin = await deps.appLogin();
    try {
      await checkConfigChange(change, { octokit, log: deps.log, store: deps.store, now: deps.now(), configPath: deps.configPath, ...(appLogin ? { appLogin } : {}) });
    } catch (error) {
      busy(error, "config check", { repo: repoName(ref), sha: headSha });
    }
  };

  on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], async (context) => {
    const { pull_request: pull, repository, installation } = deps.timed(context).payload;
    if (!installation) return;
    const ref = { owner: repository.owner.login, repo: repository.name };
    const files = await context.octokit.paginate(context.octokit.rest.pulls.listFiles, { ...ref, pull_number: pull.number, per_page: 100 });
    const changed = new Set(files.flatMap((file) => [file.filename, ...(file.previous_filename ? [file.previous_filename] : [])]));
    // Read at the head commit: a fork's commits are readable from the base repository too.
    await check(installation.id, ref, pull.head.sha, changed, context.octokit as GitHubClient);
  });

  on("push", async (context) => {
    const payload = deps.timed(context).payload;
    const { repository, ref: branch, installation, after, deleted } = payload;
    if (!installation || deleted || branch !== `refs/heads/${repository.default_branch}`) return;
    const ref = { owner: repository.owner?.login ?? repository.full_name.split("/")[0] ?? "", repo: repository.name };
    // A commit list that may be cut (20 or more commits) cannot say the setup is untouched: check it.
    const pushed = pushedPaths(payload);
    await check(installation.id, ref, after, pushed === "unknown" ? new Set() : pushed, context.octokit as GitHubClient, pushed === "unknown");
  });

  // "Re-run" on the app's check run: check the commit again, whatever it changed, and write a new run.
  on("check_run.rerequested", async (context) => {
    const { check_run: run, repository, installation } = deps.timed(context).payload;
    if (!installation || run.name !== CHECK_NAME) return;
    const appLogin = await deps.appLogin();
    if (appLogin && run.app?.slug && run.app.slug !== appLogin.replace(/\[bot\]$/, "")) return;
    const ref = { owner: repository.owner.login, repo: repository.name };
    await check(installation.id, ref, run.head_sha, new Set(), context.octokit as GitHubClient, true, true);
  });

  on("issues.closed", async (context) => {
    const { issue, repository } = deps.timed(context).payload;
    const entry = deps.repos.get(repository.full_name);
    if (entry?.setup.status !== "ready" || !entry.setup.config.series.some((series) => series.archive)) return;
    const appLogin = await deps.appLogin();
    try {
      await archiveMeeting({
        octokit: context.octokit as GitHubClient,
        log: deps.log,
        store: deps.store,
        entry,
        issue: { number: issue.number, title: issue.title, body: issue.body ?? "", htmlUrl: issue.html_url, author: { login: issue.user?.login ?? "", type: issue.user?.type ?? "" }, labels: issue.labels?.map((label) => label.name) ?? [] },
        defaultBranch: repository.default_branch,
        ...(appLogin ? { appLogin } : {}),
      });
    } catch (error) {
      busy(error, "archive", { repo: repository.full_name, issue: issue.number });
    }
  });

  return {
    async repoAdded(entry) {
      if (entry.setup.status !== "unconfigured") return;
      const appLogin = await deps.appLogin();
      if (!appLogin) {
        deps.log.warn({ repo: repoName(entry.ref) }, "the app's login is unknown (GET /app failed): not offering a setup now");
        return;
      }
      try {
        await onboardRepo({ octokit: await deps.octokitFor(entry.installationId), log: deps.log, store: deps.store, ref: entry.ref, appLogin, now: deps.now() });
      } catch (error) {
        if (error instanceof LeaseBusyError) return;
        deps.log.error({ err: error, repo: repoName(entry.ref) }, "could not look into offering a setup (onboarding issue)");
      }
    },
    async configured(entry) {
      const appLogin = await deps.appLogin();
      if (!appLogin) return;
      try {
        await closeOnboardingIssue({ octokit: await deps.octokitFor(entry.installationId), log: deps.log, ref: entry.ref, appLogin, configPath: deps.configPath });
      } catch (error) {
        deps.log.warn({ err: error, repo: repoName(entry.ref) }, "could not close the onboarding issue; close it by hand");
      }
    },
  };
}
