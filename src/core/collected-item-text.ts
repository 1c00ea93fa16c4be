import { stripCarryCount } from "./carry-count.js";

/**
 * The words meeting-bot adds to a collected call to action, after its text: the people its marker
 * named, and where it came from, so the team finds the context:
 *
 *     - [ ] write the release notes (@alice) _(from Outcomes in #97)_
 *
 * and how an item is recognised as the same item whatever the app added to it.
 */

/** `_(from Outcomes in #97)_`, or `_(from #97)_` for an item above the first heading. */
export function collectedFromNote(under: string, previousNumber: number): string {
  // Only the heading's words: brackets, emphasis and markup characters would break the note.
  const heading = [...under.replace(/[\\`*_~[\]()<>|#]/g, " ").replace(/\s+/g, " ").trim()];
  const short = heading.length > 60 ? `${heading.slice(0, 59).join("").trimEnd()}…` : heading.join("");
  return short === "" ? `_(from #${previousNumber})_` : `_(from ${short} in #${previousNumber})_`;
}

/** `(@alice, @bob)` for the people a marker named; "" for none. */
export function peopleNote(people: readonly string[]): string {
  return people.length === 0 ? "" : `(${people.join(", ")})`;
}

// The note at the end of a line (before the app's carried note and marker, which `stripCarryCount` takes).
const FROM_NOTE = /[ \t]*_\(from (?:[^()\n]* in )?#\d{1,10}\)_[ \t]*$/;

/** A line without the app's `_(from … in #N)_` note at its end. */
export function stripCollectedFrom(line: string): string {
  return line.replace(FROM_NOTE, "");
}

// `(@alice)`, `(@alice, from #45)`, `(@alice, Mary Ann)`: who, as the app writes it after an item.
const PEOPLE_NOTE = /[ \t]*\(@[A-Za-z0-9-]+(?:\[bot\])?(?:,[^()\n]*)?\)[ \t]*$/;

/**
 * The form in which two items are the same call to action: the first line's carried note and
 * marker, `from` note and people dropped, HTML comments dropped, whitespace collapsed, any case.
 * `write the notes`, `- [ ] Write the notes (@alice) _(from Outcomes in #97)_ <!-- … -->` and
 * `/agenda`'s `Write the notes (@bob, from #45)` are one item.
 */
export function sameItemKey(text: string): string {
  const [first = "", ...rest] = stripCarryCount(text).split(/\r\n|\r|\n/);
  const line = stripCollectedFrom(first.replace(/<!--[\s\S]*?(?:-->|$)/g, " ").trimEnd()).replace(PEOPLE_NOTE, "");
  return [line, ...rest]
    .join("\n")
    .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
    .replace(/^\[[ xX]?\][ \t]+/, "")
    .replace(/[\u200b\u2060\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}
