import type { Root } from "mdast";
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
  /** `parseMarkdown(previousBody)`, when the caller has it (the carry-over parsed it already). */
  previousTree?: Root;
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
  try {
    return collect(input);
  } catch (error) {
    // As the carry-over: should the parser give up (lists nested thousands deep), nothing is lost.
    const reason = error instanceof Error ? error.message : String(error);
    const targets = [...new Set(input.rules.map((rule) => rule.into))];
    const empty = <T>(value: () => T) => Object.fromEntries(targets.map((name) => [name, value()]));
    return {
      body: input.targetBody,
      collected: empty(() => []),
      added: empty(() => []),
      dropped: empty(() => 0),
      warnings: [`could not collect the calls to action (${reason}); they stay in the previous meeting`],
    };
  }
}

function collect(input: CollectInput): CollectResult {
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
  const calls = findCallsToAction(previousBody, rules, { exclude: input.carried, ...(input.previousTree ? { tree: input.previousTree } : {}) }).filter((call) => !call.done);
  if (calls.length === 0) return result;

  let room = input.maxItems ?? Number.POSITIVE_INFINITY;
  // What each target section holds already, read once (splicing into one target leaves the others' items as they are).
  const holds = new Map<string, Set<string>>();
  const found = findSections(result.body, names);
  for (const into of targets) holds.set(into, new Set((found.get(into) ?? []).flatMap((section) => extractItems(result.body, section)).flatMap(withNested).map((item) => sameItemKey(item.text))));
  for (const into of targets) {
    const mine = calls.filter((call) => call.into === into);
    if (mine.length === 0) continue;
    const present = holds.get(into) ?? new Set<string>();
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

/** An item and every item nested in it. */
function withNested(item: ExtractedItem): ExtractedItem[] {
  return [item, ...item.children.flatMap(withNested)];
}

function firstLineEnd(text: string): number {
  const at = text.search(/\r\n|\r|\n/);
  return at === -1 ? text.length : at;
}
