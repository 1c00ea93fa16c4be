import { DateTime } from "luxon";
import { parseConfig } from "../../src/config/parse-config.js";
import { scheduleSpec } from "../../src/config/schedule-spec.js";
import type { SeriesConfig } from "../../src/config/schema.js";
import { parseIssueTemplate, type IssueTemplate } from "../../src/core/issue-template.js";
import { planMeetingIssue, type MeetingIssuePlan, type PlanInput } from "../../src/core/plan-meeting-issue.js";
import { nextOccurrence } from "../../src/core/schedule.js";
import { CONFIG, EXAMPLE_TEMPLATE } from "../helpers/meeting-world.js";

/** The example series (crates.io), from the example config, optionally edited as text first. */
export function exampleSeries(replace: (config: string) => string = (config) => config): SeriesConfig {
  const config = parseConfig(replace(CONFIG));
  return config.series[0] as SeriesConfig;
}

export const EXAMPLE: IssueTemplate = parseIssueTemplate(EXAMPLE_TEMPLATE, ".github/ISSUE_TEMPLATE/weekly-meeting.md");

/** Plan meeting #002 (2020-09-18) after a previous meeting issue #1 with `previousBody`. */
export function planAfter(previousBody: string, overrides: Partial<PlanInput> = {}): MeetingIssuePlan {
  const series = overrides.series ?? exampleSeries();
  return planMeetingIssue({
    series,
    template: EXAMPLE,
    templatePath: ".github/ISSUE_TEMPLATE/weekly-meeting.md",
    occurrence: nextOccurrence(scheduleSpec(series), DateTime.fromISO("2020-09-12T00:00:00Z", { zone: "utc" })),
    previous: { number: 1, title: "Crates.io Weekly Team Meeting #001", body: previousBody },
    ...overrides,
  });
}
