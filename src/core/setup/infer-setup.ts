import { DEFAULT_CONFIG_PATH } from "../../config/parse-config.js";
import { DEFAULT_TEMPLATE } from "../../config/schema.js";
import { formatMeetingNumber } from "../meeting-number.js";
import { findMeetingIssues, MIN_MEETING_ISSUES, saysMeeting, weeklyRhythm, type MeetingEvidence } from "./find-meeting-issues.js";
import { findSetupSections } from "./find-setup-sections.js";
import { formatSetupConfig, scalar } from "./format-setup-config.js";
import { inferSchedule, type InferredSchedule } from "./infer-schedule.js";
import { inferTemplateBody, type TemplateBody } from "./infer-template.js";
import type { HistoryIssue, MeetingHistory } from "./meeting-history.js";
import { seriesNameOf, titleShape } from "./title-shape.js";

export type { MeetingHistory, HistoryIssue, HistoryTemplate } from "./meeting-history.js";
export { MIN_MEETING_ISSUES } from "./find-meeting-issues.js";

/** How far to trust an inferred setup: "none" means no meetings were found, and nothing is proposed. */
export type Confidence = "none" | "low" | "medium" | "high";

/**
 * Independent signs that the team meets here: a meeting label, titles that count up, a meeting
 * issue template, issues opened on a weekly rhythm, dates or start times written in the notes, and
 * the sections meeting notes have (action items, agenda). `decideOnboarding` wants two of them at
 * low confidence.
 */
export type MeetingSignal = "label" | "titles" | "template" | "rhythm" | "written" | "sections";

export interface InferredSetup {
  confidence: Confidence;
  /** The signs found (see MeetingSignal), in that order. */
  signals: MeetingSignal[];
  /** The newest meeting issue: its number and when it was opened (ISO 8601). */
  newest?: { number: number; createdAt: string };
  /** Median days between meetings, when there were two or more. */
  gapDays?: number;
  /** `.github/meeting-bot.yml`; null without evidence. */
  config: string | null;
  /** The meeting template; null without evidence. */
  template: string | null;
  templatePath: string | null;
  /** What to add to the repository: the config, and the template unless the team's own is used as it is. */
  files: Array<{ path: string; content: string }>;
  /** Why, in sentences a maintainer can check one by one. */
  reasons: string[];
  /** The issues read as meetings, newest first. */
  meetings: number[];
  /** The label the meeting issues carry, when one does. */
  label?: string;
}

// The generated template's path, when the team's own template is not used as it is.
const FALLBACK_TEMPLATE = ".github/ISSUE_TEMPLATE/meeting-bot.md";
/** The template when the notes leave nothing to keep. */
const STARTER = `- **Date/Time:** {{date}}, {{time}} ([in your time zone]({{timeanddate_url}}))
- **Previous meeting:** {{previous}}

## Agenda

## Action Items

## Notes
`;
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/**
 * A meeting-bot setup inferred from a repository's past: which issues are its meetings (see
 * `findMeetingIssues` for the evidence needed), their title pattern and numbering, weekday, time,
 * zone and rhythm, the sections the notes use, and a template made from the latest meeting (or
 * the team's own meeting template). Pure: the same history always gives the same setup.
 */
export function inferSetup(history: MeetingHistory): InferredSetup {
  const evidence = findMeetingIssues(history);
  if (!evidence) {
    return {
      confidence: "none",
      config: null,
      template: null,
      templatePath: null,
      files: [],
      reasons: [
        `No meetings found: no label like \`meeting\` on ${MIN_MEETING_ISSUES} or more issues, no ${MIN_MEETING_ISSUES} or more issues whose titles count up (\`… #12\`, \`… 2026-11-20\`), and no meeting issue template.`,
      ],
      meetings: [],
      signals: [],
    };
  }
  const { issues } = evidence;
  const latest = issues[0];
  const reasons: string[] = [evidenceReason(evidence)];
  const schedule = inferSchedule(issues);

  // The title: the newest issue's shape that counts (a number or a date), else the team template's.
  const counted = issues.map((issue) => ({ issue, shape: titleShape(issue.title) })).find(({ shape }) => shape.number || shape.date);
  const teamTitle = evidence.template?.parsed.title;
  let titleTemplate: string;
  let name: string | undefined;
  if (counted) {
    titleTemplate = counted.shape.template;
    name = seriesNameOf(titleTemplate);
    const number = counted.shape.number;
    if (!evidence.label && number) {
      // Without a label the app cannot find the team's last meeting: the title carries the next number itself.
      const next = formatMeetingNumber(number.value + 1, number.width);
      titleTemplate = titleTemplate.replace("{{number}}", next);
      reasons.push(`No label marks these issues, so the app cannot read ${code(counted.issue.title)} to number after it or carry its open items over: the title starts at ${next} (${code(titleTemplate)}) and counts up from there.`);
    } else if (number) {
      reasons.push(`Titles count up: after ${code(counted.issue.title)} comes ${formatMeetingNumber(number.value + 1, number.width)}, zero padding kept (${code(titleTemplate)}).`);
    } else {
      reasons.push(`Titles carry the meeting date: ${code(titleTemplate)}.`);
    }
  } else if (teamTitle) {
    titleTemplate = titleShape(teamTitle).date ? titleShape(teamTitle).template : teamTitle;
  } else {
    const name = latest ? latest.title.trim() : (evidence.template?.parsed.name ?? "Meeting");
    titleTemplate = `${name.replace(/\{\{/g, "\\{{")} {{date:yyyy-MM-dd}}`;
    reasons.push(
      `The titles neither count nor carry a date, so the meeting date is added: ${code(titleTemplate)}. The app's first issue still follows the team's last ${code(name)}, found by its label and title without the date, and carries its open items over.`,
    );
  }
  name = evidence.template?.parsed.name ?? name ?? seriesNameOf(titleTemplate);

  reasons.push(...scheduleReasons(schedule, issues.length));

  const made = makeTemplate(evidence, schedule, titleTemplate, name);
  reasons.push(made.reason);
  const sections = made.starter
    ? { actionItems: { name: "Action Items", count: 0 }, agenda: { name: "Agenda", count: 0 } }
    : findSetupSections([...issues.map((issue) => issue.body), ...(evidence.template ? [evidence.template.parsed.body] : [])]);
  const carryOver = [sections.actionItems?.name, "openDiscussion" in sections ? sections.openDiscussion?.name : undefined].filter((section): section is string => section !== undefined);
  const of = issues.length + (evidence.template ? 1 : 0);
  if (made.starter) {
    reasons.push('The starter template has "Action Items", carried over to the next meeting when unfinished, and an "Agenda" for `/agenda` comments.');
  } else if (carryOver.length > 0) {
    const counts = [sections.actionItems, "openDiscussion" in sections ? sections.openDiscussion : undefined].flatMap((found) => (found ? [`"${found.name}" (${found.count} of ${of})`] : []));
    reasons.push(`The notes use ${counts.join(" and ")}: their unfinished items are carried over to the next meeting.`);
  } else {
    reasons.push("The notes have no Action Items or Open Discussion section, so nothing is carried over (`carryOver: []`): add such a section to the template and to `carryOver` to carry unfinished items.");
  }
  const agendaSection = sections.agenda?.name;
  if (!made.starter) {
    reasons.push(
      agendaSection
        ? `\`/agenda\` comments add to the "${agendaSection}" section.`
        : 'The notes have no agenda section: `/agenda` items will go to a "Proposed Agenda" section at the end of the issue.',
    );
  }
  if (made.location) reasons.push(`Meetings are held at ${code(made.location)}: the template says \`{{location}}\`.`);

  const label = evidence.label ?? "meeting";
  const config = formatSetupConfig({
    name,
    template: made.path,
    label,
    schedule: {
      weekday: schedule.weekday,
      ...(schedule.time ? { time: schedule.time } : {}),
      timezone: schedule.timezone,
      every: schedule.every,
      ...(schedule.anchor ? { anchor: schedule.anchor } : {}),
    },
    ...(schedule.zoneAssumed ? { zoneComment: "assumed: the notes name no time zone" } : {}),
    carryOver,
    ...(agendaSection && agendaSection !== "Proposed Agenda" ? { agendaSection } : {}),
    ...(made.location ? { location: made.location } : {}),
    meetings: issues.length,
  });

  // The template first: a team that adds the files in the order listed has a working setup the
  // moment the config lands (a config naming a missing template would fail until the second file).
  const files = [...(made.isNew ? [{ path: made.path, content: made.text }] : []), { path: DEFAULT_CONFIG_PATH, content: config }];
  const signals = meetingSignals(evidence, schedule, sections);
  return {
    confidence: confidence(evidence, schedule),
    signals,
    ...(latest ? { newest: { number: latest.number, createdAt: latest.createdAt } } : {}),
    ...(schedule.gapDays === undefined ? {} : { gapDays: schedule.gapDays }),
    config,
    template: made.text,
    templatePath: made.path,
    files,
    reasons,
    meetings: issues.map((issue) => issue.number),
    ...(evidence.label ? { label: evidence.label } : {}),
  };
}

function evidenceReason(evidence: MeetingEvidence): string {
  const numbers = evidence.issues.map((issue) => `#${issue.number}`);
  const listed = numbers.length > 6 ? `${numbers.slice(0, 5).join(", ")}, … ${numbers.at(-1)}` : numbers.join(", ");
  if (evidence.via === "label") return `${numbers.length} issues labelled ${code(evidence.label ?? "")} are meeting notes: ${listed}.`;
  if (evidence.via === "titles") return `${numbers.length} issues have titles that count up like ${code(evidence.issues[0]?.title ?? "")}: ${listed}.`;
  const template = evidence.template;
  const named = `The issue template ${code(template?.path ?? "")}${template?.parsed.name ? ` (${code(template.parsed.name)})` : ""} is for meetings`;
  if (numbers.length === 0) return `${named}; there are no meeting issues yet to learn the schedule from, so check every setting.`;
  return `${named}; ${numbers.length === 1 ? "one issue" : `${numbers.length} issues`} labelled ${code(evidence.label ?? "")} (${listed}) tell the schedule, too few to be sure of it.`;
}

function scheduleReasons(schedule: InferredSchedule, count: number): string[] {
  const reasons: string[] = [];
  const day = capitalize(schedule.weekday);
  const votes = schedule.weekdayVotes;
  if (votes.of === 0) reasons.push(`Nothing says on which day the team meets: Friday is assumed; set \`schedule.weekday\`.`);
  else if (votes.from === "dates") reasons.push(`Meetings are on ${day}s: ${votes.agree} of ${votes.of} meeting dates in titles and notes fall on one.`);
  else reasons.push(`No issue gives a meeting date, so the weekday is the day most issues were opened: ${day} (${votes.agree} of ${votes.of}); check it.`);

  if (schedule.time) reasons.push(`They start at ${schedule.time} ${schedule.timezone}: written in ${schedule.timeVotes.agree} of ${count} issue${count === 1 ? "" : "s"}.`);
  else reasons.push("No issue gives a start time: the default 16:00 applies; set `schedule.time`.");

  if (schedule.zoneAssumed) {
    reasons.push("No time zone is named in the notes, so times are read as UTC: set `schedule.timezone` (e.g. Europe/Berlin) if your meeting follows a local clock through daylight saving time.");
  } else if (schedule.timezone !== "UTC") {
    reasons.push(`The notes give times in ${schedule.timezone}, so the meeting follows its daylight saving time.`);
  }

  if (schedule.gapDays === undefined) reasons.push("Only one meeting to go by: weekly is assumed.");
  else if (schedule.every > 1) reasons.push(`Meetings are ${schedule.gapDays} days apart (median), so every ${schedule.every} weeks, counted from ${schedule.anchor}.`);
  else if (schedule.gapDays > 8 * 7) reasons.push(`Meetings are ${schedule.gapDays} days apart (median), too irregular for a fixed rhythm: weekly is assumed; set \`schedule.every\`.`);
  else reasons.push(`Meetings are a week apart (median ${schedule.gapDays} days).`);
  if (schedule.monthly) {
    const { weekOfMonth, agree, of } = schedule.monthly;
    const which = weekOfMonth === -1 ? "last" : (["first", "second", "third", "fourth"][weekOfMonth - 1] ?? `${weekOfMonth}th`);
    reasons.push(
      `They look monthly: ${agree} of ${of} meeting dates are the ${which} ${capitalize(schedule.weekday)} of their month. meeting-bot's schedule counts whole weeks, so \`every: ${schedule.every}\` is the nearest and drifts from the ${which} ${capitalize(schedule.weekday)} within a few months: check the next dates (the preview lists five; \`npx meeting-bot next\` more), and move a meeting with \`/meeting move\` when it differs.`,
    );
  }
  return reasons;
}

interface MadeTemplate {
  path: string;
  text: string;
  isNew: boolean;
  /** The notes left nothing to keep: a simple starter body instead. */
  starter?: boolean;
  location?: string;
  reason: string;
}

/** The template: the team's own meeting template (with placeholders), else the newest meeting's notes emptied. */
function makeTemplate(evidence: MeetingEvidence, schedule: InferredSchedule, titleTemplate: string, name: string): MadeTemplate {
  const team = evidence.template;
  const takenPaths = new Set([...(team ? [team.path] : [])]);
  const freePath = takenPaths.has(DEFAULT_TEMPLATE) ? FALLBACK_TEMPLATE : DEFAULT_TEMPLATE;
  const latest = evidence.issues[0];

  if (team) {
    const made = inferTemplateBody({ kind: "template", body: team.parsed.body });
    const frontMatter = team.text.slice(0, team.text.length - team.parsed.body.length).replace(/\r\n?/g, "\n");
    const title = team.parsed.title !== undefined && titleShape(team.parsed.title).date ? titleShape(team.parsed.title).template : undefined;
    const front = title === undefined ? frontMatter : frontMatter.replace(/^title:.*$/m, `title: ${quoteTitle(title)}`);
    const text = `${front}${made.body}`;
    const unchanged = text === team.text;
    const placed = describePlaceholders(made);
    return {
      path: unchanged ? team.path : freePath,
      text: unchanged ? team.text : text,
      isNew: !unchanged,
      reason: unchanged
        ? `The template is the team's own ${code(team.path)}, used as it is.`
        : `The template is the team's own ${code(team.path)}, with ${placed} as ${made.placeholders.size === 1 ? "a placeholder" : "placeholders"}, saved as ${code(freePath)}: remove the old one when you are happy with it.`,
    };
  }

  const source = latest as HistoryIssue;
  const previous = evidence.issues[1];
  const made = inferTemplateBody({
    kind: "issue",
    body: source.body,
    ...(schedule.meetings.get(source.number) ? { when: schedule.meetings.get(source.number) } : {}),
    ...(previous ? { previousNumber: previous.number } : {}),
    title: source.title,
    titleTemplate,
    others: evidence.issues.slice(1, 6).map((issue) => issue.body),
  });
  const about = `${name}: the agenda and notes of one meeting, opened by meeting-bot.`;
  const front = ["---", `name: ${scalar(name)}`, `about: ${scalar(about)}`, `title: ${quoteTitle(titleTemplate)}`, `labels: ${scalar(evidence.label ?? "meeting")}`, "---", ""].join("\n");
  if (!/\S/.test(made.body)) {
    return {
      path: freePath,
      text: `${front}\n${STARTER}`,
      isNew: true,
      starter: true,
      reason: `#${source.number}'s notes have no headings or details to keep, so the template is a simple starter: date and time, the previous meeting, Agenda, Action Items and Notes.`,
    };
  }
  const placed = describePlaceholders(made);
  const emptied = made.emptied > 0 ? `; its notes were emptied (${made.emptied} block${made.emptied === 1 ? "" : "s"} left out)` : "";
  return {
    path: freePath,
    text: `${front}\n${made.body}`,
    isNew: true,
    ...(made.location ? { location: made.location } : {}),
    reason: `The template is made from #${source.number}${placed === "nothing" ? "" : `: ${placed} ${made.placeholders.size === 1 ? "is a placeholder" : "are placeholders"} now`}${emptied}.`,
  };
}

function describePlaceholders(made: TemplateBody): string {
  const names = ["date", "time", "timeanddate_url", "previous", "location", "moderator", "notetaker", "number"].filter((name) => made.placeholders.has(name));
  if (names.length === 0) return "nothing";
  const listed = names.map((name) => (name === "number" ? "the title" : `\`{{${name}}}\``));
  return listed.length === 1 ? (listed[0] as string) : `${listed.slice(0, -1).join(", ")} and ${listed.at(-1)}`;
}

/** A front-matter title, single-quoted as GitHub's own templates write it. */
function quoteTitle(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

/** The independent signs of meetings in this evidence (see MeetingSignal). */
function meetingSignals(evidence: MeetingEvidence, schedule: InferredSchedule, sections: ReturnType<typeof findSetupSections>): MeetingSignal[] {
  const { issues } = evidence;
  const signals: MeetingSignal[] = [];
  // A label that only says "sync" or "call" was let in by its weekly rhythm: it is that one sign, not two.
  if (evidence.via === "label" && saysMeeting(evidence.label ?? "")) signals.push("label");
  const shapes = new Map<string, number>();
  for (const issue of issues) {
    const shape = titleShape(issue.title);
    if (shape.number || shape.date) shapes.set(shape.key, (shapes.get(shape.key) ?? 0) + 1);
  }
  if ([...shapes.values()].some((count) => count >= MIN_MEETING_ISSUES)) signals.push("titles");
  if (evidence.template) signals.push("template");
  if (weeklyRhythm(issues)) signals.push("rhythm");
  const { weekdayVotes: day, timeVotes: time } = schedule;
  if ((day.from === "dates" && day.agree >= 2 && day.agree * 3 >= day.of * 2) || time.agree >= 2) signals.push("written");
  const counts = [sections.actionItems?.count ?? 0, sections.agenda?.count ?? 0, "openDiscussion" in sections ? (sections.openDiscussion?.count ?? 0) : 0];
  if (Math.max(...counts) >= 2) signals.push("sections");
  return signals;
}

function confidence(evidence: MeetingEvidence, schedule: InferredSchedule): Confidence {
  if (evidence.via === "template") return "low";
  const count = evidence.issues.length;
  let points = count >= 6 ? 2 : count >= MIN_MEETING_ISSUES ? 1 : 0;
  const { weekdayVotes: day, timeVotes: time } = schedule;
  if (day.from === "dates") points += day.agree >= 2 && day.agree * 3 >= day.of * 2 ? 2 : 1;
  points += time.agree >= 2 ? 2 : time.agree;
  if (!schedule.zoneAssumed) points += 1;
  if (evidence.via === "label" && saysMeeting(evidence.label ?? "")) points += 1;
  return points >= 6 ? "high" : points >= 3 ? "medium" : "low";
}

/**
 * `text` as a Markdown code span, whatever backticks it holds: issue titles and notes are anyone's
 * words, and a reason must show them as written, never as Markdown, HTML or an @mention.
 */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${text.replace(/[\r\n]+/g, " ")}${pad}${ticks}`;
}

function capitalize(word: string): string {
  return WEEKDAYS.includes(word) ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}
