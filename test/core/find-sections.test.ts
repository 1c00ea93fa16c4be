import { describe, expect, it } from "@jest/globals";
import { findSections } from "../../src/core/find-sections.js";

const NAMES = ["Action Items", "Open Discussion"];

/** Each occurrence of `name` as [heading title, content as written]. */
function sections(markdown: string, name = "Action Items", names: string[] = NAMES): Array<[string, string]> {
  return (findSections(markdown, names).get(name) ?? []).map((section) => [
    section.heading.title,
    markdown.slice(section.heading.end, section.end).trim(),
  ]);
}

describe("findSections", () => {
  it.each([
    ["ends at a heading of the same level", "## Action Items\n- a\n## Notes\n- n", [["Action Items", "- a"]]],
    ["ends at a higher heading", "### Action Items\n- a\n# Notes\n- n", [["Action Items", "- a"]]],
    ["ends at a deeper heading", "## Action Items\n- a\n### Open Questions\n- q\n## Notes", [["Action Items", "- a"]]],
    ["ends at a thematic break indented by a space", "## Action Items\n- a\n\n ----------\n\n- b", [["Action Items", "- a"]]],
    ["ends at a label line", "## Action Items\n- a\n\nDecisions:\n- d", [["Action Items", "- a"]]],
    ["ends at a label line without a colon above a list", "## Action Items\n- a\n\nNext steps\n- d", [["Action Items", "- a"]]],
    ["does not end at a person's name leading a list", "## Action Items\nPriya:\n- a", [["Action Items", "Priya:\n- a"]]],
    ["does not end at a bold name leading a list", "## Action Items\n**Tomás**:\n- a\n\n**Priya:**\n- b\n\n**@wen**\n- c", [["Action Items", "**Tomás**:\n- a\n\n**Priya:**\n- b\n\n**@wen**\n- c"]]],
    ["ends at a bold label", "## Action Items\n- a\n\n**Decisions made**\n- d", [["Action Items", "- a"]]],
    ["ends at a bold paragraph not above a list", "## Action Items\n- a\n\n**Priya**\n\nsays hi", [["Action Items", "- a"]]],
    ["ends at a label line that starts with a label", "## Action Items\n- a\n\nDecisions made today:\n- d", [["Action Items", "- a"]]],
    ["ends at a label line inside a paragraph", "Action items:\nPriya sends notes\nOpen discussion:\nTuesday?\nNotes:\nnone", [["Action items:", "Priya sends notes"]]],
    ["is found by a label line without a colon above a list", "Action items\n- a\n\nNotes:\n- n", [["Action items", "- a"]]],
    ["is not found by the bare name above text", "Action items\nwere all done", []],
    ["is found by a slash heading", "### Action Item / Who\n- a", [["Action Item / Who", "- a"]]],
    [
      "takes label lines in different topic sections, in order",
      "## Topic one\nnotes\n\nAction items:\n- a\n\n## Topic two\nAction items:\n- b",
      [
        ["Action items:", "- a"],
        ["Action items:", "- b"],
      ],
    ],
    ["ends at a thematic break", "## Action Items\n- a\n\n---\n\nfooter", [["Action Items", "- a"]]],
    ["ends at a bold paragraph", "## Action Items\n- a\n\n**Decisions**\n- d", [["Action Items", "- a"]]],
    ["runs to the end", "# Action items\n\n- a\n- b\n", [["Action items", "- a\n- b"]]],
    ["is found by a bold pseudo-heading", "**Action Items**\n- a\n\n**Notes**\n- n", [["Action Items", "- a"]]],
    ["a pseudo-heading section ends at any heading", "Action items:\n- a\n#### Notes\n- n", [["Action items:", "- a"]]],
    ["a colon line naming another section ends it", "## Action Items\n- a\n\nOpen discussion:\n- q", [["Action Items", "- a"]]],
    ["a colon line naming nothing does not", "## Action Items\nAlice:\n- a\n\nBob:\n- b", [["Action Items", "Alice:\n- a\n\nBob:\n- b"]]],
    [
      "a deeper heading naming another section ends it, so sections never overlap",
      "## Action Items\n- a\n### Open Discussion\n- q",
      [["Action Items", "- a"]],
    ],
    [
      "takes every occurrence in order",
      "## Action Items\n- a\n## Notes\n**Action items:**\n- b\n\n### 3. ACTION ITEM (cont.)\n- c",
      [
        ["Action Items", "- a"],
        ["Action items:", "- b"],
        ["3. ACTION ITEM (cont.)", "- c"],
      ],
    ],
    ["ignores a decoy heading", "## Review of last week's action items\n- x\n", []],
    ["ignores headings inside lists", "- ## Action Items\n  - x\n- ### Action Items:\n  - y\n", []],
    ["takes a bold list item with its nested list", "- **Action Items**\n  - x\n- **Other**\n  - y", [["Action Items", "- x"]]],
    ["is empty when missing", "# Notes\n\ntext", []],
    ["is empty on an empty document", "", []],
  ])("%s", (_, markdown, expected) => {
    expect(sections(markdown)).toEqual(expected);
  });

  it("splits a paragraph at each label line: GitHub shows every line of an issue", () => {
    const markdown = "Action items:\nPriya sends notes\nOpen discussion:\nTuesday?\n\n**Action items:**\n**Open discussion:**\n\n**Notes:**\n";
    expect(sections(markdown, "Open Discussion")).toEqual([
      ["Open discussion:", "Tuesday?"],
      ["Open discussion:", ""],
    ]);
    expect(sections(markdown)).toEqual([
      ["Action items:", "Priya sends notes"],
      ["Action items:", ""],
    ]);
  });

  it("gives the rest of a paragraph whose first line is the pseudo-heading as content", () => {
    const markdown = "Action items:\nAlice sends notes\nBob books a room\n\nOpen discussion:\nNothing";
    const [section] = findSections(markdown, NAMES).get("Action Items") ?? [];
    expect(section?.blocks.map((block) => markdown.slice(block.start, block.end))).toEqual(["\nAlice sends notes\nBob books a room"]);
    expect(sections(markdown, "Open Discussion")).toEqual([["Open discussion:", "Nothing"]]);
  });

  it("reports block offsets into the original text, CRLF included", () => {
    const markdown = "## Action Items\r\n\r\n<!-- hint -->\r\n\r\n- a\r\n- b\r\n\r\n## Next\r\n";
    const [section] = findSections(markdown, NAMES).get("Action Items") ?? [];
    expect(section?.blocks.map((block) => [block.node.type, markdown.slice(block.start, block.end)])).toEqual([
      ["html", "<!-- hint -->"],
      ["list", "- a\r\n- b"],
    ]);
    expect(markdown.slice(section?.end)).toBe("## Next\r\n");
  });

  it("gives a heading that joins two sections with a slash to the first one only", () => {
    const markdown = "## Action Items / Open Discussion\n- a\n\n### Open Discussion/Action items\n- b\n";
    expect(sections(markdown)).toEqual([["Action Items / Open Discussion", "- a"]]);
    expect(sections(markdown, "Open Discussion")).toEqual([["Open Discussion/Action items", "- b"]]);
  });

  it("gives a heading naming two requested names to both", () => {
    const found = findSections("## Action Items\n- a\n", ["Action Items", "Action Item"]);
    expect(found.get("Action Items")).toHaveLength(1);
    expect(found.get("Action Item")).toHaveLength(1);
  });

  it("takes a bold list item as a section of its nested blocks, indented to its content", () => {
    const markdown = "## Agenda\n1. Roadmap\n2. **Open discussion, sign up underneath**\n   - z\n   - [ ] w\n3. Wrap-up\n";
    const [section] = findSections(markdown, NAMES).get("Open Discussion") ?? [];
    expect(section?.heading.title).toBe("Open discussion, sign up underneath");
    expect(section?.indent).toBe(3);
    expect(section?.blocks.map((block) => markdown.slice(block.start, block.end))).toEqual(["- z\n   - [ ] w"]);
    expect(markdown.slice(section?.end)).toBe("\n3. Wrap-up\n");
  });

  it("takes a bold list item with a hint line under the name, and a label list item", () => {
    const markdown = "- **Open discussion, sign up underneath**\n  _add your name_\n  - Tuesday slot? (Ana)\n- Action items:\n  - [ ] send notes\n";
    expect(sections(markdown, "Open Discussion")).toEqual([["Open discussion, sign up underneath", "_add your name_\n  - Tuesday slot? (Ana)"]]);
    expect(sections(markdown)).toEqual([["Action items:", "- [ ] send notes"]]);
  });

  it("takes no bold list item inside a section, a task or a list item with more text", () => {
    expect(sections("## Action Items\n- **Action items**\n  - x\n")).toEqual([["Action Items", "- **Action items**\n  - x"]]);
    expect(sections("- [ ] **Action items**\n  - x\n")).toEqual([]);
    expect(sections("- **Action items** were reviewed\n  - x\n")).toEqual([]);
  });

  it("has a key for every requested name", () => {
    expect([...findSections("text", NAMES).keys()]).toEqual(NAMES);
  });
});
