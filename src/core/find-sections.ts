import type { Root, RootContent } from "mdast";
import { parseMarkdown } from "./markdown.js";
import { matchesSectionName } from "./matches-section-name.js";
import { sectionHeading, type SectionHeading } from "./section-heading.js";

/** A top-level block inside a section; `start` is later than the node's own start when a pseudo-heading took its first line. */
export interface SectionBlock {
  node: RootContent;
  start: number;
  end: number;
}

/** One occurrence of a named section in a Markdown document. */
export interface Section {
  /** The requested name it matched (not the heading's own spelling, which is `heading.title`). */
  name: string;
  heading: SectionHeading;
  /** The top-level blocks between the heading and the end of the section, in order. */
  blocks: SectionBlock[];
  /** Offset where the section ends: the start of whatever ended it, or the end of the document. */
  end: number;
}

/**
 * Every section of `markdown` whose heading names one of `names`, keyed by requested name, in
 * document order (an empty list for a name that is not there).
 *
 * A section starts at a heading or pseudo-heading (see `sectionHeading`) naming it, and ends at
 * the first of:
 * - a thematic break (`---`);
 * - a heading of the same or a higher level (a section started by a pseudo-heading ends at any heading);
 * - a bold-only paragraph, which ranks as a heading below every real one (its own section is
 *   ended by anything, and it ends any section; inside a list it is just text);
 * - a heading or pseudo-heading naming any of `names`, so requested sections never overlap;
 * - the end of the document.
 * Only top-level blocks count: a bold line or heading-like text inside a list item is content.
 */
export function findSections(
  markdown: string,
  names: readonly string[],
  tree: Root = parseMarkdown(markdown),
): Map<string, Section[]> {
  const found = new Map<string, Section[]>(names.map((name) => [name, []]));
  const nodes = tree.children;
  const marks = nodes.map((node) => (node.type === "thematicBreak" ? "break" : sectionHeading(node, markdown, names)));

  marks.forEach((heading, index) => {
    if (heading === null || heading === "break") return;
    const matched = names.filter((name) => matchesSectionName(heading.title, name));
    if (matched.length === 0) return;

    let next = index + 1;
    while (next < nodes.length && !endsSection(heading, marks[next] ?? null, names)) next += 1;

    const blocks: SectionBlock[] = [];
    const own = nodes[index] as RootContent;
    const ownEnd = own.position?.end.offset ?? heading.end;
    // A pseudo-heading that is only the first line of a paragraph leaves the rest as content.
    if (ownEnd > heading.end) blocks.push({ node: own, start: heading.end, end: ownEnd });
    for (const node of nodes.slice(index + 1, next)) {
      blocks.push({ node, start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 });
    }
    const end = nodes[next]?.position?.start.offset ?? markdown.length;
    for (const name of matched) found.get(name)?.push({ name, heading, blocks, end });
  });
  return found;
}

function endsSection(current: SectionHeading, next: SectionHeading | "break" | null, names: readonly string[]): boolean {
  if (next === null) return false;
  if (next === "break" || next.kind !== "heading" || current.kind !== "heading") return true;
  if (next.depth <= current.depth) return true;
  return names.some((name) => matchesSectionName(next.title, name));
}
