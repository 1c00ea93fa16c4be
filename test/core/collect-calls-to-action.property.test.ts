import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { defaultCollectRules } from "../../src/config/schema.js";
import { extractItems, type ExtractedItem } from "../../src/core/extract-items.js";
import { findSections } from "../../src/core/find-sections.js";
import { carryWhatFits } from "../../src/core/plan-meeting-issue.js";
import { propertyRuns } from "../helpers/property-runs.js";

/*
 * Calls to action (issue 14): nothing open that carries a collect marker is lost from one meeting
 * to the next, and nothing is collected twice: not when it is written twice, not when it is also
 * an item of its target section, not a week later when the team pastes the same notes again. The
 * generator writes every marker form people use, in every state, and the checks use its own model.
 */

const RULES = defaultCollectRules("Proposed Agenda");
const CARRIED = ["Action Items", "Open Discussion"];
const TARGETS = ["Action Items", "Proposed Agenda"] as const;
type State = "open" | "checked" | "struck" | "done-tag";

interface CallShape {
  form: number;
  state: State;
  into: 0 | 1;
  twice: boolean;
  alsoAnActionItem: boolean;
}
const call = fc.record({
  form: fc.nat(5),
  state: fc.constantFrom<State>("open", "open", "checked", "struck", "done-tag"),
  into: fc.constantFrom<0 | 1>(0, 1),
  twice: fc.boolean(),
  alsoAnActionItem: fc.boolean(),
});

const MARKERS: [string[], string[]] = [
  ["TODO", "todo", "ACTION", "Action Item"],
  ["NEXT WEEK MEETING", "REMINDER", "Next meeting"],
];

/** One call written in one of the forms of the issue, in its state; the text is `id` plus words. */
function written(shape: CallShape, id: string, n: number): string {
  // `ACTION:` or `Action Item:` alone on a line is the Action Items section itself to the carry-over
  // (README, Carry-over): its list is carried as written, by the carry-over's own rules.
  const markers = shape.form === 4 ? MARKERS[shape.into].filter((word) => !/^action/i.test(word)) : MARKERS[shape.into];
  const marker = markers[n % markers.length] as string;
  const text = `${id} needs doing`;
  const box = shape.state === "checked" ? "[x] " : "";
  const tail = shape.state === "done-tag" ? " [DONE]" : "";
  const strike = (inner: string) => (shape.state === "struck" ? `~~${inner}~~` : inner);
  switch (shape.form) {
    case 0:
      return `- ${box}${strike(`${marker}: ${text}`)}${tail}`;
    case 1:
      return `- ${box}${strike(`[${marker}] ${text}`)}${tail}`;
    case 2:
      return `- ${box}${strike(`\`[${marker}]\` ${text}`)}${tail}`;
    case 3:
      // As the example writes its outcomes: a topic, and hand-typed `**` bullets below it.
      return `* A topic about ${id}\n ** NOTE: context first\n ** ${box}${strike(`${marker}: ${text}`)}${tail}`;
    case 4:
      return `${marker}:\n  * ${box}${strike(text)}${tail}`;
    default:
      return `- ${box}${strike(`${marker}(alice): ${text}`)}${tail}`;
  }
}

function notes(calls: CallShape[]): { body: string; ids: string[] } {
  const ids = calls.map((_, index) => `cta${index}x`);
  const blocks = calls.flatMap((shape, index) => {
    const once = written(shape, ids[index] as string, index);
    // A sentence between the calls, so that two lists with the same bullet stay two lists.
    const topic = `We talked about topic ${index}.`;
    return shape.twice ? [topic, once, `And again.`, written({ ...shape, form: (shape.form + 1) % 6 }, ids[index] as string, index + 1)] : [topic, once];
  });
  const actions = calls.flatMap((shape, index) => (shape.alsoAnActionItem ? [`- ${ids[index]} needs doing`] : []));
  const body = ["## Agenda", "- updates", "### Outcomes", ...blocks, "### Action Items", ...actions, "### Open Discussion"].join("\n\n");
  return { body, ids };
}

const TEMPLATE = "## Proposed Agenda\n\n### Outcomes\n\n<!-- Rough notes -->\n\n### Action Items\n\n<!-- carried -->\n\n### Open Discussion\n";

function itemsOf(body: string, name: string): ExtractedItem[] {
  const all = (item: ExtractedItem): ExtractedItem[] => [item, ...item.children.flatMap(all)];
  return (findSections(body, [...new Set([...CARRIED, ...TARGETS, "Outcomes"])]).get(name) ?? []).flatMap((section) => extractItems(body, section)).flatMap(all);
}

const holding = (body: string, name: string, id: string) => itemsOf(body, name).filter((item) => item.text.includes(`${id} needs doing`)).length;

function nextMeeting(previousBody: string, number: number): string {
  const previous = { number, title: `Meeting #${number}`, body: previousBody };
  return carryWhatFits(TEMPLATE, previous, CARRIED, (body) => body.length, { otherSections: ["Proposed Agenda"], collect: RULES }).body;
}

describe("calls to action, for any notes people write", () => {
  it("loses nothing open with a collect marker, and collects nothing twice, this week or the next", () => {
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 6 }), (calls) => {
        const { body: previousBody, ids } = notes(calls);
        const second = nextMeeting(previousBody, 10);
        calls.forEach((shape, index) => {
          const id = ids[index] as string;
          const open = shape.state === "open";
          const into = TARGETS[shape.into];
          // Open: once in its target section (carried there, or collected); done: only where it was carried.
          expect([id, into, holding(second, into, id)]).toEqual([id, into, open || (shape.alsoAnActionItem && into === "Action Items") ? 1 : 0]);
          const other = TARGETS[1 - shape.into] as string;
          expect([id, other, holding(second, other, id)]).toEqual([id, other, shape.alsoAnActionItem && other === "Action Items" ? 1 : 0]);
          expect(holding(second, "Outcomes", id)).toBe(0);
          // Where it came from goes with it (`ACTION:` alone above a list is the Action Items section
          // itself to the carry-over, whose items are carried as written: no note there).
          if (open && into === "Proposed Agenda") expect(second).toContain(`${id} needs doing${shape.form === 5 ? " (@alice)" : ""} _(from Outcomes in #10)_`);
        });
        // Collecting again into its own result adds nothing.
        expect(nextMeeting(previousBody, 10).length).toBe(second.length);

        // A week later, the team pasted the same notes under Outcomes again: the collected Action
        // Items are carried, once; what was on the agenda comes back to the new agenda once.
        const pasted = second.replace("### Outcomes\n\n<!-- Rough notes -->", `### Outcomes\n\n${previousBody.split("### Outcomes\n\n")[1]?.split("\n\n### Action Items")[0] ?? ""}`);
        const third = nextMeeting(pasted, 11);
        calls.forEach((shape, index) => {
          const id = ids[index] as string;
          const into = TARGETS[shape.into];
          const actions = shape.state === "open" ? 1 : shape.alsoAnActionItem ? 1 : 0;
          const expected = into === "Action Items" ? actions : shape.alsoAnActionItem ? 1 : 0;
          expect([id, "Action Items", holding(third, "Action Items", id)]).toEqual([id, "Action Items", expected]);
          expect([id, "Proposed Agenda", holding(third, "Proposed Agenda", id)]).toEqual([id, "Proposed Agenda", into === "Proposed Agenda" && shape.state === "open" ? 1 : 0]);
        });
      }),
      { numRuns: propertyRuns(60) },
    );
  });
});
