import { isLabel, type ExtractedItem } from "./extract-items.js";

/**
 * An unfinished item as it reappears in the next meeting: an unchecked task `- [ ] ` (a plain
 * `- ` when the item opens with a block other than text) followed by the item's own Markdown,
 * byte for byte, with its continuation lines and nested items indented two columns to sit under
 * the new bullet (nested items keep their own bullets, checkboxes and relative indentation).
 * `\n` line endings.
 */
export function carriedItemMarkdown(item: ExtractedItem): string {
  // An item that opens with a block other than text (HTML, a heading, code, a quote) stays a plain
  // item: `[ ] ` before `<!--` or `</details>` would turn that block into text, and what follows
  // it into something else. It is still unfinished, so it is carried again next time.
  // (`*` when that block is a `---` rule: `- ---` would be a rule itself, not an item.)
  // A label for its nested items (`Priya:`) stays without a checkbox: it is done when they are.
  const bullet = !item.opensWithBlock && !isLabel(item) ? "- [ ] " : /^[ \t]*(?:-[ \t]*)+(?:\n|$)/.test(item.source) ? "* " : "- ";
  // Blank lines stay empty rather than gaining trailing spaces.
  return `${bullet}${item.source.replace(/\n(?=[^\n])/g, "\n  ")}`;
}
