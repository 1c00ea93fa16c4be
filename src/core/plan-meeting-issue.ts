import type { SeriesConfig } from "../config/schema.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import { threadItemText } from "./agenda-item.js";
import { applyAgendaCommands } from "./apply-agenda-commands.js";
import { carryOver } from "./carry-over.js";
import { chooseLocation } from "./choose-location.js";
import type { SectionItem } from "./extract-items.js";
import type { IssueTemplate } from "./issue-template.js";
import { formatMarker } from "./markers.js";
import { nextMeetingNumber, renderTitle } from "./meeting-number.js";
import { findPlaceholders, renderPlaceholders, type PlaceholderValues } from "./render-placeholders.js";
import { formatPerson, rotateRole } from "./rotate-role.js";
import { nextOccurrence, previousOccurrence, type Occurrence } from "./schedule.js";
import { formatMeetingDate, formatMeetingTime, timeAndDateUrl, timeZoneList, zoneTable } from "./time-zone-table.js";

/** The meeting issue before this one, as far as the plan needs it. */
export interface PreviousMeeting {
  /** Issue number (`#12`), not the meeting number. */
  number: number;
  title: string;
  body: string;
}

export interface PlanInput {
  series: SeriesConfig;
  template: IssueTemplate;
  /** For error messages: where the template came from. */
  templatePath: string;
  occurrence: Occurrence;
  previous: PreviousMeeting | null;
  /** Open issues and PRs carrying the series' agenda label: listed on the new agenda. */
  proposals?: ReadonlyArray<{ number: number; title: string; author: string }>;
}

/** Everything needed to create the meeting issue, plus what the caller may want to log. */
export interface MeetingIssuePlan {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  /** The meeting's own number (2 for "#002"). */
  meetingNumber: number;
  /** Items copied from the previous meeting, by section name. */
  carried: Record<string, SectionItem[]>;
  /** Things a maintainer may want to know (a section missing in the previous issue…). */
  warnings: string[];
}

/**
 * The hidden marker that identifies the issue of one occurrence of one series. It also names the
 * previous meeting issue, so a run interrupted after creating the issue knows what to link and close.
 */
export function occurrenceMarker(seriesId: string, occurrence: Pick<Occurrence, "key">, previousNumber?: number): string {
  return formatMarker({
    series: seriesId,
    occurrence: occurrence.key,
    ...(previousNumber === undefined ? {} : { previous: String(previousNumber) }),
  });
}

/** The title template of a series: the config's, else the template's, else "<name> #{{number}}". */
export function titleTemplate(series: SeriesConfig, template: IssueTemplate): string {
  return series.title ?? template.title ?? `${seriesName(series, template)} #{{number}}`;
}

export function seriesName(series: SeriesConfig, template: IssueTemplate): string {
  return series.name ?? template.name ?? series.id;
}

/**
 * Plan the meeting issue of one occurrence: number it after the previous meeting, render the
 * template, carry the previous meeting's unfinished items over, and mark it as this occurrence's.
 * Pure: the same input gives the same issue. Throws TemplateError for an unknown placeholder.
 */
export function planMeetingIssue(input: PlanInput): MeetingIssuePlan {
  const { series, template, templatePath, occurrence, previous } = input;
  const titleSource = titleTemplate(series, template);
  const number = nextMeetingNumber(previous?.title ?? null, titleSource);
  const values = placeholderValues(series, occurrence, number.number, number.text, previous);

  const title = renderTitle(titleSource, values, { path: templatePath, lineOffset: template.titleLine ? template.titleLine - 1 : 0 })
    .replace(/\s+/g, " ")
    .trim();
  let body = renderPlaceholders(template.body, values, { path: templatePath, lineOffset: template.bodyLineOffset });

  const warnings: string[] = [];
  let carried: Record<string, SectionItem[]> = {};
  if (previous) {
    if (series.carryOver.length > 0) {
      const result = carryOver({ previousBody: previous.body, targetBody: body, sections: series.carryOver });
      body = result.body;
      carried = result.carried;
      warnings.push(...result.warnings);
    }
    // The new issue always names the previous one; a template may place it with {{previous}}.
    if (!findPlaceholders(template.body).some((use) => use.name === "previous")) {
      body = appendBlock(body, `Previous meeting: #${previous.number}`);
    }
  }
  if (input.proposals && input.proposals.length > 0) {
    // The agenda label proposes a thread until the label is removed (Node.js's tsc-agenda practice).
    const requests = input.proposals.map((thread) => ({
      kind: "add" as const,
      text: threadItemText(thread),
      author: /^[A-Za-z0-9-]+(\[bot\])?$/.test(thread.author) ? thread.author : "ghost",
      source: { label: true as const, issue: thread.number },
    }));
    const names = [series.agenda.section, ...series.carryOver];
    body = applyAgendaCommands(body, series.agenda.section, requests, names).body;
  }
  body = appendBlock(body, occurrenceMarker(series.id, occurrence, previous?.number));

  return {
    title,
    body,
    labels: unique([...series.labels, ...template.labels]),
    assignees: unique(template.assignees),
    meetingNumber: number.number,
    carried,
    warnings,
  };
}

function placeholderValues(
  series: SeriesConfig,
  occurrence: Occurrence,
  meetingNumber: number,
  numberText: string,
  previous: PreviousMeeting | null,
): PlaceholderValues {
  const spec = scheduleSpec(series);
  const zones = series.timezones.length > 0 ? series.timezones : [series.schedule.timezone];
  const role = (people: string[]) => {
    const person = rotateRole(people, meetingNumber);
    return person === null ? "TBA" : formatPerson(person);
  };
  return {
    number: numberText,
    date: formatMeetingDate(occurrence.start),
    time: formatMeetingTime(occurrence.start),
    timezones: timeZoneList(occurrence.start, zones),
    timezone_table: zoneTable(occurrence.start, zones),
    timeanddate_url: timeAndDateUrl(occurrence.start),
    previous: previous ? `#${previous.number}` : "none (first meeting)",
    moderator: role(series.roles.moderator),
    notetaker: role(series.roles.notetaker),
    location: chooseLocation(series.location, {
      occurrence,
      previous: previousOccurrence(spec, occurrence.start),
      next: nextOccurrence(spec, occurrence.start),
      meetingNumber,
    }),
  };
}

/** Append a block after the body's last line, separated by a blank line, in the body's line-ending style. */
function appendBlock(body: string, block: string): string {
  const eol = body.includes("\r\n") ? "\r\n" : "\n";
  const trimmed = body.replace(/(\r?\n)*$/, "");
  return `${trimmed}${eol}${eol}${block}${eol}`;
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
