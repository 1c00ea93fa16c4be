import { carriedItemMarkdown } from "./carried-item-markdown.js";
import { closeOpenComment } from "./close-open-comment.js";
import { collectedFromNote, peopleNote, sameItemKey } from "./collected-item-text.js";
import { extractItems, toSectionItem, type ExtractedItem, type SectionItem } from "./extract-items.js";
import { findCallsToAction, type CallToAction, type CollectRule } from "./find-calls-to-action.js";
import { findSections } from "./find-sections.js";
import { neutralizeMarkers } from "./markers.js";
import { spliceItems } from "./splice-items.js";

export interface CollectInput {
  /** Body of the previous meeting issue: where the calls to action were written. */
  previousBody: string;
  /** Body of the new meeting issue, after carry-over: where they go. */
  targetBody: string;
  rules: readonly CollectRule[];
  /** The previous meeting's issue number, named beside each collected item. */
  previousNumber: number;
  /** The carried sections: their items are carried as they are, never collected. */
  carried: readonly string[];
  /** Every section name in play (carried, agenda, targets), so each section ends where it should. */
  names?: readonly string[];
  /** Add at most this many items in all (rule order, then document order); the rest are counted in `dropped`. */
  maxItems?: number;
}

export interface CollectResult {
  /** `targetBody` with the collected items added at the end of their target sections. */
  body: string;
  /** Per target section: the calls to action added (without marker, as they now read). */
  collected: Record<string, SectionItem[]>;
  /** Per target section: the Markdown blocks added, in order. */
  added: Record<string, string[]>;
  /** Per target section: how many were left out because of `maxItems`. */
  dropped: Record<string, number>;
  warnings: string[];
}

/**
 * Collect the open calls to action written anywhere in the previous meeting (`TODO: …`,
 * `[TODO] …`, `NEXT WEEK MEETING:` above a list; see `findCallsToAction`) into their target
 * sections of the new meeting, each once, as an unchecked task:
 *
 *     - [ ] write the release notes (@alice) _(from Outcomes in #97)_
 *
 * its text as written minus the marker, the people its marker named, and where it came from.
 * Not collected: calls that are done (checked, struck through, `[DONE]`), and calls already in the
 * target section (carried there, added by `/agenda`, in the template, or collected before: the
 * comparison ignores the app's notes, see `sameItemKey`).
 */
export function collectCallsToAction(input: CollectInput): CollectResult {
  const { previousBody, rules } = input;
  const targets = [...new Set(rules.map((rule) => rule.into))];
  const names = [...new Set([...(input.names ?? []), ...input.carried, ...targets])];
  const result: CollectResult = {
    body: input.targetBody,
    collected: Object.fromEntries(targets.map((name) => [name, []])),
    added: Object.fromEntries(targets.map((name) => [name, []])),
    dropped: Object.fromEntries(targets.map((name) => [name, 0])),
    warnings: [],
  };
  if (targets.length === 0) return result;
  const calls = findCallsToAction(previousBody, rules, { exclude: input.carried }).filter((call) => !call.done);
  if (calls.length === 0) return result;

  let room = input.maxItems ?? Number.POSITIVE_INFINITY;
  for (const into of targets) {
    const mine = calls.filter((call) => call.into === into);
    if (mine.length === 0) continue;
    const present = new Set(sectionItems(result.body, into, names).map((item) => sameItemKey(item.text)));
    const blocks: string[] = [];
    const taken: SectionItem[] = [];
    for (const call of mine) {
      const key = sameItemKey(call.item.text);
      if (key === "" || present.has(key)) continue;
      present.add(key);
      if (room <= 0) {
        result.dropped[into] = (result.dropped[into] ?? 0) + 1;
        continue;
      }
      room -= 1;
      const markdown = collectedItemMarkdown(call, input.previousNumber);
      const unmarked = neutralizeMarkers(markdown);
      if (unmarked !== markdown) result.warnings.push(`a collected "${into}" item contained a meeting-bot marker; it was neutralized`);
      blocks.push(closeOpenComment(unmarked));
      taken.push(toSectionItem(call.item, neutralizeMarkers));
    }
    if (blocks.length === 0) continue;
    const spliced = spliceItems(result.body, into, blocks, names);
    if (spliced.placement === "appended") result.warnings.push(`new meeting has no "${into}" section for the collected calls to action; added "### ${into}" at the end`);
    result.body = spliced.body;
    result.added[into] = blocks;
    result.collected[into] = taken;
  }
  return result;
}

/** A call to action as a task of the new meeting: its Markdown, then who and where from at the end of its first line. */
export function collectedItemMarkdown(call: CallToAction, previousNumber: number): string {
  const markdown = carriedItemMarkdown(call.item);
  const end = firstLineEnd(markdown);
  const line = markdown.slice(0, end);
  // A hard line break at the end of the first line must stay its end.
  const hardBreak = /(?: {2,}|\\)$/.exec(line)?.[0] ?? "";
  const content = line.slice(0, line.length - hardBreak.length).replace(/[ \t]+$/, "");
  // A comment the first line leaves open would swallow the note: it goes on no line then.
  if (content.lastIndexOf("<!--") > content.lastIndexOf("-->")) return markdown;
  const notes = [peopleNote(call.people), collectedFromNote(call.under, previousNumber)].filter((note) => note !== "").join(" ");
  return `${content} ${notes}${hardBreak}${markdown.slice(end)}`;
}

/** Every item of the section `name` of `body`, nested ones included. */
function sectionItems(body: string, name: string, names: readonly string[]): ExtractedItem[] {
  const all = (item: ExtractedItem): ExtractedItem[] => [item, ...item.children.flatMap(all)];
  return (findSections(body, [...names]).get(name) ?? []).flatMap((section) => extractItems(body, section)).flatMap(all);
}

function firstLineEnd(text: string): number {
  const at = text.search(/\r\n|\r|\n/);
  return at === -1 ? text.length : at;
}
