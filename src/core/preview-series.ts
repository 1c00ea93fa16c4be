import type { DateTime } from "luxon";
import { scheduleSpec } from "../config/schedule-spec.js";
import type { SeriesConfig } from "../config/schema.js";
import type { IssueTemplate } from "./issue-template.js";
import { planMeetingIssue, type MeetingIssuePlan, type PreviousMeeting } from "./plan-meeting-issue.js";
import { creationTime, dueOccurrence, nextDue, nextOccurrence, type Occurrence } from "./schedule.js";

export interface SeriesPreview {
  series: SeriesConfig;
  occurrence: Occurrence;
  /** When the app creates its issue. */
  createAt: DateTime;
  plan: MeetingIssuePlan;
  /** The next meetings from the previewed one on (it included), with their creation times. */
  upcoming: Array<{ occurrence: Occurrence; createAt: DateTime }>;
  /** The series zone and every configured zone. */
  zones: string[];
}

export interface PreviewInput {
  series: SeriesConfig;
  template: IssueTemplate;
  templatePath: string;
  now: DateTime;
  previous: PreviousMeeting | null;
  /**
   * "next" (default): the first meeting whose issue the app has yet to create, as a check run shows it.
   * "due": the meeting whose issue the app would create at once in a repository it has not run in
   * yet (the latest whose creation time has passed), as the onboarding issue shows it.
   */
  which?: "next" | "due";
  /** How many meetings `upcoming` lists (default 5). */
  count?: number;
}

/** The next meeting issue of a series exactly as the app would create it, and the meetings after it. Pure. */
export function previewSeries(input: PreviewInput): SeriesPreview {
  const { series, now } = input;
  const spec = scheduleSpec(series);
  const occurrence = (input.which === "due" ? dueOccurrence(spec, now) : null) ?? nextDue(spec, now).occurrence;
  const plan = planMeetingIssue({ series, template: input.template, templatePath: input.templatePath, occurrence, previous: input.previous });
  const upcoming: SeriesPreview["upcoming"] = [];
  for (let next = occurrence; upcoming.length < (input.count ?? 5); next = nextOccurrence(spec, next.start)) {
    upcoming.push({ occurrence: next, createAt: creationTime(spec, next) });
  }
  return { series, occurrence, createAt: creationTime(spec, occurrence), plan, upcoming, zones: [...new Set([series.schedule.timezone, ...series.timezones])] };
}
