import { findCallsToAction } from "./find-calls-to-action.js";
import { neutralizeMarkers } from "./markers.js";

/** The heading of the decisions in the comment on a closed meeting: what a team searches for. */
export const DECISIONS_HEADING = "Decisions of this meeting";

// Marked as decisions the way calls to action are marked: `DECISION: …`, `[DECISION] …`, `DECIDED: …`.
const RULES = [{ markers: ["DECISION", "DECIDED"], into: DECISIONS_HEADING }];
// A comment is at most 65,536 characters; the link and marker need a little of it.
const MAX_LIST = 60_000;

/**
 * The decisions written in a meeting's notes (`series.decisions`), in order: each line marked
 * `DECISION:`/`DECIDED:` or tagged `[DECISION]` (the forms of a call to action, see
 * `markerMatcher`), as written minus the marker, on one line; each once. Not code, quotes or
 * comments; a decision struck through was taken back.
 */
export function findDecisions(markdown: string): string[] {
  const seen = new Set<string>();
  const decisions: string[] = [];
  for (const call of findCallsToAction(markdown, RULES)) {
    if (call.item.struck) continue;
    const text = neutralizeMarkers(call.item.text.replace(/\s*\n\s*/g, " ").trim());
    const key = text.toLowerCase();
    if (text === "" || seen.has(key)) continue;
    seen.add(key);
    decisions.push(text);
  }
  return decisions;
}

/**
 * The decisions as a section of the comment the app writes on the closed meeting ("Next meeting:
 * #N"): a heading and a list, cut with a count when GitHub's comment limit is near. "" for none.
 */
export function decisionsSection(decisions: readonly string[]): string {
  if (decisions.length === 0) return "";
  const lines: string[] = [];
  let length = 0;
  for (const [index, decision] of decisions.entries()) {
    const line = `- ${decision}`;
    if (length + line.length > MAX_LIST) {
      lines.push(`- … and ${decisions.length - index} more: see the meeting's notes above`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return `### ${DECISIONS_HEADING}\n\n${lines.join("\n")}`;
}
