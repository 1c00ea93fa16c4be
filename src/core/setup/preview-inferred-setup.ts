import { DateTime } from "luxon";
import { DEFAULT_CONFIG_PATH, parseConfig } from "../../config/parse-config.js";
import { scheduleSpec } from "../../config/schedule-spec.js";
import { parseIssueTemplate } from "../issue-template.js";
import { titlePattern, undatedTitlePattern } from "../meeting-number.js";
import { titleTemplate } from "../plan-meeting-issue.js";
import { previewSeries, type SeriesPreview } from "../preview-series.js";
import { dueOccurrence, previousOccurrence } from "../schedule.js";
import type { InferredSetup } from "./infer-setup.js";
import type { MeetingHistory } from "./meeting-history.js";

/**
 * The first issue the app would create if the inferred files were committed at `now`: the meeting
 * due then, numbered after (and carrying over from) the team's last meeting issue when the app can
 * find it (it carries the label, and its title fits the title template). When that issue was
 * opened for the due meeting itself, the app adopts it, so the preview is the meeting after.
 * Null without a setup. Throws if the inferred files do not parse (a bug in the inference).
 */
export function previewInferredSetup(setup: InferredSetup, history: MeetingHistory, now: DateTime): SeriesPreview | null {
  if (!setup.config || !setup.template || !setup.templatePath) return null;
  const series = parseConfig(setup.config, DEFAULT_CONFIG_PATH).series[0];
  if (!series) return null;
  const template = parseIssueTemplate(setup.template, setup.templatePath);
  const title = titleTemplate(series, template);
  // As the app's first run finds it (locateMeetings): titles of the template, or without its date.
  const [pattern, undated] = [titlePattern(title), undatedTitlePattern(title)];
  const latest = setup.label
    ? history.issues
        .filter((issue) => setup.meetings.includes(issue.number) && (pattern.test(issue.title) || undated?.test(issue.title) === true))
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0]
    : undefined;
  const previous = latest ? { number: latest.number, title: latest.title, body: latest.body } : null;

  const spec = scheduleSpec(series);
  const due = dueOccurrence(spec, now);
  const before = due ? previousOccurrence(spec, due.start) : null;
  const since = before?.start ?? due?.start.minus({ weeks: series.schedule.every });
  const adopted = latest !== undefined && since !== undefined && DateTime.fromISO(latest.createdAt) > since;
  return previewSeries({ series, template, templatePath: setup.templatePath, now, previous, which: adopted ? "next" : "due" });
}
