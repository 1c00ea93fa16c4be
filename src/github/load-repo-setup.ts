import { ConfigError } from "../config/config-error.js";
import { DEFAULT_CONFIG_PATH, parseConfig, validateConfig } from "../config/parse-config.js";
import type { MeetingBotConfig } from "../config/schema.js";
import { parseIssueTemplate, type IssueTemplate } from "../core/issue-template.js";
import { checkPlaceholders } from "../core/render-placeholders.js";
import { titleTemplate } from "../core/plan-meeting-issue.js";
import { MAX_ISSUE_BODY_LENGTH, MAX_ISSUE_BODY_TEXT } from "../core/issue-body-limit.js";
import { TemplateError } from "../core/template-error.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import type { FileReader } from "./cached-file-reader.js";
import { readRepoFile } from "./read-repo-file.js";

/** A file a config `_extends` (Probot's config loader), so a change to it can be checked. */
export interface ConfigSource {
  owner: string;
  repo: string;
  path: string;
}

/** What a repo asks of the app, read from its default branch. `sources`: the files its config `_extends`, nearest first. */
export type RepoSetup =
  | { status: "unconfigured" }
  | { status: "invalid"; file: string; message: string; sources?: ConfigSource[] }
  | { status: "ready"; config: MeetingBotConfig; templates: Map<string, IssueTemplate>; sources?: ConfigSource[] };

// `_extends: other-repo` (Probot's convention) pulls settings from another repo, usually the org's `.github`.
const EXTENDS = /^_extends\s*:/m;

/**
 * Read and check a repo's config and every template it names. A repo without its own config file
 * is left alone (even if the org's `.github` repo has one: installing the app on an org must not
 * start meetings everywhere). Nothing half-read is ever "ready": one broken file makes the whole
 * setup invalid, with a message that names the file and the fix.
 */
export async function loadRepoSetup(octokit: GitHubClient, ref: RepoRef, path = DEFAULT_CONFIG_PATH, read: FileReader = readRepoFile): Promise<RepoSetup> {
  const text = await read(octokit, ref, path);
  if (text === null) return { status: "unconfigured" };

  let config: MeetingBotConfig;
  let sources: ConfigSource[] | undefined;
  try {
    if (EXTENDS.test(text)) {
      // Probot's config plugin resolves `_extends` chains and merges the files, as context.config does.
      const { config: merged, files } = await octokit.config.get({ ...ref, path });
      sources = files.slice(1).map((file) => ({ owner: file.owner, repo: file.repo, path: file.path }));
      config = validateConfig(merged, path);
    } else {
      config = parseConfig(text, path);
    }
  } catch (error) {
    if (error instanceof ConfigError) return { status: "invalid", file: path, message: error.message, ...(sources ? { sources } : {}) };
    // The config plugin throws plain errors for unparseable YAML in an extended file.
    if (error instanceof Error && error.message.includes("[@probot/octokit-plugin-config]")) {
      return { status: "invalid", file: path, message: `${path}: ${error.message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, "")}` };
    }
    throw error;
  }

  const templates = new Map<string, IssueTemplate>();
  for (const [index, series] of config.series.entries()) {
    if (templates.has(series.template)) continue;
    const source = await read(octokit, ref, series.template);
    if (source === null) {
      return {
        status: "invalid",
        file: series.template,
        message: `${series.template} does not exist on the default branch (series "${series.id}" in ${path} names it): add the template, or fix \`series[${index}].template\``,
      };
    }
    try {
      const template = parseIssueTemplate(source, series.template);
      // Check placeholders now, so a typo is reported when the config is pushed, not on meeting day.
      checkPlaceholders(template.body, { path: series.template, lineOffset: template.bodyLineOffset });
      checkPlaceholders(titleTemplate(series, template), { path: series.title ? path : series.template });
      if (template.body.length > MAX_ISSUE_BODY_LENGTH) {
        const size = template.body.length.toLocaleString("en-US");
        throw new TemplateError(series.template, template.bodyLineOffset + 1, `the template body is ${size} characters, and GitHub allows ${MAX_ISSUE_BODY_TEXT} in an issue body; shorten it`);
      }
      templates.set(series.template, template);
    } catch (error) {
      if (error instanceof TemplateError) return { status: "invalid", file: series.template, message: error.message };
      throw error;
    }
  }
  return { status: "ready", config, templates, ...(sources ? { sources } : {}) };
}
