import type { DateTime } from "luxon";
import type { Logger } from "probot";
import { parseConfigLayers } from "../config/parse-config-layers.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import type { MeetingBotConfig } from "../config/schema.js";
import { checkRunOutput, checkSetup, type SetupCheck } from "../core/check-setup.js";
import { parseIssueTemplate } from "../core/issue-template.js";
import { locateMeetings } from "../core/locate-meetings.js";
import { titlePattern, undatedTitlePattern } from "../core/meeting-number.js";
import { titleTemplate, type PreviousMeeting } from "../core/plan-meeting-issue.js";
import { dueOccurrence, nextDue } from "../core/schedule.js";
import { repoName, type GitHubClient, type RepoRef } from "../github/github-client.js";
import { listMeetingIssues } from "../github/list-meeting-issues.js";
import { readConfigLayers } from "../github/read-config-layers.js";
import { readRepoFile } from "../github/read-repo-file.js";
import { writeCheckRun } from "../github/write-check-run.js";
import type { Store } from "../store/store.js";
import { withLease } from "../store/with-lease.js";
import type { RepoEntry } from "./repo-entry.js";

export const CHECK_NAME = "meeting-bot";
const LEASE_MS = 2 * 60_000;

/** A commit that may change what the app reads: a pull request's head, or a push to the default branch. */
export interface ConfigChange {
  ref: RepoRef;
  headSha: string;
  /** Paths the pull request or push adds, modifies or removes. */
  changed: ReadonlySet<string>;
  /** The push's commit list may be cut (see pushedPaths): any file may have changed. */
  changedUnknown?: boolean;
  /** Someone asked GitHub to re-run the check: check everything, and write a new run whatever the outcome. */
  rerun?: boolean;
  /** What the app knows of this repository from its default branch (its templates, what its config extends). */
  entry?: RepoEntry;
  /** Configured repositories whose config `_extends` one of the changed files. */
  dependents: readonly RepoEntry[];
}

export interface CheckConfigChangeDeps {
  octokit: GitHubClient;
  log: Pick<Logger, "info" | "debug">;
  store: Store;
  now: DateTime;
  configPath: string;
  /** The app's login (`<slug>[bot]`): the latest meeting is looked up among its issues first. */
  appLogin?: string;
}

/** Does this change touch the config, a template it names, or a file it `_extends`? Decided without a request. */
export function touchesOwnSetup(change: ConfigChange, configPath: string): boolean {
  const { changed, entry, ref } = change;
  if (changed.has(configPath) || change.changedUnknown === true) return true;
  const setup = entry?.setup;
  if (!setup || setup.status === "unconfigured") return false;
  const sources = setup.sources ?? [];
  if (sources.some((source) => repoName(source).toLowerCase() === repoName(ref).toLowerCase() && changed.has(source.path))) return true;
  if (setup.status === "ready") return [...setup.templates.keys()].some((path) => changed.has(path));
  // A broken setup names no templates the app could read: any issue template may be one.
  return [...changed].some((path) => path.startsWith(".github/ISSUE_TEMPLATE/"));
}

/**
 * The check run "meeting-bot" on a change to the config, a template it names, or an `_extends`
 * source: load the files as the change has them (at its head commit) → check them (pure) → one
 * check run, not written again for the same outcome. Changes that touch none of them cost nothing.
 */
export async function checkConfigChange(change: ConfigChange, deps: CheckConfigChangeDeps): Promise<"skipped" | "written" | "unchanged"> {
  const own = touchesOwnSetup(change, deps.configPath);
  if (!own && change.dependents.length === 0) return "skipped";
  const { ref, headSha } = change;
  const context = { repo: repoName(ref), sha: headSha };
  return withLease(deps.store, `check:${repoName(ref)}:${headSha}`, LEASE_MS, async () => {
    const checks: Array<{ label?: string; check: SetupCheck }> = [];
    let removed = false;
    if (own) {
      const read = await readConfigLayers(deps.octokit, { root: ref, at: headSha, path: deps.configPath, home: ref, homeRef: headSha });
      if (read) checks.push({ check: await checkRepo(ref, read, headSha, (path) => path, deps) });
      // Gone: removed by this change (with a list that may be cut, only if there was a config before).
      else removed = change.changed.has(deps.configPath) || (change.changedUnknown === true && change.entry !== undefined && change.entry.setup.status !== "unconfigured");
    }
    for (const dependent of change.dependents) {
      const read = await readConfigLayers(deps.octokit, { root: dependent.ref, path: deps.configPath, home: ref, homeRef: headSha });
      const name = repoName(dependent.ref);
      if (read) checks.push({ label: name, check: await checkRepo(dependent.ref, read, undefined, (path) => `${name}:${path}`, deps) });
    }
    if (checks.length === 0 && !removed) return "skipped";

    const output = removed && checks.length === 0 ? offOutput(deps.configPath) : checkRunOutput(combine(checks), (file) => (file.includes(":") ? undefined : file));
    const { created } = await writeCheckRun(deps.octokit, ref, {
      name: CHECK_NAME,
      headSha,
      output,
      ...(deps.appLogin ? { appSlug: deps.appLogin.replace(/\[bot\]$/, "") } : {}),
      ...(change.rerun ? { force: true } : {}),
    });
    deps.log.info({ ...context, conclusion: output.conclusion, annotations: output.annotations.length }, created ? `check run: ${output.title}` : "check run already there with the same outcome");
    return created ? "written" : "unchanged";
  });
}

/** Read the templates and each series' latest meeting, then check (pure). */
async function checkRepo(
  root: RepoRef,
  read: NonNullable<Awaited<ReturnType<typeof readConfigLayers>>>,
  at: string | undefined,
  templateFile: (path: string) => string,
  deps: CheckConfigChangeDeps,
): Promise<SetupCheck> {
  const parsed = parseConfigLayers(read.layers);
  const templates = new Map<string, string | null>();
  let latest: Awaited<ReturnType<typeof latestMeetings>> = { previous: new Map(), which: new Map() };
  if (parsed.ok) {
    for (const series of parsed.config.series) {
      if (!templates.has(series.template)) templates.set(series.template, await readRepoFile(deps.octokit, root, series.template, at));
    }
    latest = await latestMeetings(root, parsed.config, templates, deps);
  } else {
    // The config does not validate: its templates are still checked, so the run shows every problem.
    for (const named of parsed.templates) {
      if (templates.has(named.path) || !isRepoPath(named.path)) continue;
      templates.set(named.path, await readRepoFile(deps.octokit, root, named.path, at));
    }
  }
  return checkSetup({ parsed, readProblems: read.problems, templates, previous: latest.previous, which: latest.which, now: deps.now, templateFile });
}

/**
 * Each series' next issue, as the app would find it (the app's own issues first, else the team's):
 * the meeting due now when its issue does not exist yet, else the next one; and the meeting before it.
 */
async function latestMeetings(
  root: RepoRef,
  config: MeetingBotConfig,
  templates: ReadonlyMap<string, string | null>,
  deps: CheckConfigChangeDeps,
): Promise<{ previous: Map<string, PreviousMeeting | null>; which: Map<string, "due" | "next"> }> {
  const found = new Map<string, PreviousMeeting | null>();
  const which = new Map<string, "due" | "next">();
  for (const series of config.series) {
    const text = templates.get(series.template);
    if (!text) continue;
    let pattern: RegExp;
    let undated: RegExp | undefined;
    try {
      const title = titleTemplate(series, parseIssueTemplate(text, series.template));
      [pattern, undated] = [titlePattern(title), undatedTitlePattern(title)];
    } catch {
      continue; // the check reports the template
    }
    const spec = scheduleSpec(series);
    const due = dueOccurrence(spec, deps.now) ?? nextDue(spec, deps.now).occurrence;
    const target = { seriesId: series.id, occurrenceKey: due.key, titlePattern: pattern, undatedTitlePattern: undated };
    const label = series.labels[0] ?? "meeting";
    let location = deps.appLogin ? locateMeetings(await listMeetingIssues(deps.octokit, root, label, { creator: deps.appLogin }), target) : null;
    if (!location?.previous && !location?.existing) location = locateMeetings(await listMeetingIssues(deps.octokit, root, label), target);
    // The due meeting's issue exists: the next issue is the one after, following it.
    const latest = location.existing ?? location.previous;
    which.set(series.id, location.existing ? "next" : "due");
    found.set(series.id, latest && { number: latest.number, title: latest.title, body: latest.body });
  }
  return { previous: found, which };
}

/** A plain relative path in the repository, as a template's must be: nothing else is read. */
function isRepoPath(path: string): boolean {
  return !path.startsWith("/") && !path.split("/").includes("..") && !/[\u0000-\u001f]/.test(path);
}

/** One result from the checks of several repositories (this one and those extending its files). */
function combine(checks: Array<{ label?: string; check: SetupCheck }>): SetupCheck {
  const problems = checks.flatMap(({ check }) => check.problems);
  const failed = checks.some(({ check }) => check.conclusion === "failure");
  const previews = failed
    ? []
    : checks.flatMap(({ label, check }) => check.previews.map((preview) => (label ? { ...preview, series: { ...preview.series, name: `${label}: ${preview.series.name ?? preview.series.id}` } } : preview)));
  return { conclusion: failed ? "failure" : "success", problems, previews };
}

function offOutput(configPath: string): ReturnType<typeof checkRunOutput> {
  return {
    conclusion: "success",
    title: `${configPath} is removed`,
    summary: `This change removes \`${configPath}\`: once it is on the default branch, meeting-bot stops opening meeting issues here. Existing issues are left as they are.`,
    annotations: [],
  };
}
