import { parse } from "yaml";
import type { ConfigLayer, LocatedProblem } from "../config/parse-config-layers.js";
import { repoName, type GitHubClient, type RepoRef } from "./github-client.js";
import { readRepoFile } from "./read-repo-file.js";

/** A config file and the files it `_extends`, read for a check: each with where it lives. */
export interface ReadLayer extends ConfigLayer {
  owner: string;
  repo: string;
  path: string;
}

// @probot/octokit-plugin-config's grammar: `[owner/]repo[:path.yml]`.
const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;
const MAX_DEPTH = 10;

/**
 * Read `path` in `root` at `at` and every file it `_extends`, as Probot's config loader resolves
 * them (a missing owner is the root's, a missing path is `path`). Files in `home` (the repository
 * a check run is for) are read at `homeRef` and named by their path; others are read on their
 * default branch and named `owner/repo:path`. Null when `root` has no such file at `at`.
 */
export async function readConfigLayers(
  octokit: GitHubClient,
  options: { root: RepoRef; at?: string; path: string; home: RepoRef; homeRef?: string },
): Promise<{ layers: ReadLayer[]; problems: LocatedProblem[] } | null> {
  const { root, path, home } = options;
  const isHome = (ref: RepoRef) => repoName(ref).toLowerCase() === repoName(home).toLowerCase();
  const name = (ref: RepoRef, file: string) => (isHome(ref) ? file : `${repoName(ref)}:${file}`);
  const refFor = (ref: RepoRef) => (isHome(ref) ? options.homeRef : repoName(ref).toLowerCase() === repoName(root).toLowerCase() ? options.at : undefined);

  const text = await readRepoFile(octokit, root, path, refFor(root) ?? options.at);
  if (text === null) return null;
  const layers: ReadLayer[] = [{ ...root, path, file: name(root, path), text }];
  const problems: LocatedProblem[] = [];
  for (let layer = layers[0]; layer && layers.length <= MAX_DEPTH; ) {
    const value = extendsOf(layer.text);
    if (value === undefined) break;
    const match = typeof value === "string" ? EXTENDS.exec(value) : null;
    const line = lineOfExtends(layer.text);
    if (!match) {
      problems.push({ file: layer.file, line, path: "_extends", message: `${JSON.stringify(value)} is not a file to extend`, hint: "write `repo`, `owner/repo` or `repo:path/to/file.yml`, e.g. `.github:meeting-bot/defaults.yml`" });
      break;
    }
    const target = { owner: match[1] ?? layer.owner, repo: match[2] as string, path: match[3] ?? path };
    if (layers.some((seen) => repoName(seen).toLowerCase() === repoName(target).toLowerCase() && seen.path === target.path)) {
      problems.push({ file: layer.file, line, path: "_extends", message: `extends ${repoName(target)}:${target.path}, which is already part of this configuration (a loop)`, hint: "remove one of the `_extends`" });
      break;
    }
    const extended = await readRepoFile(octokit, target, target.path, refFor(target));
    if (extended === null) {
      problems.push({ file: layer.file, line, path: "_extends", message: `${repoName(target)}:${target.path} does not exist, or the app cannot read it`, hint: "fix the name, or install the app on that repository too" });
      break;
    }
    const next: ReadLayer = { ...target, file: name(target, target.path), text: extended };
    layers.push(next);
    layer = next;
  }
  return { layers, problems };
}

/** The `_extends` value of a YAML text, if it has one (unparseable YAML: none; the parser reports it). */
function extendsOf(text: string): unknown {
  try {
    const value: unknown = parse(text, { maxAliasCount: 100 });
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)._extends : undefined;
  } catch {
    return undefined;
  }
}

function lineOfExtends(text: string): number {
  const index = text.split("\n").findIndex((line) => /^_extends\s*:/.test(line));
  return index === -1 ? 1 : index + 1;
}
