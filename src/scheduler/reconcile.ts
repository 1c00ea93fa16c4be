import type { Logger } from "probot";
import { conditionalGet } from "../github/conditional-get.js";
import { repoName, type GitHubClient, type RepoRef } from "../github/github-client.js";
import { statusOf } from "../github/is-transient-error.js";
import type { Store } from "../store/store.js";

/** What the app holds of a repo, as far as reconciling needs it. */
export interface KnownRepo {
  installationId: number;
  ref: RepoRef;
  /** The default branch's head the repo's setup was read at; undefined when not known. */
  headSha?: string | undefined;
}

export interface ReconcileDeps {
  appClient(): Promise<GitHubClient>;
  octokitFor(installationId: number): Promise<GitHubClient>;
  store: Store;
  known(): Iterable<KnownRepo>;
  /** Read the repo's config and templates again, at `headSha` of `defaultBranch`. */
  refresh(installationId: number, ref: RepoRef, head: { defaultBranch: string; headSha: string | undefined }): Promise<unknown>;
  forget(ref: RepoRef): void;
  log: Pick<Logger, "info" | "warn" | "error">;
}

export interface ReconcileReport {
  installations: number;
  repositories: number;
  /** Repos read again: new ones, and those whose default branch moved since their setup was read. */
  refreshed: number;
  removed: number;
  /** Installations that could not be listed (tried again next time). */
  failed: number;
}

interface Installation {
  id: number;
}
interface Repository {
  name: string;
  full_name: string;
  owner: { login: string };
  default_branch?: string;
}

const PAGE = 100;

/**
 * Make what the app holds match GitHub, for when webhooks were missed (the app was down, a
 * delivery failed): installations and repos added or removed, configs and templates pushed. Every
 * read is conditional (ETags kept in the store), so an unchanged world costs only 304s, which do
 * not count against the rate limit: one per installation list, one per installation's repo list,
 * one per repo (its default branch's head; a repo whose head did not move is not read further).
 * Used at start-up (nothing known yet) and by the periodic job.
 */
export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  const report: ReconcileReport = { installations: 0, repositories: 0, refreshed: 0, removed: 0, failed: 0 };
  const app = await deps.appClient();
  const installations = await list<Installation>(app, deps.store, "installations", "GET /app/installations", {}, (data) => data as Installation[]);
  report.installations = installations.length;
  const known = new Map<string, KnownRepo>();
  for (const repo of deps.known()) known.set(repoName(repo.ref), repo);
  const listed = new Set<string>();
  const unlisted = new Set<number>();
  for (const installation of installations) {
    let repositories: Repository[];
    let octokit: GitHubClient;
    try {
      octokit = await deps.octokitFor(installation.id);
      repositories = await list<Repository>(octokit, deps.store, `installation-repos:${installation.id}`, "GET /installation/repositories", {}, (data) => (data as { repositories: Repository[] }).repositories, (data) => (data as { total_count: number }).total_count);
    } catch (error) {
      report.failed++;
      unlisted.add(installation.id);
      deps.log.error({ err: error, installation: installation.id }, "reconcile: could not list the installation's repositories; trying again next time");
      continue;
    }
    for (const repository of repositories) {
      report.repositories++;
      const ref = { owner: repository.owner.login, repo: repository.name };
      const name = repoName(ref);
      listed.add(name);
      const defaultBranch = repository.default_branch ?? "main";
      try {
        const headSha = await readHead(octokit, deps.store, ref, defaultBranch);
        const holding = known.get(name);
        if (holding && holding.installationId === installation.id && holding.headSha !== undefined && holding.headSha === headSha) continue;
        report.refreshed++;
        await deps.refresh(installation.id, ref, { defaultBranch, headSha });
      } catch (error) {
        deps.log.error({ err: error, repo: name }, "reconcile: could not read the repository; trying again later");
      }
    }
  }
  // Repos no longer listed (uninstalled, removed from the installation) are forgotten; those of an
  // installation that could not be listed are kept until it can.
  for (const [name, repo] of known) {
    if (listed.has(name) || unlisted.has(repo.installationId)) continue;
    deps.forget(repo.ref);
    report.removed++;
  }
  return report;
}

/**
 * For replicas that did not run this reconcile (one replica runs each firing): catch up with what
 * the others read, from the store alone, without a request to GitHub. A repo whose branch head in
 * the store (written by whoever read it last: a reconcile, a push) differs from the one this
 * process's setup was read at is read again, its files coming from the store's per-commit cache.
 */
export async function syncFromStore(deps: Pick<ReconcileDeps, "store" | "known" | "refresh" | "log">, branchOf: (repo: KnownRepo) => string | undefined): Promise<number> {
  let refreshed = 0;
  for (const repo of [...deps.known()]) {
    const branch = branchOf(repo);
    if (!branch) continue;
    const cached = await deps.store.get(`etag:head:${repoName(repo.ref)}:${branch}`);
    const headSha = cached ? (JSON.parse(cached) as { data?: { object?: { sha?: string } } }).data?.object?.sha : undefined;
    if (!headSha || headSha === repo.headSha) continue;
    refreshed++;
    await deps.refresh(repo.installationId, repo.ref, { defaultBranch: branch, headSha }).catch((error: unknown) =>
      deps.log.error({ err: error, repo: repoName(repo.ref) }, "could not read the repository again; trying again later"),
    );
  }
  return refreshed;
}

/** The default branch's head commit, conditionally; undefined for an empty repository. */
export async function readHead(octokit: GitHubClient, store: Store, ref: RepoRef, branch: string): Promise<string | undefined> {
  try {
    const { data } = await conditionalGet<{ object: { sha: string } }>(octokit, store, `head:${repoName(ref)}:${branch}`, "GET /repos/{owner}/{repo}/git/ref/{ref}", {
      ...ref,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 409) return undefined; // no such branch yet, or an empty repository
    throw error;
  }
}

/** The first page conditionally (one 304 when unchanged); more pages, rare, are read as usual. */
async function list<T>(
  octokit: GitHubClient,
  store: Store,
  cacheKey: string,
  route: string,
  parameters: Record<string, unknown>,
  items: (data: unknown) => T[],
  total?: (data: unknown) => number,
): Promise<T[]> {
  const first = await conditionalGet<unknown>(octokit, store, cacheKey, route, { ...parameters, per_page: PAGE });
  const page = items(first.data);
  if (page.length < PAGE || (total && total(first.data) <= page.length)) return page;
  const all = (await octokit.paginate(route, { ...parameters, per_page: PAGE })) as T[];
  return all;
}
