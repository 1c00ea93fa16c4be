import type { List, ListItem, Root, RootContent } from "mdast";
import { parseMarkdown } from "./markdown.js";
import { namedSections } from "./matches-section-name.js";
import { blockHeadings, sectionHeading, type SectionHeading } from "./section-heading.js";

/** A block inside a section; `start` is later than the node's own start when a pseudo-heading took its first line. */
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
  /** The blocks between the heading and the end of the section, in order. */
  blocks: SectionBlock[];
  /** Offset where the section ends: the start of whatever ended it, or the end of the document. */
  end: number;
  /**
   * Set when the section is a list item (`- **Open discussion**` above a nested list): its blocks
   * are the item's nested blocks, and new items go under it, indented to this column.
   */
  indent?: number;
}

/**
 * Every section of `markdown` whose heading names one of `names`, keyed by requested name, in
 * document order (an empty list for a name that is not there).
 *
 * A section starts at a heading or pseudo-heading naming it (see `blockHeadings`) and ends at the
 * next heading of any level, thematic break (`---`), bold-only paragraph or label line, or at the
 * end of the document. Only top-level blocks count there: a bold line or heading-like text inside
 * a list item is content. One exception: a top-level list item outside every such section whose
 * text is only a section's name (`- **Open discussion, sign up underneath**`) is a section too,
 * made of what is nested in it.
 */
export function findSections(markdown: string, names: readonly string[], tree?: Root): Map<string, Section[]> {
  if (!tree) return find(markdown, names, parseMarkdown(markdown));
  // A tree passed in is read more than once (the carry-over, then the calls to action, of the
  // same previous meeting): its sections are found once per list of names.
  const key = `${markdown.length}\u0000${names.join("\u0000")}`;
  let known = FOUND.get(tree);
  if (!known) FOUND.set(tree, (known = new Map()));
  let found = known.get(key);
  if (!found) known.set(key, (found = find(markdown, names, tree)));
  return new Map([...found].map(([name, sections]) => [name, [...sections]]));
}

const FOUND = new WeakMap<Root, Map<string, Map<string, Section[]>>>();

function find(markdown: string, names: readonly string[], tree: Root): Map<string, Section[]> {
  const found = new Map<string, Array<Section & { order: number }>>(names.map((name) => [name, []]));
  const nodes = tree.children;
  // Every place a section can end, in order: headings, pseudo-headings (some inside paragraphs), rules.
  const cuts = nodes.flatMap((node, index): Array<{ start: number; heading: SectionHeading | null }> =>
    node.type === "thematicBreak"
      ? [{ start: start(node), heading: null }]
      : blockHeadings(node, markdown, names, nodes[index + 1]).map((heading) => ({ start: heading.start, heading })),
  );
  const ranges: Array<[number, number]> = [];

  cuts.forEach(({ heading }, index) => {
    if (heading === null) return;
    const matched = namedSections(heading.title, names);
    if (matched.length === 0) return;
    const sectionEnd = cuts[index + 1]?.start ?? markdown.length;
    const blocks: SectionBlock[] = [];
    for (const node of nodes) {
      // The part of each block between the heading and the next cut; a paragraph may hold both.
      const from = Math.max(start(node), heading.end);
      let to = Math.min(end(node), sectionEnd);
      while (to > from && /\s/.test(markdown[to - 1] ?? "")) to -= 1;
      if (to > from && markdown.slice(from, to).trim() !== "") blocks.push({ node, start: from, end: to });
    }
    ranges.push([heading.end, sectionEnd]);
    for (const name of matched) found.get(name)?.push({ name, heading, blocks, end: sectionEnd, order: heading.start });
  });

  for (const node of nodes) {
    if (node.type !== "list" || ranges.some(([from, to]) => start(node) >= from && start(node) < to)) continue;
    for (const item of node.children) {
      const section = itemSection(item, markdown, names);
      if (!section) continue;
      for (const name of section.matched) found.get(name)?.push({ ...section.section, name, order: section.section.heading.start });
    }
  }

  return new Map(
    [...found].map(([name, sections]) => [name, sections.sort((a, b) => a.order - b.order).map(({ order: _, ...section }) => section)]),
  );
}

/**
 * A list item whose text (or its first line) is only a section's name, bold or as a label
 * (`- **Open discussion, sign up underneath**`, `- Action items:`), as a section of what is nested in it.
 */
function itemSection(item: ListItem, markdown: string, names: readonly string[]): { section: Omit<Section, "name">; matched: string[] } | null {
  const [first, ...rest] = item.children;
  if (first?.type !== "paragraph" || (item.checked !== null && item.checked !== undefined)) return null;
  const found = sectionHeading(first, markdown, names);
  if (found === null || found.kind === "heading") return null;
  const matched = namedSections(found.title, names);
  if (matched.length === 0) return null;
  const blocks: SectionBlock[] = [];
  // The name on the first line, a hint or items on the lines below it: those are content.
  if (found.end < end(first)) blocks.push({ node: first, start: found.end, end: end(first) });
  blocks.push(...rest.map((node) => ({ node, start: start(node), end: end(node) })));
  // An item the parser stretched over trailing blank lines ends where its last child does.
  const sectionEnd = Math.max(found.end, ...blocks.map((block) => block.end));
  const heading: SectionHeading = { ...found, start: start(item) };
  return { section: { heading, blocks, end: sectionEnd, indent: (first.position?.start.column ?? 1) - 1 }, matched };
}

function start(node: RootContent | List): number {
  return node.position?.start.offset ?? 0;
}

function end(node: RootContent | List): number {
  return node.position?.end.offset ?? 0;
}
