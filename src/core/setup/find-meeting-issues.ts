import { DateTime } from "luxon";
import { parseIssueTemplate, type IssueTemplate } from "../issue-template.js";
import type { HistoryIssue, HistoryTemplate, MeetingHistory } from "./meeting-history.js";
import { titleShape } from "./title-shape.js";

/** At least this many issues of one label, or of one counting title, before a repository counts as meeting. */
export const MIN_MEETING_ISSUES = 3;

/** What shows that a team holds meetings, and the issues that are its meetings (newest first). */
export interface MeetingEvidence {
  /** "label": issues with a meeting-like label; "titles": titles that count; "template": only an issue template. */
  via: "label" | "titles" | "template";
  issues: HistoryIssue[];
  label?: string;
  /** The repository's own meeting issue template, when it has one. */
  template?: { path: string; text: string; parsed: IssueTemplate };
}

const MEETING_WORDS = new Set(["meeting", "meetings", "standup", "standups", "minutes", "retro", "retrospective", "huddle", "checkin", "officehours"]);
// Words that name a meeting only sometimes: "sync" is also a fork or a translation brought up to
// date, "call" a call for papers or a release call for testing. They count only with a second sign
// (a weekly rhythm), never alone.
const WEAK_MEETING_WORDS = new Set(["sync", "syncs", "call", "calls"]);
// A label that proposes something for a meeting (`meeting-agenda`, `tsc-agenda`) marks proposals, not meetings.
const PROPOSAL_WORDS = new Set(["agenda", "proposal", "proposals", "topic", "topics"]);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/stand-up/g, "standup")
    .replace(/check-in/g, "checkin")
    .replace(/office[\s_-]hours/g, "officehours")
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

/** Whether a label, title or template name says "meeting" (meeting, standup, minutes, retro…); "sync" and "call" alone do not. */
export function saysMeeting(text: string): boolean {
  return words(text).some((word) => MEETING_WORDS.has(word));
}

/** Whether it says "sync" or "call": a meeting only when something else says so too. */
function mayMeanMeeting(text: string): boolean {
  return words(text).some((word) => WEAK_MEETING_WORDS.has(word));
}

function isMeetingLabel(label: string): boolean {
  return (saysMeeting(label) || mayMeanMeeting(label)) && !isProposalLabel(label);
}

function isProposalLabel(label: string): boolean {
  return words(label).some((word) => PROPOSAL_WORDS.has(word));
}

/**
 * The team's meeting issues, or null when the history shows no meetings. In order of preference:
 * - a meeting-like label on at least MIN_MEETING_ISSUES issues (the one on most issues); a label
 *   that only says "sync" or "call" counts when its issues were opened on a weekly rhythm;
 * - at least MIN_MEETING_ISSUES issues whose titles share a shape with a number or a date that
 *   counts up, when the shape says meeting or the issues were opened on a weekly rhythm;
 * - an issue template whose name, title or file name says meeting (with the issues of the most used
 *   meeting-like label, if any, however few).
 */
export function findMeetingIssues(history: MeetingHistory): MeetingEvidence | null {
  const issues = [...history.issues].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.number - a.number);
  const template = meetingTemplate(history.templates ?? []);
  const withTemplate = template ? { template } : {};

  const byLabel = new Map<string, HistoryIssue[]>();
  for (const issue of issues) {
    for (const label of new Set(issue.labels)) {
      if (!isMeetingLabel(label)) continue;
      byLabel.set(label, [...(byLabel.get(label) ?? []), issue]);
    }
  }
  // A "sync" or "call" label is a meeting label only when its issues come on a weekly rhythm.
  const qualified = [...byLabel.entries()].filter(([name, group]) => saysMeeting(name) || weeklyRhythm(group));
  const [label, labelled] = qualified.sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0] ?? [];
  if (label && labelled && labelled.length >= MIN_MEETING_ISSUES) return { via: "label", issues: labelled, label, ...withTemplate };

  const byShape = new Map<string, HistoryIssue[]>();
  for (const issue of issues) {
    const shape = titleShape(issue.title);
    if (!shape.number && !shape.date) continue;
    // Proposed topics are not meetings, however they are titled.
    if (issue.labels.some(isProposalLabel)) continue;
    // A bot's numbered issues (weekly digests, release trackers) are meetings only when they say so.
    if (issue.authorIsBot && !saysMeeting(shape.key.replace(/\{\{[^}]*\}\}/g, " "))) continue;
    byShape.set(shape.key, [...(byShape.get(shape.key) ?? []), issue]);
  }
  const counting = [...byShape.entries()]
    .filter(([key, group]) => group.length >= MIN_MEETING_ISSUES && countsUp(group) && (saysMeeting(key.replace(/\{\{[^}]*\}\}/g, " ")) || weeklyRhythm(group)))
    .sort((a, b) => b[1].length - a[1].length || Date.parse(b[1][0]?.createdAt ?? "") - Date.parse(a[1][0]?.createdAt ?? ""));
  const titled = counting[0]?.[1];
  if (titled) {
    // A label on most of them (not meeting-like: `design-review`) still lets the app find the team's last meeting.
    const shared = commonLabel(titled);
    return { via: "titles", issues: titled, ...(shared ? { label: shared } : {}), ...withTemplate };
  }

  // A meeting template is evidence on its own; the few issues of a meeting label still tell the schedule.
  return template ? { via: "template", issues: labelled ?? [], ...(label ? { label } : {}), template } : null;
}

/** The label most of `issues` carry (two thirds or more), if any. */
function commonLabel(issues: HistoryIssue[]): string | undefined {
  const counts = new Map<string, number>();
  for (const issue of issues) for (const label of new Set(issue.labels)) counts.set(label, (counts.get(label) ?? 0) + 1);
  const [label, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  return label !== undefined && count !== undefined && count * 3 >= issues.length * 2 ? label : undefined;
}

/** Numbers (or dates) grow with the order the issues were opened in, for at least two thirds of the steps. */
function countsUp(group: HistoryIssue[]): boolean {
  const oldestFirst = [...group].reverse().map((issue) => titleShape(issue.title));
  let up = 0;
  for (let i = 1; i < oldestFirst.length; i++) {
    const [before, after] = [oldestFirst[i - 1], oldestFirst[i]];
    const grew = after?.number && before?.number ? after.number.value > before.number.value : (after?.date?.date ?? "") > (before?.date?.date ?? "");
    if (grew) up++;
  }
  return up >= ((oldestFirst.length - 1) * 2) / 3;
}

/** Opened about a whole number of weeks apart (1–5), most of the time; never true of fewer than MIN_MEETING_ISSUES issues. */
export function weeklyRhythm(group: readonly HistoryIssue[]): boolean {
  if (group.length < MIN_MEETING_ISSUES) return false;
  const days = [...group].reverse().map((issue) => DateTime.fromISO(issue.createdAt).toMillis() / 86_400_000);
  let regular = 0;
  for (let i = 1; i < days.length; i++) {
    const gap = (days[i] ?? 0) - (days[i - 1] ?? 0);
    const weeks = Math.round(gap / 7);
    if (weeks >= 1 && weeks <= 5 && Math.abs(gap - weeks * 7) <= 1.5) regular++;
  }
  return regular >= (days.length - 1) * 0.6;
}

function meetingTemplate(templates: HistoryTemplate[]): MeetingEvidence["template"] {
  const candidates = templates
    .filter((template) => /\.md$/i.test(template.path))
    .flatMap((template) => {
      try {
        const parsed = parseIssueTemplate(template.text, template.path);
        const names = [parsed.name ?? "", parsed.title ?? "", template.path.split("/").pop() ?? ""];
        // A template is made for something that recurs: "Weekly sync" or "Community call" is a meeting here.
        return names.some((name) => saysMeeting(name) || mayMeanMeeting(name)) ? [{ ...template, parsed }] : [];
      } catch {
        return []; // a broken template is no evidence
      }
    });
  return candidates.sort((a, b) => a.path.localeCompare(b.path))[0];
}
