import { agendaItems, normalizeItemText, wholeLines } from "./apply-agenda-commands.js";
import { stripCarryCount } from "./carry-count.js";
import { extractItems, isDone, type ExtractedItem } from "./extract-items.js";
import { findSections } from "./find-sections.js";

// The list of items carried too long that a carry put at the top of a section (see `flaggedList`).
const FLAGGED_LIST = /^> \*\*Carried \d{1,6} meetings or more\*\*: do it, drop it, or open an issue for it\.[^\r\n]*(?:(?:\r\n|\r|\n)>[^\r\n]*)*(?:\r\n|\r|\n){0,2}/m;

/**
 * Take back from a meeting issue (`target`) the items a skipped meeting's issue (`source`) had
 * handed it: when that meeting takes place after all (`/meeting unskip`), its issue holds them
 * again, and this one gets its unfinished items the usual way once it is over. Removed: the
 * unchecked items of the agenda and of each carried section that the same section of `source`
 * holds unchecked (same text, whatever the carried count), and the list of items carried too
 * long. Items added to `target` meanwhile (an `/agenda add` while the meeting was skipped) stay.
 */
export function withdrawCarriedItems(target: string, source: string, agenda: string, sections: readonly string[]): string {
  const names = [agenda, ...sections];
  const keyOf = (item: ExtractedItem) => normalizeItemText(stripCarryCount(item.text));
  const held = (items: ExtractedItem[]) => new Set(items.filter((item) => !isDone(item)).map(keyOf));
  const inSection = (body: string, name: string) => (findSections(body, names).get(name) ?? []).flatMap((section) => extractItems(body, section));
  const ranges: Array<[number, number]> = [];
  const take = (items: ExtractedItem[], from: Set<string>) => {
    for (const item of items) if (!isDone(item) && from.has(keyOf(item))) ranges.push(wholeLines(target, item.start, item.end));
  };
  take(agendaItems(target, agenda, names), held(agendaItems(source, agenda, names)));
  for (const name of sections) take(inSection(target, name), held(inSection(source, name)));
  let body = target;
  for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) body = body.slice(0, start) + body.slice(end);
  return body.replace(FLAGGED_LIST, "");
}
