import type { Nodes } from "mdast";
import { parseMarkdown } from "./markdown.js";

/**
 * Close an HTML comment that is opened and never closed, at the end of the block that holds it.
 * On GitHub such a `<!--` hides everything after it, to the end of the issue; in a carried item
 * it would hide the rest of the new meeting. Closed where its block ends, it hides what it hid in
 * the previous meeting's item and nothing more, and the item keeps its structure (escaping the
 * `<` instead would turn the block into text, and its next lines into lists or headings).
 * Closed comments, and `<!--` in code or in running text (shown as text), stay as they are.
 * Closing closed text changes nothing.
 */
export function closeOpenComment(markdown: string): string {
  if (!markdown.includes("<!--")) return markdown;
  const ends: number[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "html" && node.position) {
      const start = node.position.start.offset ?? 0;
      // The source, not `node.value`: inside a list item the value lost its indentation.
      const raw = markdown.slice(start, node.position.end.offset ?? start);
      if (isOpen(raw)) ends.push(start + raw.trimEnd().length);
    } else if ("children" in node) node.children.forEach(visit);
  };
  visit(parseMarkdown(markdown));
  let out = markdown;
  for (const at of ends.sort((a, b) => b - a)) out = `${out.slice(0, at)} -->${out.slice(at)}`;
  return out;
}

/** Whether raw HTML leaves a `<!--` that no `-->` closes (`<!-->` and `<!--->` close themselves, as in HTML). */
function isOpen(html: string): boolean {
  for (let from = 0; ; ) {
    const open = html.indexOf("<!--", from);
    if (open === -1) return false;
    const close = html.indexOf("-->", open + 2);
    if (close === -1) return true;
    from = close + 3;
  }
}
