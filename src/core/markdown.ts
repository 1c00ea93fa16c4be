import type { Nodes, Root } from "mdast";
import { remark } from "remark";
import remarkGfm from "remark-gfm";

// One processor for the whole app: building it costs more than parsing a typical issue body.
const processor = remark().use(remarkGfm);
const BOM = "\uFEFF";

/**
 * Parse GitHub-flavoured Markdown into mdast, with positions (offsets) on every node. Offsets
 * index `markdown` itself, also when it starts with a byte-order mark (which the parser skips).
 */
export function parseMarkdown(markdown: string): Root {
  if (!markdown.startsWith(BOM)) return processor.parse(markdown);
  // The parser drops a leading BOM and counts from after it; shift every position back in place.
  const tree = processor.parse(markdown.slice(1));
  const shift = (node: Nodes): void => {
    for (const point of node.position ? [node.position.start, node.position.end] : []) {
      if (point.offset !== undefined) point.offset += 1;
      if (point.line === 1) point.column += 1;
    }
    if ("children" in node) node.children.forEach(shift);
  };
  shift(tree);
  return tree;
}
