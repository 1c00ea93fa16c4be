import type { List, ListItem, Paragraph, RootContent } from "mdast";
import { parseMarkdown } from "../markdown.js";
import { matchesSectionName } from "../matches-section-name.js";
import { neutralizeMarkers } from "../markers.js";
import { plainText } from "../plain-text.js";
import { sectionHeading } from "../section-heading.js";
import { findDates, findTimeAndDateLinks, findTimes } from "./find-date-mentions.js";
import type { MeetingWhen } from "./infer-schedule.js";
import { datePlaceholder } from "./title-shape.js";

/** Where a template comes from: a meeting's notes (emptied), or the team's own issue template (kept). */
export type TemplateSource =
  | {
      kind: "issue";
      body: string;
      /** The meeting's date and time as read from its issue. */
      when?: MeetingWhen;
      /** The issue number of the meeting before it: links to it become `{{previous}}`. */
      previousNumber?: number;
      /** The title and the title template: the title quoted in the notes becomes the template. */
      title?: string;
      titleTemplate?: string;
      /** Other meetings' notes: a heading they share belongs to the template, one only this meeting has is notes. */
      others: readonly string[];
    }
  | { kind: "template"; body: string };

export interface TemplateBody {
  body: string;
  /** The placeholders put in: date, time, timeanddate_url, previous, location, moderator, notetaker, number. */
  placeholders: Set<string>;
  /** The location the notes give (`**Location:** …`), now `{{location}}`. */
  location?: string;
  /** Notes (lists, paragraphs, one-off sections) left out. */
  emptied: number;
}

const LABELLED_LINE = /\b(when|time|times|date|dates|starts?)\b/i;
const PREVIOUS_LINE = /^(\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:previous|last)\s+(?:meeting|notes|week|issue)[^:\n]{0,30}:(?:\*\*|__)?[ \t]*)([^\n]*)$/gim;

/**
 * A template body from a meeting's notes or from the team's template: its dates, start time,
 * timeanddate.com link and previous-meeting links become placeholders; from a meeting's notes,
 * the notes themselves are emptied (lists and paragraphs; sections only this meeting had), while
 * headings, HTML comments, hints and the meeting's details list stay.
 */
export function inferTemplateBody(source: TemplateSource): TemplateBody {
  const placeholders = new Set<string>();
  const text = substitute(neutralizeMarkers(source.body.replace(/\r\n?/g, "\n")), source, placeholders);
  if (source.kind === "template") return { body: text, placeholders, emptied: 0 };
  return emptyNotes(text, source.others, placeholders);
}

interface Span {
  start: number;
  end: number;
  text: string;
  placeholder: string;
}

function substitute(body: string, source: TemplateSource, placeholders: Set<string>): string {
  const spans: Span[] = [];
  for (const link of findTimeAndDateLinks(body)) spans.push({ start: link.start, end: link.end, text: "{{timeanddate_url}}", placeholder: "timeanddate_url" });
  const outsideLinks = (mention: { start: number; end: number }) => !spans.some((span) => mention.start < span.end && span.start < mention.end);

  const dates = findDates(body).filter(outsideLinks);
  // From notes, only the meeting's own date; in a template, every date is one the team edits by hand.
  const meetingDate = source.kind === "issue" ? source.when?.date?.date : undefined;
  const replaced = dates.filter((mention) => source.kind === "template" || mention.date === meetingDate);
  for (const mention of replaced) spans.push({ start: mention.start, end: mention.end, text: datePlaceholder(mention.format), placeholder: "date" });

  // The start time: the first time after a replaced date on its line, or on a line that says when.
  const times = findTimes(body, dates).filter(outsideLinks);
  const lineBounds = (offset: number) => {
    const end = body.indexOf("\n", offset);
    return [body.lastIndexOf("\n", offset - 1) + 1, end === -1 ? body.length : end] as const;
  };
  const timed = new Set<number>();
  const takeTime = (from: number, to: number, onlyZoned: boolean) => {
    const time = times.find((mention) => mention.start >= from && mention.start < to && (!onlyZoned || mention.zone));
    if (!time || timed.has(time.start)) return;
    timed.add(time.start);
    spans.push({ start: time.start, end: time.end, text: "{{time}}", placeholder: "time" });
  };
  for (const mention of replaced) takeTime(mention.end, lineBounds(mention.start)[1], false);
  if (timed.size === 0) {
    const read = source.kind === "issue" ? source.when?.time?.mention : undefined;
    if (read) takeTime(read.start, read.end, false);
    else {
      for (const mention of times) {
        const [start, end] = lineBounds(mention.start);
        if (mention.zone && LABELLED_LINE.test(body.slice(start, end))) {
          takeTime(start, end, true);
          break;
        }
      }
    }
  }

  if (source.kind === "issue" && source.previousNumber !== undefined) {
    const previous = new RegExp(`(?:https?://\\S+?/issues/|(?<![\\w/&])#)${source.previousNumber}(?![\\w])`, "g");
    for (const match of body.matchAll(previous)) spans.push({ start: match.index, end: match.index + match[0].length, text: "{{previous}}", placeholder: "previous" });
  }
  if (source.kind === "issue" && source.title && source.titleTemplate && source.title.length > 3) {
    for (let at = body.indexOf(source.title); at !== -1; at = body.indexOf(source.title, at + 1)) {
      spans.push({ start: at, end: at + source.title.length, text: source.titleTemplate, placeholder: "number" });
    }
  }
  for (const match of body.matchAll(PREVIOUS_LINE)) {
    const value = match[2] ?? "";
    if (value.includes("{{")) continue;
    const start = match.index + (match[1] ?? "").length;
    spans.push({ start, end: start + value.length, text: "{{previous}}", placeholder: "previous" });
  }

  let output = body;
  let last = Infinity;
  // Right to left, so earlier offsets stay valid; of overlapping spans the first listed wins.
  const kept = spans.filter((span, index) => !spans.slice(0, index).some((other) => span.start < other.end && other.start < span.end));
  for (const span of kept.sort((a, b) => b.start - a.start)) {
    if (span.end > last) continue;
    output = output.slice(0, span.start) + span.text + output.slice(span.end);
    placeholders.add(span.placeholder);
    last = span.start;
  }
  return output;
}

/** A detail's label (`**Location:**`), and what its value becomes. */
const DETAIL_VALUES: Array<[RegExp, string]> = [
  [/\b(date|time|when)\b/i, "keep"],
  [/note.?taker|scribe|minute.?taker/i, "{{notetaker}}"],
  [/moderator|facilitator|chair|host/i, "{{moderator}}"],
  [/previous|last (meeting|week)/i, "{{previous}}"],
  [/location|where|venue|room|place|zoom|join/i, "{{location}}"],
  [/recording|video|slides|notes|minutes|doc/i, "TBA"],
  [/attendees|present|participants|people|who/i, ""],
];
const DETAIL_LINE = /^(\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?)((?:\*\*|__)[^\n]+?(?:\*\*|__)(?:[ \t]*:)?)([ \t]*)(.*)$/;

function emptyNotes(text: string, others: readonly string[], placeholders: Set<string>): TemplateBody {
  const tree = parseMarkdown(text);
  const otherTitles = others.map((body) =>
    parseMarkdown(body).children.flatMap((node) => {
      const heading = sectionHeading(node, body, []);
      return heading ? [heading.title] : [];
    }),
  );
  const recurring = (title: string) =>
    others.length === 0 || otherTitles.some((titles) => titles.some((other) => matchesSectionName(title, other) || matchesSectionName(other, title)));

  const pieces: string[] = [];
  let location: string | undefined;
  let emptied = 0;
  let droppingBelow: number | null = null;
  const source = (node: RootContent) => text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);

  for (const node of tree.children) {
    const heading = sectionHeading(node, text, []);
    if (heading) {
      const depth = heading.depth ?? 7;
      if (droppingBelow !== null && depth > droppingBelow) continue;
      droppingBelow = null;
      if (!recurring(heading.title)) {
        droppingBelow = depth;
        emptied++;
        continue;
      }
      // A pseudo-heading that is the first line of a paragraph keeps only that line.
      pieces.push(text.slice(heading.start, heading.end).trimEnd());
      continue;
    }
    if (droppingBelow !== null) continue;
    const raw = source(node);
    if (node.type === "html" || node.type === "thematicBreak") pieces.push(raw);
    else if (node.type === "list" && isDetailList(node)) {
      const rewritten = rewriteDetails(node, text, placeholders);
      location ??= rewritten.location;
      pieces.push(rewritten.text);
    } else if (raw.includes("{{") || (node.type === "paragraph" && isHint(node))) pieces.push(raw);
    else emptied++;
  }
  const body = `${pieces.join("\n\n").trim()}\n`;
  return { body, placeholders, emptied, ...(location === undefined ? {} : { location }) };
}

/** A paragraph that is only italic text: a hint the team leaves in every meeting ("_Add items below_"). */
function isHint(node: Paragraph): boolean {
  const parts = node.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  return parts.length > 0 && parts.every((child) => child.type === "emphasis");
}

/** Every item starts with a bold label: `- **Location:** Discord`. */
function isDetailList(list: List): boolean {
  return list.children.length > 0 && list.children.every((item) => {
    const first = item.children[0];
    return first?.type === "paragraph" && first.children[0]?.type === "strong" && /:\s*$|^\s*:/.test(afterLabel(first));
  });
}

function afterLabel(paragraph: Paragraph): string {
  const [label, next] = paragraph.children;
  const inside = label ? plainText(label) : "";
  return inside.trimEnd().endsWith(":") ? ":" : next?.type === "text" ? next.value : "";
}

/** Each detail keeps its label; its value becomes a placeholder where one fits, its sub-items only when they hold one. */
function rewriteDetails(list: List, text: string, placeholders: Set<string>): { text: string; location?: string } {
  let location: string | undefined;
  const lines = list.children.flatMap((item: ListItem) => {
    const raw = text.slice(item.position?.start.offset ?? 0, item.position?.end.offset ?? 0);
    const [first = "", ...rest] = raw.split("\n");
    const indent = text.slice(text.lastIndexOf("\n", (item.position?.start.offset ?? 1) - 1) + 1, item.position?.start.offset ?? 0);
    const match = DETAIL_LINE.exec(indent + first);
    if (!match) return [indent + first];
    const [, bullet = "", label = "", space = " ", value = ""] = match;
    const rule = DETAIL_VALUES.find(([pattern]) => pattern.test(label));
    let line = `${bullet}${label}${space}${value}`;
    if (rule && rule[1] !== "keep" && !value.includes("{{")) {
      if (rule[1] === "{{location}}" && value.trim() !== "" && !/^tb[ad]\.?$/i.test(value.trim())) location = value.trim();
      if (rule[1].startsWith("{{")) placeholders.add(rule[1].slice(2, -2));
      line = `${bullet}${label}${rule[1] === "" ? "" : " "}${rule[1]}`.trimEnd();
    }
    return [line, ...rest.filter((sub) => sub.includes("{{"))];
  });
  return { text: lines.join("\n"), ...(location === undefined ? {} : { location }) };
}

