import type { Root } from "mdast";
import type { SeriesConfig } from "../config/schema.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import { threadItemText } from "./agenda-item.js";
import { applyAgendaCommands, ISSUE_FULL_REASON } from "./apply-agenda-commands.js";
import { calendarLinks, type CalendarSite } from "./calendar-links.js";
import { carryAgenda } from "./carry-agenda.js";
import { flaggedItems, insertFlaggedList, type CarryCount } from "./carry-count.js";
import { carryOver, type CarryOverInput } from "./carry-over.js";
import { chooseLocation } from "./choose-location.js";
import { collectCallsToAction } from "./collect-calls-to-action.js";
import { formatDateAs } from "./date-placeholder.js";
import { findCallsToAction, type CollectRule } from "./find-calls-to-action.js";
import type { SectionItem } from "./extract-items.js";
import type { IssueTemplate } from "./issue-template.js";
import { MAX_ISSUE_BODY_LENGTH, MAX_ISSUE_BODY_TEXT } from "./issue-body-limit.js";
import { parseMarkdown } from "./markdown.js";
import { formatMarker, neutralizeMarkers, parseMarkers } from "./markers.js";
import { nextMeetingNumber, renderTitle } from "./meeting-number.js";
import { findPlaceholders, renderPlaceholders, type RenderValues } from "./render-placeholders.js";
import { formatPerson, rotateRole } from "./rotate-role.js";
import type { Meeting } from "./meeting-schedule.js";
import { pendingDecisions, type ScheduleChanges } from "./schedule-changes.js";
import { nextOccurrence, previousOccurrence, type Occurrence } from "./schedule.js";
import { spliceItems } from "./splice-items.js";
import { TemplateError } from "./template-error.js";
import { formatMeetingDate, formatMeetingTime, timeAndDateUrl, timeZoneList, zoneTable } from "./time-zone-table.js";

/** The meeting issue before this one, as far as the plan needs it. */
export interface PreviousMeeting {
  /** Issue number (`#12`), not the meeting number. */
  number: number;
  title: string;
  body: string;
  /**
   * Set when that meeting was skipped (`/meeting skip`): it gave up its number (`number`, as its
   * skip recorded it), which this meeting takes, and its agenda moves here with its carried items.
   */
  skipped?: { number?: string };
}

export interface PlanInput {
  series: SeriesConfig;
  template: IssueTemplate;
  /** For error messages: where the template came from. */
  templatePath: string;
  occurrence: Meeting;
  previous: PreviousMeeting | null;
  /** Open issues and PRs carrying the series' agenda label: listed on the new agenda. */
  proposals?: ReadonlyArray<{ number: number; title: string; author: string }>;
  /**
   * "later": the issue is opened before its creation time (an `/agenda` command needs it while the
   * previous meeting is still running or being wrapped up), so nothing is carried yet: the marker
   * says `carry=later`, and `planLateCarryOver` carries the items at the creation time. Default "now".
   */
  carry?: "now" | "later";
  /**
   * Skips and moves recorded by `/meeting` commands: location rules count skipped meetings out,
   * and the decisions about meetings still to come are copied into the new issue. `occurrence` is
   * already the meeting as it takes place (a moved one has its new start).
   */
  changes?: ScheduleChanges;
  /** The app's own calendar routes, for `{{calendar}}` (needs the app's public URL); without it, Google Calendar only. */
  calendar?: CalendarSite;
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
  /** Calls to action collected from anywhere in the previous meeting (`TODO: …`), by target section. */
  collected: Record<string, SectionItem[]>;
  /** Things a maintainer may want to know (a section missing in the previous issue…). */
  warnings: string[];
}

/**
 * The hidden marker that identifies the issue of one occurrence of one series. It also names the
 * previous meeting issue, so a run interrupted after creating the issue knows what to link and close.
 */
export function occurrenceMarker(seriesId: string, occurrence: Pick<Occurrence, "key">, previousNumber?: number, carryLater = false): string {
  return formatMarker({
    series: seriesId,
    occurrence: occurrence.key,
    ...(previousNumber === undefined ? {} : { previous: String(previousNumber) }),
    ...(carryLater ? { carry: "later" } : {}),
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
 * Pure: the same input gives the same issue. Throws TemplateError for an unknown placeholder, or
 * for a template that alone makes a body over GitHub's limit.
 *
 * The body never exceeds GitHub's 65,536 characters: when the carried items would not fit, the
 * last ones are left out (whole items), a visible note in their section says how many and links
 * the previous meeting, which still holds them, and a warning says so. Threads proposed by the
 * agenda label take the room that is left.
 */
export function planMeetingIssue(input: PlanInput): MeetingIssuePlan {
  const { series, template, templatePath, occurrence, previous } = input;
  const titleSource = titleTemplate(series, template);
  const number = meetingNumberAfter(previous, titleSource);
  const values = placeholderValues(series, occurrence, number.number, number.text, previous, input.changes);

  const title = renderTitle(titleSource, values, { path: templatePath, lineOffset: template.titleLine ? template.titleLine - 1 : 0 })
    .replace(/\s+/g, " ")
    .trim();
  values.calendar = calendarValue(occurrence, title, values.location, input.calendar);
  // A marker in the template (copied from a meeting issue, say) or in a config value must not
  // make every new issue claim some other meeting: only the one appended below counts.
  const rendered = neutralizeMarkers(renderPlaceholders(template.body, values, { path: templatePath, lineOffset: template.bodyLineOffset }));
  const later = input.carry === "later" && previous !== null;
  const ledger = input.changes ? pendingDecisions(series.id, input.changes, occurrence.date) : "";
  const marker = (ledger ? `${ledger}\n` : "") + occurrenceMarker(series.id, occurrence, previous?.number, later);
  // The new issue always names the previous one; a template may place it with {{previous}}.
  const named = findPlaceholders(template.body).some((use) => use.name === "previous");
  const link = (body: string) => (previous && !named ? appendBlock(body, `Previous meeting: #${previous.number}`) : body);
  const finish = (body: string) => appendBlock(body, marker);

  const bare = finish(link(rendered)).length;
  if (bare > MAX_ISSUE_BODY_LENGTH) throw tooLong(templatePath, template, bare);

  const warnings: string[] = [];
  let carried: Record<string, SectionItem[]> = {};
  let collected: Record<string, SectionItem[]> = {};
  let body = link(rendered);
  if (previous && !later && (series.carryOver.length > 0 || series.collect.length > 0 || previous.skipped)) {
    const fitted = carryWhatFits(rendered, previous, series.carryOver, (candidate) => finish(link(candidate)).length, carryExtras(series, occurrence, previous));
    body = link(fitted.body);
    carried = fitted.carried;
    collected = fitted.collected;
    warnings.push(...fitted.warnings);
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
    // Room for the marker that `finish` appends (two line breaks before it, one after).
    const room = MAX_ISSUE_BODY_LENGTH - marker.length - 3 * eolOf(body).length;
    const applied = applyAgendaCommands(body, series.agenda.section, requests, names, room);
    body = applied.body;
    const full = applied.outcomes.filter((outcome) => outcome.status === "invalid" && outcome.reason === ISSUE_FULL_REASON).length;
    if (full > 0) warnings.push(`${full} of the threads labelled "${series.agenda.label}" did not fit GitHub's ${MAX_ISSUE_BODY_TEXT}-character limit and are not listed on the agenda`);
  }
  body = finish(body);

  return {
    title,
    body,
    labels: unique([...series.labels, ...template.labels]),
    assignees: unique(template.assignees),
    meetingNumber: number.number,
    carried,
    collected,
    warnings,
  };
}

/**
 * Carry the previous meeting's unfinished items into `target`, as many as fit: `size` says how
 * long the finished issue body would be. Items are dropped from the end (the last section's last
 * first), whole, each retry dropping at least enough blocks to cover the excess; each section that
 * lost items gets a visible note, unless the template leaves no room even for that. `target`
 * alone must fit. `context`: the series' template, whose text is never carried, and the sections
 * read otherwise, such as the agenda (see `carryOver`).
 */
export function carryWhatFits(
  target: string,
  previous: PreviousMeeting,
  sections: string[],
  size: (body: string) => number,
  extras: CarryExtras = {},
): { body: string; carried: Record<string, SectionItem[]>; collected: Record<string, SectionItem[]>; warnings: string[] } {
  let maxItems: number | undefined;
  // Parsed once: the carry-over and the calls to action read the same previous meeting, each fitting attempt too.
  const previousTree = parsedOrUndefined(previous.body);
  // Where the calls to action are: open tasks there are collected, not left behind unseen.
  const collectedPlaces = extras.collect && extras.collect.length > 0 && previousTree ? callPlaces(previous.body, extras.collect, sections, previousTree) : [];
  for (;;) {
    const result = carryOver({
      previousBody: previous.body,
      targetBody: target,
      sections,
      ...(maxItems === undefined ? {} : { maxItems }),
      ...(extras.count ? { count: extras.count } : {}),
      ...(extras.templateBody === undefined ? {} : { templateBody: extras.templateBody }),
      ...(extras.otherSections ? { otherSections: extras.otherSections } : {}),
      ...(previousTree ? { previousTree } : {}),
      ...(collectedPlaces.length > 0 ? { collected: collectedPlaces } : {}),
    });
    const warnings = [...result.warnings];
    let body = result.body;
    if (extras.agenda) body = carryAgenda(previous.body, body, extras.agenda.section, extras.agenda.names).body;
    // Calls to action written elsewhere in the notes go after what was carried, and are the first left out.
    const carriedCount = sections.reduce((sum, name) => sum + (result.added[name]?.length ?? 0), 0);
    const names = [...sections, ...(extras.otherSections ?? [])];
    const collect = extras.collect && extras.collect.length > 0
      ? collectCallsToAction({
          previousBody: previous.body,
          targetBody: body,
          rules: extras.collect,
          previousNumber: previous.number,
          carried: sections,
          names,
          ...(previousTree ? { previousTree } : {}),
          ...(maxItems === undefined ? {} : { maxItems: Math.max(0, maxItems - carriedCount) }),
        })
      : undefined;
    if (collect) {
      body = collect.body;
      warnings.push(...collect.warnings);
    }
    const dropped = new Map(Object.entries(result.dropped));
    // Calls to action that did not fit are counted in a note already there, if any (one note takes less room than two).
    for (const [name, count] of Object.entries(collect?.dropped ?? {})) {
      if (count === 0) continue;
      const noted = [...dropped].find(([, earlier]) => earlier > 0)?.[0] ?? name;
      dropped.set(noted, (dropped.get(noted) ?? 0) + count);
    }
    for (const [name, count] of dropped) {
      if (count === 0) continue;
      body = spliceItems(body, name, [droppedNote(count, previous.number)], [...new Set([...names, name])]).body;
      warnings.push(`${count} unfinished "${name}" ${count === 1 ? "item" : "items"} did not fit GitHub's ${MAX_ISSUE_BODY_TEXT}-character limit for an issue body; ${count === 1 ? "it stays" : "they stay"} in #${previous.number}, and a note says so`);
    }
    const collected = collect?.collected ?? {};
    const flag = extras.count?.flagAfter ?? 0;
    if (extras.listFlagged && flag > 0 && sections[0] !== undefined) {
      body = insertFlaggedList(body, sections[0], sections, flaggedItems(body, sections, extras.count?.into ?? "", flag), flag);
    }
    const excess = size(body) - MAX_ISSUE_BODY_LENGTH;
    if (excess <= 0) return { body, carried: result.carried, collected, warnings };

    // Newest-last order of what was added; drop from its end until the excess (and a note per section) is covered.
    const blocks = [
      ...sections.flatMap((name) => (result.added[name] ?? []).map((block) => ({ name, length: block.length }))),
      ...Object.entries(collect?.added ?? {}).flatMap(([name, added]) => added.map((block) => ({ name, length: block.length }))),
    ];
    if (blocks.length === 0) {
      // Nothing carried, and still no room for the notes: the template alone, and a warning.
      const total = [...dropped.values()].reduce((sum, count) => sum + count, 0);
      const room = `the template leaves no room for them, nor for a note; they stay in #${previous.number}`;
      return { body: result.body, carried: result.carried, collected: {}, warnings: [...result.warnings, `${total} unfinished items did not fit GitHub's ${MAX_ISSUE_BODY_TEXT}-character limit: ${room}`] };
    }
    const eol = eolOf(target).length;
    const noted = new Set([...dropped].flatMap(([name, count]) => (count > 0 ? [name] : [])));
    let kept = blocks.length;
    let covered = 0;
    let needed = excess;
    while (kept > 0 && covered < needed) {
      const block = blocks[kept - 1] as { name: string; length: number };
      kept -= 1;
      covered += block.length + 2 * eol;
      if (!noted.has(block.name)) {
        noted.add(block.name);
        needed += droppedNote(blocks.length, previous.number).length + 2 * eol;
      }
    }
    maxItems = kept;
  }
}

/** Where the calls to action of `body` are; none when reading them fails (the collecting step then says why). */
function callPlaces(body: string, rules: readonly CollectRule[], carried: readonly string[], tree: Root): Array<{ start: number; end: number }> {
  try {
    return findCallsToAction(body, rules, { exclude: carried, tree }).map(({ item }) => ({ start: item.start, end: item.end }));
  } catch {
    return [];
  }
}

/** The parsed body; undefined when the parser gives up (each step then says so in its own warning). */
function parsedOrUndefined(body: string): Root | undefined {
  try {
    return parseMarkdown(body);
  } catch {
    return undefined;
  }
}

/** What carrying does besides copying: count the meetings each item travelled, list those carried too long. */
export interface CarryExtras extends Pick<CarryOverInput, "templateBody" | "otherSections"> {
  count?: CarryCount;
  /** List the items carried `count.flagAfter` meetings or more at the top of the first section. */
  listFlagged?: boolean;
  /** Carry the previous meeting's unchecked agenda items too (it was skipped, so its agenda moves here). */
  agenda?: { section: string; names: string[] };
  /** Collect the calls to action written anywhere in the previous meeting by these rules (see `collectCallsToAction`). */
  collect?: readonly CollectRule[];
}

/** The carry extras a series asks for, carrying from `previous` into `occurrence`. */
export function carryExtras(series: SeriesConfig, occurrence: Pick<Occurrence, "key">, previous: PreviousMeeting): CarryExtras {
  const from = parseMarkers(previous.body).findLast((fields) => fields.series === series.id && fields.occurrence)?.occurrence;
  return {
    count: { into: occurrence.key, from, flagAfter: series.carryOverFlag.after, ...(previous.skipped ? { throughSkipped: true } : {}) },
    // The agenda is read, not carried: open tasks there are not left behind by mistake.
    otherSections: [series.agenda.section],
    listFlagged: series.carryOverFlag.list === "top",
    ...(series.collect.length > 0 ? { collect: series.collect } : {}),
    ...(previous.skipped ? { agenda: { section: series.agenda.section, names: [series.agenda.section, ...series.carryOver] } } : {}),
  };
}

/** The visible note in a section whose last items did not fit. */
function droppedNote(count: number, previousNumber: number): string {
  const items = count === 1 ? "item" : "items";
  return `> meeting-bot: ${count} more unfinished ${items} from #${previousNumber} did not fit (GitHub's ${MAX_ISSUE_BODY_TEXT}-character limit); see #${previousNumber}.`;
}

function tooLong(path: string, template: IssueTemplate, length: number): TemplateError {
  return new TemplateError(
    path,
    template.bodyLineOffset + 1,
    `the meeting issue body would be ${length.toLocaleString("en-US")} characters with the template filled in, and GitHub allows ${MAX_ISSUE_BODY_TEXT}; shorten the template`,
  );
}

function eolOf(body: string): string {
  return body.includes("\r\n") ? "\r\n" : "\n";
}

/** This meeting's number: the previous meeting's plus one; a skipped previous meeting's own (it gave it up). */
export function meetingNumberAfter(previous: Pick<PreviousMeeting, "title" | "skipped"> | null, titleSource: string): { number: number; text: string } {
  const released = previous?.skipped?.number;
  if (released !== undefined && /^\d{1,15}$/.test(released)) return { number: Number(released), text: released };
  return nextMeetingNumber(previous?.title ?? null, titleSource);
}

/** The `{{calendar}}` links of a meeting. */
function calendarValue(meeting: Meeting, title: string, location: string, site: CalendarSite | undefined): string {
  return calendarLinks({ title, start: meeting.start, end: meeting.end, location, date: meeting.date }, site);
}

/**
 * Every placeholder's value for a meeting (its number known). `calendar` needs the rendered
 * title: set it afterwards (`calendarValue`); here it is the Google link without a title.
 */
export function placeholderValues(
  series: SeriesConfig,
  occurrence: Meeting,
  meetingNumber: number,
  numberText: string,
  previous: Pick<PreviousMeeting, "number"> | null,
  changes?: ScheduleChanges,
  calendar?: CalendarSite,
): RenderValues {
  const configured = scheduleSpec(series);
  // Location rules see meetings skipped by command as the config's skips.
  const spec = changes && changes.skipped.size > 0 ? { ...configured, skip: [...configured.skip, ...changes.skipped.keys()] } : configured;
  const regularStart = occurrence.movedFrom ?? occurrence.start;
  const zones = series.timezones.length > 0 ? series.timezones : [series.schedule.timezone];
  const role = (people: string[]) => {
    const person = rotateRole(people, meetingNumber);
    return person === null ? "TBA" : formatPerson(person);
  };
  const location = chooseLocation(series.location, {
    occurrence,
    previous: previousOccurrence(spec, regularStart),
    next: nextOccurrence(spec, regularStart),
    meetingNumber,
  });
  const values: RenderValues = {
    number: numberText,
    date: formatMeetingDate(occurrence.start),
    time: formatMeetingTime(occurrence.start),
    timezones: timeZoneList(occurrence.start, zones),
    timezone_table: zoneTable(occurrence.start, zones),
    timeanddate_url: timeAndDateUrl(occurrence.start),
    formatDate: (format) => formatDateAs(occurrence.start, format),
    previous: previous ? `#${previous.number}` : "none (first meeting)",
    moderator: role(series.roles.moderator),
    notetaker: role(series.roles.notetaker),
    location,
    calendar: "",
  };
  values.calendar = calendarValue(occurrence, "", location, calendar);
  return values;
}

/** Append a block after the body's last line, separated by a blank line, in the body's line-ending style. */
export function appendBlock(body: string, block: string): string {
  const eol = eolOf(body);
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
