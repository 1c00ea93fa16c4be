import type { DateTime } from "luxon";
import type { LayeredConfig, LocatedProblem } from "../config/parse-config-layers.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import { findSections } from "./find-sections.js";
import { escapeMarkdown, fenced, formatSeriesPreview } from "./format-series-preview.js";
import { MAX_ISSUE_BODY_LENGTH, MAX_ISSUE_BODY_TEXT } from "./issue-body-limit.js";
import { parseIssueTemplate, type IssueTemplate } from "./issue-template.js";
import { neutralizeMarkers } from "./markers.js";
import type { PreviousMeeting } from "./plan-meeting-issue.js";
import { previewSeries, type SeriesPreview } from "./preview-series.js";
import { describeUnknownPlaceholder, findPlaceholders } from "./render-placeholders.js";
import { validateSchedule } from "./schedule.js";
import { TemplateError } from "./template-error.js";

/** One thing wrong (a failure) or worth knowing (a warning), at a file and line. */
export interface CheckProblem {
  file: string;
  line?: number;
  level: "failure" | "warning";
  /** What it is about: a key path (`series[0].schedule.timezone`) or `template`. */
  title: string;
  /** What is wrong, and how to fix it. */
  message: string;
}

export interface CheckSetupInput {
  /** The configuration as parsed from its files (`parseConfigLayers`). */
  parsed: LayeredConfig;
  /** Problems met while reading the files (an `_extends` that names no file). */
  readProblems?: LocatedProblem[];
  /** The text of each template the config names, null when there is no such file. */
  templates: ReadonlyMap<string, string | null>;
  /** The latest meeting issue of each series (by id), which the next one follows. */
  previous?: ReadonlyMap<string, PreviousMeeting | null>;
  /**
   * Per series id: "due" when the issue of the meeting due now does not exist yet (the app creates
   * it at its next tick: that is the next issue), else "next" (default).
   */
  which?: ReadonlyMap<string, "due" | "next">;
  now: DateTime;
  /** How problems name a template file (default: its path), e.g. `owner/repo:path` in another repository. */
  templateFile?: (path: string) => string;
}

export interface SetupCheck {
  conclusion: "success" | "failure";
  problems: CheckProblem[];
  /** The next issue of each series, when nothing fails. */
  previews: SeriesPreview[];
}

/**
 * Check a configuration and the templates it names, as a check run shows it: every problem at
 * once (config errors, unknown placeholders, front matter, a body over GitHub's limit, a template
 * without the sections `carryOver` names), and when nothing fails, the next issue of each series
 * exactly as it would be created. Pure.
 */
export function checkSetup(input: CheckSetupInput): SetupCheck {
  const problems: CheckProblem[] = (input.readProblems ?? []).map(fromConfigProblem);
  const { parsed } = input;
  const fileOf = input.templateFile ?? ((path: string) => path);
  if (!parsed.ok) {
    // Every problem at once: the templates the files name are checked too, as far as they can be.
    problems.push(...parsed.problems.map(fromConfigProblem));
    const checked = new Set<string>();
    for (const named of parsed.templates) {
      const text = input.templates.get(named.path);
      if (text === undefined || checked.has(named.path)) continue;
      checked.add(named.path);
      if (text === null) {
        problems.push({ file: named.file, ...(named.line === undefined ? {} : { line: named.line }), level: "failure", title: named.key, message: `${named.path} does not exist (series "${named.series}" names it): add the template, or fix \`template\`` });
        continue;
      }
      const result = checkTemplate(named.path, text, named.title === undefined, fileOf(named.path));
      problems.push(...result.problems);
      if (result.template && named.carryOver) problems.push(...missingCarryOver(result.template, named.carryOver, named.series, fileOf(named.path)));
    }
    return { conclusion: "failure", problems: sortProblems(problems), previews: [] };
  }
  const { config, locate, seriesPath } = parsed;
  const at = (index: number, ...keys: PropertyKey[]) => locate(seriesPath(index, ...keys), true);

  const templates = new Map<string, IssueTemplate>();
  config.series.forEach((series, index) => {
    if (templates.has(series.template)) return;
    const text = input.templates.get(series.template) ?? null;
    const place = at(index, "template");
    if (text === null) {
      problems.push({ ...place, level: "failure", title: keyName(seriesPath(index, "template")), message: `${series.template} does not exist (series "${series.id}" names it): add the template, or fix \`template\`` });
      return;
    }
    const checked = checkTemplate(series.template, text, series.title === undefined, fileOf(series.template));
    problems.push(...checked.problems);
    if (checked.template) templates.set(series.template, checked.template);
  });

  config.series.forEach((series, index) => {
    const template = templates.get(series.template);
    for (const warning of validateSchedule(scheduleSpec(series))) {
      problems.push({ ...at(index, "schedule", "skip"), level: "warning", title: keyName(seriesPath(index, "schedule", "skip")), message: warning });
    }
    if (!template) return;
    const found = findSections(template.body, [series.agenda.section]);
    const firstLine = template.bodyLineOffset + 1;
    problems.push(...missingCarryOver(template, series.carryOver, series.id, fileOf(series.template)));
    if ((found.get(series.agenda.section) ?? []).length === 0) {
      problems.push({
        file: fileOf(series.template),
        line: firstLine,
        level: "warning",
        title: "template",
        message: `the template has no "${series.agenda.section}" section (\`agenda.section\` of series "${series.id}"): \`/agenda\` items will go to a new "### ${series.agenda.section}" at the end of the issue`,
      });
    }
  });

  const previews: SeriesPreview[] = [];
  if (!problems.some((problem) => problem.level === "failure")) {
    for (const series of config.series) {
      const template = templates.get(series.template) as IssueTemplate;
      try {
        previews.push(previewSeries({ series, template, templatePath: series.template, now: input.now, previous: input.previous?.get(series.id) ?? null, which: input.which?.get(series.id) ?? "next" }));
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        problems.push({ file: fileOf(error.path), line: error.line, level: "failure", title: "template", message: error.detail });
      }
    }
  }
  const failed = problems.some((problem) => problem.level === "failure");
  return { conclusion: failed ? "failure" : "success", problems: sortProblems(problems), previews: failed ? [] : previews };
}

/** A failure for each `carryOver` section the template lacks. */
function missingCarryOver(template: IssueTemplate, names: readonly string[], seriesId: string, file: string): CheckProblem[] {
  const found = findSections(template.body, [...names]);
  return names
    .filter((name) => (found.get(name) ?? []).length === 0)
    .map((name) => ({
      file,
      line: template.bodyLineOffset + 1,
      level: "failure",
      title: "template",
      message: `the template has no "${name}" section, which \`carryOver\` of series "${seriesId}" names: unfinished items would land in a new "### ${name}" at the end of every issue. Add the heading back, or remove "${name}" from \`carryOver\``,
    }));
}

/** `titleFromTemplate`: the series sets no `title`, so the template's own title is used (and checked). */
function checkTemplate(path: string, text: string, titleFromTemplate: boolean, file: string): { template?: IssueTemplate; problems: CheckProblem[] } {
  let template: IssueTemplate;
  try {
    template = parseIssueTemplate(text, path);
  } catch (error) {
    if (error instanceof TemplateError) return { problems: [{ file, line: error.line, level: "failure", title: "template", message: error.detail }] };
    throw error;
  }
  const problems: CheckProblem[] = [];
  const unknown = (source: string, offset: number) =>
    findPlaceholders(source, offset)
      .filter((use) => !use.known)
      .map((use): CheckProblem => {
        const { message, hint } = describeUnknownPlaceholder(use.name);
        return { file, line: use.line, level: "failure", title: "template", message: `${message}; ${hint}` };
      });
  problems.push(...unknown(template.body, template.bodyLineOffset));
  if (titleFromTemplate && template.title !== undefined) problems.push(...unknown(template.title, (template.titleLine ?? 2) - 1));
  if (template.body.length > MAX_ISSUE_BODY_LENGTH) {
    const size = template.body.length.toLocaleString("en-US");
    problems.push({ file, line: template.bodyLineOffset + 1, level: "failure", title: "template", message: `the template body is ${size} characters, and GitHub allows ${MAX_ISSUE_BODY_TEXT} in an issue body; shorten it` });
  }
  return { template, problems };
}

function fromConfigProblem(problem: LocatedProblem): CheckProblem {
  return {
    file: problem.file,
    ...(problem.line === undefined ? {} : { line: problem.line }),
    level: "failure",
    title: problem.path === "" ? "(top level)" : problem.path,
    message: problem.hint === undefined ? problem.message : `${problem.message}; ${problem.hint}`,
  };
}

function keyName(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`)).join("");
}

function sortProblems(problems: CheckProblem[]): CheckProblem[] {
  const rank = (problem: CheckProblem) => (problem.level === "failure" ? 0 : 1);
  return [...problems].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

// ── As a GitHub check run ───────────────────────────────────────────────────────────────────

/** GitHub's limits: 65,535 characters of summary and of text; annotations are sent 50 at a time. */
const MAX_OUTPUT = 65_535;

export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
}

export interface CheckRunOutput {
  conclusion: "success" | "failure";
  title: string;
  summary: string;
  text?: string;
  annotations: CheckRunAnnotation[];
}

/**
 * The check run for a result: title, summary (every problem, or each series' next issue and
 * dates), text (the issue bodies) and annotations. `pathIn` maps a problem's file to its path in
 * the repository the run belongs to; problems in other repositories' files are in the summary only.
 */
export function checkRunOutput(check: SetupCheck, pathIn: (file: string) => string | undefined): CheckRunOutput {
  const annotations = check.problems.flatMap((problem): CheckRunAnnotation[] => {
    const path = pathIn(problem.file);
    if (path === undefined) return [];
    const line = problem.line ?? 1;
    return [{ path, start_line: line, end_line: line, annotation_level: problem.level, title: problem.title, message: problem.message }];
  });
  const failures = check.problems.filter((problem) => problem.level === "failure");
  const warnings = check.problems.filter((problem) => problem.level === "warning");
  const list = (problems: CheckProblem[]) =>
    problems.map((problem) => `- \`${problem.file}\`${problem.line === undefined ? "" : ` line ${problem.line}`}, ${problem.title === "template" ? "" : `\`${problem.title}\`: `}${escapeMarkdown(problem.message)}`);
  const warned = warnings.length > 0 ? ["", `**${count(warnings.length, "warning")}:**`, "", ...list(warnings)] : [];

  if (check.conclusion === "failure") {
    const files = [...new Set(failures.map((problem) => problem.file))];
    return {
      conclusion: "failure",
      title: `${count(failures.length, "problem")} in ${files.join(", ")}`,
      summary: limit([`meeting-bot cannot create meeting issues from this configuration. Every problem, with how to fix it:`, "", ...list(failures), ...warned].join("\n")),
      annotations,
    };
  }
  const first = check.previews[0];
  const title = first ? `Next: ${first.plan.title}` : "The configuration is valid";
  const summary = [
    `Ready. The next issue of ${check.previews.length === 1 ? "the series" : `each of the ${check.previews.length} series`}, exactly as meeting-bot will create it:`,
    ...check.previews.flatMap((preview) => ["", formatSeriesPreview(preview, { heading: `### ${escapeMarkdown(preview.series.name ?? preview.series.id)} (\`${preview.series.id}\`)`, body: false })]),
    ...warned,
  ].join("\n");
  const text = check.previews.map((preview) => [`### ${escapeMarkdown(preview.plan.title)}`, "", fenced(neutralizeMarkers(preview.plan.body), "markdown")].join("\n")).join("\n\n");
  return { conclusion: "success", title, summary: limit(summary), ...(text === "" ? {} : { text: limit(text) }), annotations };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function limit(text: string): string {
  if (text.length <= MAX_OUTPUT) return text;
  const note = "\n\n… (cut at GitHub's limit for a check run; `npx meeting-bot preview` shows all of it)";
  return text.slice(0, MAX_OUTPUT - note.length) + note;
}
