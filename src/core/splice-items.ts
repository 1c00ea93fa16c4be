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
 * - a blank line is added after them only when the next line is not blank already, so the next
 *   block cannot be swallowed as a continuation of the last item;
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
  const closing = /^(\r\n|\r|\n)[ \t]*[^\s]/.test(after) || (after !== "" && !/^[\r\n]/.test(after)) ? eol : "";
  return { body: `${body.slice(0, at)}${eol}${eol}${block}${closing}${after}`, placement: "section" };
}
