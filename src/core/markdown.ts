import type { Root } from "mdast";
import { remark } from "remark";
import remarkGfm from "remark-gfm";

// One processor for the whole app: building it costs more than parsing a typical issue body.
const processor = remark().use(remarkGfm);

/** Parse GitHub-flavoured Markdown into mdast, with positions (offsets) on every node. */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}
