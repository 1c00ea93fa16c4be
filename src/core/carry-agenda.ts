import { agendaItems, insertItems, normalizeItemText } from "./apply-agenda-commands.js";
import { carriedItemMarkdown } from "./carried-item-markdown.js";
import { closeOpenComment } from "./close-open-comment.js";
import { isDone } from "./extract-items.js";
import { neutralizeMarkers } from "./markers.js";

/**
 * The agenda of a meeting that was skipped moves to the next meeting that takes place: its
 * unchecked agenda items (see `agendaItems`) go to the end of the new agenda, byte for byte as
 * carried items do (`- [ ] …`, markers defused), each once: not when the new agenda already has
 * the same item (same text, as `/agenda` compares them). Checked items stay behind.
 */
export function carryAgenda(previousBody: string, targetBody: string, section: string, names: readonly string[]): { body: string; added: string[] } {
  const present = new Set(agendaItems(targetBody, section, names).map((item) => normalizeItemText(item.text)));
  const added: string[] = [];
  for (const item of agendaItems(previousBody, section, names)) {
    if (isDone(item)) continue;
    const key = normalizeItemText(item.text);
    if (present.has(key)) continue;
    present.add(key);
    added.push(closeOpenComment(neutralizeMarkers(carriedItemMarkdown(item))));
  }
  return { body: added.length === 0 ? targetBody : insertItems(targetBody, section, names, added), added };
}
