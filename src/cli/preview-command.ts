import { parseArgs } from "node:util";
import { scheduleSpec } from "../config/schedule-spec.js";
import { parseIssueTemplate } from "../core/issue-template.js";
import { findMarker } from "../core/markers.js";
import { parseMeetingNumber } from "../core/meeting-number.js";
import { planMeetingIssue, titleTemplate, type PreviousMeeting } from "../core/plan-meeting-issue.js";
import { nextOccurrence, occurrenceAt, upcomingOccurrence } from "../core/schedule.js";
import type { CliIo } from "./cli-io.js";
import { CliError } from "./cli-error.js";
import { loadSeries } from "./load-series.js";
import { parseNow } from "./parse-now.js";
import { readInputFile } from "./read-input-file.js";

const USAGE =
  "usage: meeting-bot preview [--config FILE] [--series ID] [--template FILE] [--previous FILE] [--previous-title TITLE] [--previous-number N] [--now ISO-8601] [--json]";

/**
 * `meeting-bot preview`: print the next meeting issue (title, labels, body) exactly as the app
 * would create it, from local files instead of GitHub.
 */
export async function previewCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: "string" },
      series: { type: "string" },
      template: { type: "string" },
      previous: { type: "string" },
      "previous-title": { type: "string" },
      "previous-number": { type: "string" },
      now: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0) throw new CliError(USAGE, 2);

  // Without any config file, a template (--template, or the default template path) previews with the defaults.
  const { series } = await loadSeries(io, { ...values, defaults: true });
  const templatePath = values.template ?? series.template;
  const template = parseIssueTemplate(await readInputFile(io.cwd, templatePath, "template"), templatePath);
  const previous = values.previous === undefined ? null : await readPrevious(io, values, titleTemplate(series, template));
  const spec = scheduleSpec(series);
  const now = parseNow(values.now);

  // After a meeting the bot created, the next one follows it; otherwise the next one from now.
  const previousKey = previous && findMarker(previous.body, (fields) => fields.series === series.id)?.occurrence;
  const previousOccurrence = previousKey ? occurrenceAt(spec, previousKey) : null;
  const occurrence = previousOccurrence ? nextOccurrence(spec, previousOccurrence.start) : upcomingOccurrence(spec, now);

  const plan = planMeetingIssue({ series, template, templatePath, occurrence, previous });
  for (const warning of plan.warnings) io.stderr.write(`meeting-bot: note: ${warning}\n`);

  if (values.json) {
    const { title, labels, assignees, body, meetingNumber, carried, warnings } = plan;
    const json = { series: series.id, occurrence: occurrence.key, title, labels, assignees, meetingNumber, carried, warnings, body };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stdout.write(`title: ${plan.title}\nlabels: ${plan.labels.join(", ")}\n`);
    if (plan.assignees.length > 0) io.stdout.write(`assignees: ${plan.assignees.join(", ")}\n`);
    io.stdout.write(`\n${plan.body}`);
  }
  return 0;
}

async function readPrevious(
  io: CliIo,
  values: { previous?: string; "previous-title"?: string; "previous-number"?: string },
  titleSource: string,
): Promise<PreviousMeeting> {
  const file = values.previous as string;
  // A meeting saved from GitHub is a plain body; the example fixture still has its template front matter.
  const parsed = parseIssueTemplate(await readInputFile(io.cwd, file, "previous meeting"), file);
  const title = values["previous-title"] ?? parsed.title;
  if (title === undefined) {
    throw new CliError(`previous meeting ${file} has no title: pass --previous-title "Weekly Meeting #012"`, 2);
  }
  const issueNumber = values["previous-number"];
  let number: number | undefined;
  if (issueNumber !== undefined) {
    number = Number(issueNumber);
    if (!Number.isSafeInteger(number) || number < 1) {
      throw new CliError(`--previous-number ${issueNumber} is not an issue number; write e.g. --previous-number 97`, 2);
    }
  }
  // Offline there is no issue number; the meeting number stands in for {{previous}} unless given.
  number ??= parseMeetingNumber(title, titleSource)?.number ?? 1;
  return { number, title, body: parsed.body };
}
