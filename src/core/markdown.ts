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
  const known = cache.get(markdown);
  if (known) return known;
  const tree = parse(markdown);
  if (FREEZE) deepFreeze(tree);
  cache.set(markdown, tree);
  cached += markdown.length;
  // The oldest go first, until the texts held are under budget (their trees take about 20× that).
  for (const oldest of cache.keys()) {
    if (cached <= CACHE_CHARACTERS) break;
    cache.delete(oldest);
    cached -= oldest.length;
  }
  return tree;
}

// Trees are shared, so never changed by their readers. One creation reads the same bodies, and
// the same short texts (a paragraph's lines, an item's text), many times over: from the second
// time on, a parse is a lookup. (The on-time benchmark: 8 creations at one instant spent seconds
// parsing on one thread.) Under test every tree is frozen, so a reader that changes one fails.
const CACHE_CHARACTERS = 500_000;
const cache = new Map<string, Root>();
let cached = 0;
const FREEZE = process.env["NODE_ENV"] === "test";

function deepFreeze(value: object): void {
  Object.freeze(value);
  for (const child of Object.values(value)) if (child !== null && typeof child === "object" && !Object.isFrozen(child)) deepFreeze(child as object);
}

function parse(markdown: string): Root {
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

/** Empty the cache of parsed texts (benchmarks measure a parse, not a lookup). */
export function forgetParsedMarkdown(): void {
  cache.clear();
  cached = 0;
}
