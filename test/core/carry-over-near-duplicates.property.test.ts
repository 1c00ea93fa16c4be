import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { carryOver } from "../../src/core/carry-over.js";
import { extractSections } from "../../src/core/extract-sections.js";
import { propertyRuns } from "../helpers/property-runs.js";

/*
 * Items that look alike are not the same item. Only the same words with other spacing (or another
 * checkbox) are one item; another case, other punctuation, the same words in the other section,
 * or the same words once done and once open are different items, and each unfinished one is
 * carried exactly once, into its own section. The model below is written for this test, not taken
 * from the app: a key is the text with runs of spaces collapsed, per section.
 */

const SECTIONS = ["Action Items", "Open Discussion"] as const;
type Variant = "same" | "spacing" | "case" | "punctuation" | "done" | "struck";

interface Written {
  section: (typeof SECTIONS)[number];
  text: string;
  done: boolean;
}

const WORDS = ["Fix", "the", "release", "notes", "CI", "docs", "for", "Windows", "ask", "@alice"];
const base = fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 5 }).map((words) => words.join(" "));
const variant = fc.constantFrom<Variant>("same", "spacing", "case", "punctuation", "done", "struck");
const entry = fc.record({ base: fc.nat(3), variant, section: fc.nat(1), bullet: fc.constantFrom("- [ ] ", "- ", "* [ ] ", "1. ") });

function shape(text: string, variant: Variant): { text: string; done: boolean } {
  switch (variant) {
    case "same":
      return { text, done: false };
    case "spacing":
      return { text: text.replace(/ /g, "  "), done: false };
    case "case":
      return { text: text === text.toUpperCase() ? text.toLowerCase() : text.toUpperCase(), done: false };
    case "punctuation":
      return { text: `${text}.`, done: false };
    case "done":
      return { text, done: true };
    case "struck":
      return { text: `~~${text}~~`, done: true };
  }
}

const key = (text: string) => text.replace(/\s+/g, " ").trim();

describe("carryOver with items that look alike", () => {
  it("carries each different unfinished item once, in its own section; only spacing makes two items one", () => {
    fc.assert(
      fc.property(fc.array(base, { minLength: 1, maxLength: 4 }), fc.array(entry, { minLength: 1, maxLength: 12 }), (bases, entries) => {
        const written: Written[] = entries.map((item) => {
          const made = shape(bases[item.base % bases.length] as string, item.variant);
          return { section: SECTIONS[item.section] as Written["section"], ...made };
        });
        const lines = (section: Written["section"]) =>
          entries
            .map((item, index) => ({ item, written: written[index] as Written }))
            .filter(({ written: w }) => w.section === section)
            .map(({ item, written: w }) => (w.done && !w.text.startsWith("~~") ? `- [x] ${w.text}` : `${item.bullet}${w.text}`));
        // Blank lines between items: bullets and numbers may start new lists, every item stays top-level.
        const previousBody = SECTIONS.map((section) => `## ${section}\n\n${lines(section).join("\n\n")}\n`).join("\n");
        const targetBody = "## Action Items\n\n## Open Discussion\n";

        const result = carryOver({ previousBody, targetBody, sections: [...SECTIONS] });
        const carried = extractSections(result.body, [...SECTIONS]);

        for (const section of SECTIONS) {
          const expected: string[] = [];
          for (const item of written.filter((w) => w.section === section && !w.done)) {
            if (!expected.some((text) => key(text) === key(item.text))) expected.push(item.text);
          }
          expect((carried[section] ?? []).map((item) => item.text)).toEqual(expected);
        }
        // Running it again adds nothing.
        expect(carryOver({ previousBody, targetBody: result.body, sections: [...SECTIONS] }).body).toBe(result.body);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
