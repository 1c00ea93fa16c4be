import type { Paragraph, RootContent } from "mdast";
import { parseMarkdown } from "./markdown.js";
import { isWholeSectionName, matchesSectionName } from "./matches-section-name.js";
import { plainText } from "./plain-text.js";

/**
 * A block that starts a section, or could end one:
 * - `heading`: a Markdown heading of any level (ATX or setext), `depth` 1–6;
 * - `bold`: a pseudo-heading, a paragraph (or the first line of one) that is only bold text: `**Action Items**`;
 * - `colon`: a pseudo-heading, a short line ending in a colon that names a section (`Action items:`),
 *   or a line that is only a section's name, directly above a list (`Action items`).
 * Pseudo-headings have no level (`depth: null`).
 */
export type SectionHeading =
  | ({ kind: "heading"; depth: number } & HeadingPlace)
  | ({ kind: "bold" | "colon"; depth: null } & HeadingPlace);

interface HeadingPlace {
  /** What the heading says, as plain text (`## 📝 *Open* Discussion` → `📝 Open Discussion`). */
  title: string;
  /** Offset of the heading's first character in the Markdown. */
  start: number;
  /** Offset just after the heading (the end of its line): where the section's content begins. */
  end: number;
}

// A colon line with more words than this is a sentence, not a label.
const MAX_LABEL_WORDS = 10;

/**
 * Labels meeting notes use for their parts besides the requested sections. Written as a line of
 * their own (`Decisions:`, or `Decisions` above a list) they end the section above them, where a
 * person's name (`Priya:`) leads her own items instead (see `extractItems`).
 */
export const MEETING_LABELS: readonly string[] = [
  ...["Action Items", "Open Discussion", "Proposed Agenda", "Agenda", "Agenda Items"],
  ...["Attendees", "Attendance", "Present", "Participants", "Absent", "Apologies"],
  ...["Notes", "Minutes", "Summary", "Updates", "Status", "Announcements", "Highlights", "Key Points"],
  ...["Decision", "Decisions", "Decisions Made", "Resolutions", "Outcomes"],
  ...["Next Steps", "Next Meeting", "Follow-ups", "Open Questions", "Blockers", "Parking Lot", "Reminders"],
  ...["TODO", "To Do", "Links", "Resources", "Recording", "Date", "Time", "Location"],
];

/**
 * Whether a top-level block is a heading or a pseudo-heading, and what it says.
 *
 * Real headings and bold-only paragraphs are always reported (they end any section). A line
 * ending in a colon is only a pseudo-heading when it names one of `names` or a common meeting
 * label (`MEETING_LABELS`): otherwise `Alice:` above her list of tasks would cut a section short.
 * A line without the colon counts only when it is the whole name and `next` (the block after it)
 * is a list. When only the FIRST line of a paragraph is a pseudo-heading naming one of `names`
 * (`Action items:` directly followed by text), the heading is that line and the rest of the
 * paragraph is the section's content (a label line there ends the section above it).
 */
export function sectionHeading(
  node: RootContent,
  markdown: string,
  names: readonly string[],
  next?: RootContent,
): SectionHeading | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return null;
  if (node.type === "heading") return { kind: "heading", depth: node.depth, title: plainText(node), start, end };
  if (node.type !== "paragraph") return null;

  const source = markdown.slice(start, end);
  const lineBreak = source.search(/[\r\n]/);
  const whole = pseudoHeading(node, lineBreak === -1, names, next?.type === "list");
  if (whole) return { ...whole, depth: null, start, end };
  if (lineBreak === -1) return null;

  const firstLine = parseMarkdown(source.slice(0, lineBreak)).children[0];
  if (firstLine?.type !== "paragraph") return null;
  const first = pseudoHeading(firstLine, true, names, false);
  // Bold first lines name only requested sections here: `**Alice**` above her notes is text.
  if (!first || (first.kind === "bold" && !names.some((name) => matchesSectionName(first.title, name)))) return null;
  return { ...first, depth: null, start, end: start + lineBreak };
}

/** The text of a paragraph that is only bold (`**Action Items**`, `**Action Items**:`, `***Notes***`), else null. */
export function boldTitle(paragraph: Paragraph): string | null {
  const parts = paragraph.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  const last = parts.at(-1);
  if (parts.length === 2 && last?.type === "text" && last.value.trim() === ":") parts.pop();
  if (parts.length !== 1) return null;
  let only = parts[0];
  if (only?.type === "emphasis" && only.children.length === 1) only = only.children[0];
  return only?.type === "strong" ? plainText(only) : null;
}

function pseudoHeading(
  paragraph: Paragraph,
  singleLine: boolean,
  names: readonly string[],
  aboveList: boolean,
): { kind: "bold" | "colon"; title: string } | null {
  const bold = boldTitle(paragraph);
  if (bold !== null) return { kind: "bold", title: bold };
  if (!singleLine) return null;
  const text = plainText(paragraph).trim();
  if (text.split(/\s+/).length > MAX_LABEL_WORDS) return null;
  if (text.endsWith(":")) {
    const label = names.some((name) => matchesSectionName(text, name)) || MEETING_LABELS.some((name) => isWholeSectionName(text, name));
    return label ? { kind: "colon", title: text } : null;
  }
  if (!aboveList) return null;
  // Without the colon, only the bare name (`Action items`): `Action item: Priya sends notes` is an item.
  const label = [...names, ...MEETING_LABELS].some((name) => isWholeSectionName(text, name, { qualifiers: false }));
  return label ? { kind: "colon", title: text } : null;
}
