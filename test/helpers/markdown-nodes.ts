import type { Nodes } from "mdast";
import { parseMarkdown } from "../../src/core/markdown.js";

/** Raw HTML nodes anywhere in a Markdown document. */
export function htmlNodes(markdown: string): string[] {
  const found: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "html") found.push(node.value);
    else if ("children" in node) node.children.forEach(visit);
  };
  visit(parseMarkdown(markdown));
  return found;
}

/** The document's top-level headings and thematic breaks, as written: what splits it into sections. */
export function sectionBreaks(markdown: string): string[] {
  return parseMarkdown(markdown)
    .children.filter((node) => node.type === "heading" || node.type === "thematicBreak")
    .map((node) => markdown.slice(node.position?.start.offset, node.position?.end.offset));
}
