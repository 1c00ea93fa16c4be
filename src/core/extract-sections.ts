import { extractItems, toSectionItem, type SectionItem } from "./extract-items.js";
import { findSections } from "./find-sections.js";

/**
 * The items of each named section of `body`, one key per requested name (spelled as requested),
 * an empty list when the section is missing; a section written several times gives its items in
 * document order. This is what `meeting-bot extract` prints.
 */
export function extractSections(body: string, names: string[]): Record<string, SectionItem[]> {
  const found = findSections(body, names);
  return Object.fromEntries(
    names.map((name) => [
      name,
      (found.get(name) ?? []).flatMap((section) => extractItems(body, section)).map((item) => toSectionItem(item)),
    ]),
  );
}
