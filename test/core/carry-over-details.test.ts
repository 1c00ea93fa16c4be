import { describe, expect, it } from "@jest/globals";
import { carryOver, type CarryOverInput } from "../../src/core/carry-over.js";

/*
 * The details of carryOver that mutation testing found unchecked (docs/RELIABILITY.md, "Mutation
 * score"): the `maxItems` budget and its counts, the result for names it skips, the result when
 * the parser gives up, which of two equal items a nested task joins, the warnings for markers and
 * open comments, and what makes two items the same.
 */
const text = (items: Array<{ text: string }> | undefined) => (items ?? []).map((item) => item.text);
const run = (input: Partial<CarryOverInput> & Pick<CarryOverInput, "previousBody" | "targetBody">) =>
  carryOver({ sections: ["Action Items"], ...input });

describe("carryOver: maxItems", () => {
  const previousBody = "## Action Items\n- [ ] one\n- [ ] two\n## Open Discussion\n- three\n- four\n- five\n";
  const targetBody = "## Action Items\n## Open Discussion\n";
  const sections = ["Action Items", "Open Discussion"];

  it("adds the first items in order and counts each one left out, per section", () => {
    const result = run({ previousBody, targetBody, sections, maxItems: 3 });
    expect(result.added).toEqual({ "Action Items": ["- [ ] one", "- [ ] two"], "Open Discussion": ["- [ ] three"] });
    expect(result.dropped).toEqual({ "Action Items": 0, "Open Discussion": 2 });
    expect(text(result.carried["Open Discussion"])).toEqual(["three"]);
    expect(result.body).toBe("## Action Items\n\n- [ ] one\n- [ ] two\n\n## Open Discussion\n\n- [ ] three\n");
  });

  it("an item the new section already has takes no room", () => {
    const result = run({ previousBody, targetBody: "## Action Items\n- [ ] one\n## Open Discussion\n", sections, maxItems: 2 });
    expect(result.added).toEqual({ "Action Items": ["- [ ] two"], "Open Discussion": ["- [ ] three"] });
    expect(result.dropped).toEqual({ "Action Items": 0, "Open Discussion": 2 });
    // Already there, so not lost: it still counts as carried.
    expect(text(result.carried["Action Items"])).toEqual(["one", "two"]);
  });

  it("0 carries nothing and counts everything", () => {
    const result = run({ previousBody, targetBody, sections, maxItems: 0 });
    expect(result.body).toBe(targetBody);
    expect(result.dropped).toEqual({ "Action Items": 2, "Open Discussion": 3 });
  });
});

describe("carryOver: every requested name has an entry", () => {
  it("a name it skips gets empty lists and no count, beside a warning", () => {
    const result = run({ previousBody: "## Action Items\n- [ ] a\n", targetBody: "## Action Items\n", sections: ["Action Items", "action items", "---"] });
    expect(result.carried).toEqual({ "Action Items": [expect.objectContaining({ text: "a" })], "action items": [], "---": [] });
    expect(result.done).toEqual({ "Action Items": [], "action items": [], "---": [] });
    expect(result.added).toEqual({ "Action Items": ["- [ ] a"], "action items": [], "---": [] });
    expect(result.dropped).toEqual({ "Action Items": 0, "action items": 0, "---": 0 });
    expect(result.warnings).toEqual([
      `section "action items" names the same section as "Action Items"; carried it once, as "Action Items"`,
      `section name "---" has no words a heading could match; skipped it`,
    ]);
  });

  it("when reading fails, the new body stays and every list is empty", () => {
    // As in carry-over.test.ts: a name that is not a string fails as fast as a parser overflow.
    const sections = ["Action Items", null as unknown as string];
    const result = run({ previousBody: "## Action Items\n- [ ] a\n", targetBody: "## Action Items\n", sections });
    expect({ ...result, warnings: result.warnings.map((warning) => warning.replace(/\(.*\)/, "(…)")) }).toEqual({
      body: "## Action Items\n",
      carried: { "Action Items": [], null: [] },
      done: { "Action Items": [], null: [] },
      added: { "Action Items": [], null: [] },
      dropped: { "Action Items": 0, null: 0 },
      warnings: ["could not carry items over (…); the new meeting body was left as it was"],
    });
  });
});

describe("carryOver: new tasks of an item the new section has twice", () => {
  it("go under the first one, as the other carried items do", () => {
    const result = run({
      previousBody: "## Action Items\n- Priya:\n  - [ ] new task\n",
      targetBody: "## Action Items\n- Priya:\n  - [ ] first\n- Priya:\n  - [ ] second\n",
    });
    expect(result.body).toBe("## Action Items\n- Priya:\n  - [ ] first\n  - [ ] new task\n- Priya:\n  - [ ] second\n");
  });

  it("go at the column of the list they join, not the item's text", () => {
    const result = run({ previousBody: "## Action Items\n- Priya:\n  - [ ] new task\n", targetBody: "## Action Items\n- Priya:\n    - [ ] deeper\n" });
    expect(result.body).toBe("## Action Items\n- Priya:\n    - [ ] deeper\n    - [ ] new task\n");
  });
});

describe("carryOver: what it says about the text it copies", () => {
  it("a meeting-bot marker in an item is neutralized, and the maintainer told", () => {
    const result = run({ previousBody: "## Action Items\n- [ ] see <!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z -->\n", targetBody: "## Action Items\n" });
    expect(result.body).not.toContain("<!-- meeting-bot:");
    expect(result.warnings).toEqual([`a carried "Action Items" item contained a meeting-bot marker; it was neutralized`]);
  });

  it("an HTML comment an item never closes is closed at its end, and the maintainer told", () => {
    // On its own line the comment is an HTML block, which on GitHub hides all that follows.
    const previousBody = "## Action Items\n- [ ] review the draft\n  <!-- not yet\n";
    const result = run({ previousBody, targetBody: "## Action Items\n## Notes\nkept\n" });
    expect(result.body).toBe("## Action Items\n\n- [ ] review the draft\n  <!-- not yet -->\n\n## Notes\nkept\n");
    expect(result.warnings).toEqual([`a carried "Action Items" item opened an HTML comment it never closed; it was closed at the item's end`]);
    // The closed comment is the same item: carried again into its own output, nothing is added.
    expect(run({ previousBody, targetBody: result.body }).body).toBe(result.body);
  });
});

describe("carryOver: the same item", () => {
  it.each([
    ["a space makes another word", "- [ ] log in\n", "- [ ] login\n"],
    ["an arrow inside the text is text", "- [ ] move staging --> prod\n", "- [ ] move staging prod\n"],
    ["a box inside the text is text", "- [ ] tick [x] when done\n", "- [ ] tick when done\n"],
  ])("%s", (_, previous, target) => {
    const result = run({ previousBody: `## Action Items\n${previous}`, targetBody: `## Action Items\n${target}` });
    expect(result.added["Action Items"]).toEqual([previous.trimEnd()]);
  });

  it("runs of spaces and tabs, and the checkbox, make no difference", () => {
    const result = run({ previousBody: "## Action Items\n- [ ] send  the\tnotes\n- [x] ship it\n", targetBody: "## Action Items\n- [x] send the notes\n" });
    expect(result.added["Action Items"]).toEqual([]);
  });

  it("a box typed twice (copied in front of a task) is one box", () => {
    const result = run({ previousBody: "## Action Items\n- [ ] [ ] review  budget\n- [ ]\n  [x] book room\n", targetBody: "## Action Items\n- [ ] review budget\n- [ ] book room\n" });
    expect(result.added["Action Items"]).toEqual([]);
  });
});
