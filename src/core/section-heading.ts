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
 * Whether a top-level block is a heading or a pseudo-heading, and what it says: the first of
 * `blockHeadings` when the block starts with it, else null.
 */
export function sectionHeading(
  node: RootContent,
  markdown: string,
  names: readonly string[],
  next?: RootContent,
): SectionHeading | null {
  const [first] = blockHeadings(node, markdown, names, next);
  return first && first.start === node.position?.start.offset ? first : null;
}

/**
 * The headings and pseudo-headings a top-level block holds, in order:
 * - a Markdown heading: itself;
 * - a paragraph that is only bold (`**Action Items**`): itself, whatever it says, since it ends
 *   any section; except a short one that names neither a requested section nor a meeting label
 *   directly above a list (`**Priya**`, `**Tomás**:`): that leads its items (see `extractItems`);
 * - a line ending in a colon that names one of `names` or a meeting label (`MEETING_LABELS`):
 *   `Action items:`, `Decisions made today:`. Other colon lines are text: `Priya:` above her
 *   tasks must not cut a section short;
 * - a line that is only the bare name of a section or label, directly above a list (`Action items`);
 * - inside a paragraph, every line that is such a label or a bold line naming one of `names`:
 *   GitHub shows each line of an issue on its own, so `Action items:` then a task then
 *   `Open discussion:` then a topic, in one paragraph, are two sections.
 */
export function blockHeadings(node: RootContent, markdown: string, names: readonly string[], next?: RootContent): SectionHeading[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  if (node.type === "heading") return [{ kind: "heading", depth: node.depth, title: plainText(node), start, end }];
  if (node.type !== "paragraph") return [];

  const source = markdown.slice(start, end);
  const aboveList = next?.type === "list";
  const lines = [...source.matchAll(/[^\r\n]*(?:\r\n|\r|\n|$)/g)].map((match) => ({ at: match.index, text: match[0].replace(/[\r\n]+$/, "") }));
  const whole = pseudoHeading(node, lines.filter((line) => line.text !== "").length === 1, names, aboveList);
  if (whole) return [{ ...whole, depth: null, start, end }];

  const found: SectionHeading[] = [];
  lines.forEach((line, index) => {
    const last = index === lines.length - 1 || lines.slice(index + 1).every((rest) => rest.text === "");
    // Only a line that ends in a colon, opens with emphasis, or sits above a list can be a label:
    // the others are not worth a parse.
    if (line.text.trim() === "" || !(/:[*_\s]*$/.test(line.text) || /^\s*[*_]/.test(line.text) || (last && aboveList))) return;
    const paragraph = parseMarkdown(line.text).children[0];
    if (paragraph?.type !== "paragraph") return;
    const heading = pseudoHeading(paragraph, true, names, last && aboveList);
    // A bold line names a section here, or it is text: `**Alice**` above her notes.
    if (!heading || (heading.kind === "bold" && !names.some((name) => matchesSectionName(heading.title, name)))) return;
    found.push({ ...heading, depth: null, start: start + line.at, end: start + line.at + line.text.length });
  });
  return found;
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

/** Whether a title names a meeting label: the label's words first (`Decisions made today:`), or only them for the short generic ones (`Date:`). */
export function namesMeetingLabel(title: string): boolean {
  return MEETING_LABELS.some((label) => (WHOLE_ONLY.has(label) ? isWholeSectionName(title, label) : matchesSectionName(title, label)));
}

// Labels that start too many sentences to count by their first word (`Time to ship:`).
const WHOLE_ONLY = new Set(["Date", "Time", "Location", "Status", "Present", "Recording", "Links", "Resources", "Absent", "Updates", "Summary"]);
// A bold paragraph this short, above a list, names whose items follow (`**Priya**`, `**Backend team**`).
const MAX_BOLD_LEAD_WORDS = 3;

function pseudoHeading(
  paragraph: Paragraph,
  singleLine: boolean,
  names: readonly string[],
  aboveList: boolean,
): { kind: "bold" | "colon"; title: string } | null {
  const bold = boldTitle(paragraph);
  if (bold !== null) {
    const lead = aboveList && bold.trim().split(/\s+/).length <= MAX_BOLD_LEAD_WORDS && !names.some((name) => matchesSectionName(bold, name)) && !namesMeetingLabel(bold);
    return lead ? null : { kind: "bold", title: bold };
  }
  if (!singleLine) return null;
  const text = plainText(paragraph).trim();
  if (text.split(/\s+/).length > MAX_LABEL_WORDS) return null;
  if (text.endsWith(":")) {
    const label = names.some((name) => matchesSectionName(text, name)) || namesMeetingLabel(text);
    return label ? { kind: "colon", title: text } : null;
  }
  if (!aboveList) return null;
  // Without the colon, only the bare name (`Action items`): `Action item: Priya sends notes` is an item.
  const label = [...names, ...MEETING_LABELS].some((name) => isWholeSectionName(text, name, { qualifiers: false }));
  return label ? { kind: "colon", title: text } : null;
}
