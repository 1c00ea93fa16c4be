import type { Paragraph, RootContent } from "mdast";
import { parseMarkdown } from "./markdown.js";
import { matchesSectionName } from "./matches-section-name.js";
import { plainText } from "./plain-text.js";

/**
 * A block that starts a section, or could end one:
 * - `heading`: a Markdown heading of any level (ATX or setext), `depth` 1–6;
 * - `bold`: a pseudo-heading, a paragraph (or the first line of one) that is only bold text: `**Action Items**`;
 * - `colon`: a pseudo-heading, a short line ending in a colon that names a section: `Action items:`.
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
const MAX_COLON_WORDS = 10;

/**
 * Whether a top-level block is a heading or a pseudo-heading, and what it says.
 *
 * Real headings and bold-only paragraphs are always reported (they end any section). A line
 * ending in a colon is only a pseudo-heading when it names one of `names`: otherwise `Alice:`
 * above her list of tasks would cut a section short. When only the FIRST line of a paragraph is a
 * pseudo-heading naming one of `names` (`Action items:` directly followed by text), the heading
 * is that line and the rest of the paragraph is the section's content.
 */
export function sectionHeading(node: RootContent, markdown: string, names: readonly string[]): SectionHeading | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return null;
  if (node.type === "heading") return { kind: "heading", depth: node.depth, title: plainText(node), start, end };
  if (node.type !== "paragraph") return null;

  const source = markdown.slice(start, end);
  const lineBreak = source.search(/[\r\n]/);
  const whole = pseudoHeading(node, lineBreak === -1, names);
  if (whole) return { ...whole, depth: null, start, end };
  if (lineBreak === -1) return null;

  const firstLine = parseMarkdown(source.slice(0, lineBreak)).children[0];
  if (firstLine?.type !== "paragraph") return null;
  const first = pseudoHeading(firstLine, true, names);
  if (!first || !names.some((name) => matchesSectionName(first.title, name))) return null;
  return { ...first, depth: null, start, end: start + lineBreak };
}

function pseudoHeading(
  paragraph: Paragraph,
  singleLine: boolean,
  names: readonly string[],
): { kind: "bold" | "colon"; title: string } | null {
  const bold = boldTitle(paragraph);
  if (bold !== null) return { kind: "bold", title: bold };
  if (!singleLine) return null;
  const text = plainText(paragraph).trim();
  if (!text.endsWith(":") || text.split(/\s+/).length > MAX_COLON_WORDS) return null;
  return names.some((name) => matchesSectionName(text, name)) ? { kind: "colon", title: text } : null;
}

/** The text of a paragraph that is only bold (`**Action Items**`, `**Action Items**:`, `***Notes***`), else null. */
function boldTitle(paragraph: Paragraph): string | null {
  const parts = paragraph.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  const last = parts.at(-1);
  if (parts.length === 2 && last?.type === "text" && last.value.trim() === ":") parts.pop();
  if (parts.length !== 1) return null;
  let only = parts[0];
  if (only?.type === "emphasis" && only.children.length === 1) only = only.children[0];
  return only?.type === "strong" ? plainText(only) : null;
}
