import type { ExtractedItem } from "./extract-items.js";

/**
 * An unfinished item as it reappears in the next meeting: an unchecked task `- [ ] ` followed by
 * the item's own Markdown, byte for byte, with its continuation lines and nested items indented
 * two columns to sit under the new bullet (nested items keep their own bullets, checkboxes and
 * relative indentation). `\n` line endings.
 */
export function carriedItemMarkdown(item: ExtractedItem): string {
  // Blank lines stay empty rather than gaining trailing spaces.
  return `- [ ] ${item.source.replace(/\n(?=[^\n])/g, "\n  ")}`;
}
