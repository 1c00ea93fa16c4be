import type { RootContent } from "mdast";
import { findSections } from "./find-sections.js";

/** Where `spliceItems` put the items. */
export type SplicePlacement = "section" | "appended" | "unchanged";

export interface SpliceResult {
  body: string;
  placement: SplicePlacement;
}

/**
 * Insert items (Markdown blocks such as `- [ ] Send the notes`, `\n` line endings) into the
 * section `name` of `body`, changing no other byte of it:
 * - they go after everything the section already holds (items, comments, hint lines), one blank
 *   line after it, in one run, and whatever followed (the spacing before the next heading) stays;
 * - except that when the section ends with a tight list and the items start, unindented, with the
 *   same bullet (or the same numbered delimiter, `.` or `)`), they go directly below it, so the
 *   list stays tight; a loose list, or another bullet (which starts a new list anyway), keeps the
 *   blank line;
 * - a blank line is added after them only when the next line is not blank already, so the next
 *   block cannot be swallowed as a continuation of the last item;
 * - a section that is a list item (`- **Open discussion**`): nested under it, indented to its
 *   content, directly below what it holds (so the outer list keeps its spacing);
 * - the section written several times: into the first one;
 * - no such section: a new `### <name>` section is appended at the end of the body;
 * - line endings follow the body's first line ending (CRLF bodies get CRLF lines);
 * - no items: the body is returned as it was.
 * `names` are all the section names in play, so that a `Name:` line for any of them ends this section.
 */
export function spliceItems(
  body: string,
  name: string,
  items: readonly string[],
  names: readonly string[] = [name],
): SpliceResult {
  if (items.length === 0) return { body, placement: "unchanged" };
  const eol = /\r\n|\r|\n/.exec(body)?.[0] ?? "\n";
  const block = items.map((item) => item.replace(/\r\n|\r|\n/g, eol)).join(eol);

  const section = findSections(body, names.includes(name) ? names : [...names, name]).get(name)?.[0];
  if (!section) {
    const separator = body === "" || /(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)$/.test(body) ? "" : /[\r\n]$/.test(body) ? eol : eol + eol;
    const heading = `### ${name.replace(/\s+/g, " ").trim()}`;
    return { body: `${body}${separator}${heading}${eol}${eol}${block}${eol}`, placement: "appended" };
  }

  const last = section.blocks.at(-1);
  let at = last ? last.end : section.heading.end;
  // Blocks end at their last character; trailing spaces on that line stay with it.
  at += /^[ \t]*/.exec(body.slice(at))?.[0].length ?? 0;
  const after = body.slice(at);
  if (section.indent !== undefined) {
    const pad = " ".repeat(section.indent);
    const nested = block.split(eol).map((line) => (line === "" ? line : pad + line)).join(eol);
    // Right below the item's text or its tight list; a blank line only after a loose list or other blocks.
    const gap = !last || continuesTightList(body, last.node, block) ? eol : eol + eol;
    return { body: `${body.slice(0, at)}${gap}${nested}${/^[\r\n]/.test(after) || after === "" ? "" : eol}${after}`, placement: "section" };
  }
  const closing = /^(\r\n|\r|\n)[ \t]*[^\s]/.test(after) || (after !== "" && !/^[\r\n]/.test(after)) ? eol : "";
  // Items that continue a tight list join it line by line, so it stays tight (a blank line would
  // make GitHub render the whole list with paragraph spacing).
  const opening = last && continuesTightList(body, last.node, block) ? eol : eol + eol;
  return { body: `${body.slice(0, at)}${opening}${block}${closing}${after}`, placement: "section" };
}

/**
 * Whether `block`, put on the line after `node`, continues it as a tight list: `node` is a list
 * with no blank line between or inside its items, and `block` starts at column 0 (indented, it
 * could nest under the last item) with an item of the same bullet or numbered delimiter (any
 * other marker starts a new list, which a blank line shows).
 */
function continuesTightList(body: string, node: RootContent, block: string): boolean {
  if (node.type !== "list" || node.spread === true || node.children.some((item) => item.spread === true)) return false;
  const start = node.children.at(-1)?.position?.start.offset;
  if (start === undefined) return false;
  const marker = listMarker(body.slice(start).replace(/^[ \t]*/, ""));
  return marker !== undefined && marker === listMarker(block);
}

/** The bullet (`-`, `*`, `+`) or numbered delimiter (`.`, `)`) of the list item `text` starts with. */
function listMarker(text: string): string | undefined {
  const match = /^(?:([-*+])|\d{1,9}([.)]))(?=\s|$)/.exec(text);
  return match?.[1] ?? match?.[2];
}
