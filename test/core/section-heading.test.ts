import { describe, expect, it } from "@jest/globals";
import { parseMarkdown } from "../../src/core/markdown.js";
import { sectionHeading } from "../../src/core/section-heading.js";

const NAMES = ["Action Items", "Open Discussion"];

function classify(markdown: string, names: string[] = NAMES) {
  const [node, next] = parseMarkdown(markdown).children;
  if (!node) throw new Error("empty");
  const heading = sectionHeading(node, markdown, names, next);
  return heading && { kind: heading.kind, depth: heading.depth, title: heading.title, rest: markdown.slice(heading.end) };
}

describe("sectionHeading", () => {
  it.each([
    ["# ACTION ITEMS", { kind: "heading", depth: 1, title: "ACTION ITEMS", rest: "" }],
    ["### 📝 *Open* Discussion (async)\n", { kind: "heading", depth: 3, title: "📝 Open Discussion (async)", rest: "\n" }],
    ["## [Agenda](https://x.y) <!-- c -->", { kind: "heading", depth: 2, title: "Agenda ", rest: "" }],
    ["Notes\n-----", { kind: "heading", depth: 2, title: "Notes", rest: "" }],
    ["**Action Items**", { kind: "bold", depth: null, title: "Action Items", rest: "" }],
    ["**Action Items:**", { kind: "bold", depth: null, title: "Action Items:", rest: "" }],
    ["__Action Items__ :", { kind: "bold", depth: null, title: "Action Items", rest: "" }],
    ["***Decisions***", { kind: "bold", depth: null, title: "Decisions", rest: "" }],
    ["**Anything at all**", { kind: "bold", depth: null, title: "Anything at all", rest: "" }],
    ["**Open\nDiscussion**", { kind: "bold", depth: null, title: "Open\nDiscussion", rest: "" }],
    ["Action items:", { kind: "colon", depth: null, title: "Action items:", rest: "" }],
    ["  *Open discussion*:", { kind: "colon", depth: null, title: "Open discussion:", rest: "" }],
    ["Action items (carried):", { kind: "colon", depth: null, title: "Action items (carried):", rest: "" }],
    ["Action items:\nAlice sends notes", { kind: "colon", depth: null, title: "Action items:", rest: "\nAlice sends notes" }],
    ["Action items:\r\nAlice", { kind: "colon", depth: null, title: "Action items:", rest: "\r\nAlice" }],
    ["**Open Discussion**\nShould we move?", { kind: "bold", depth: null, title: "Open Discussion", rest: "\nShould we move?" }],
    ["Notes:", { kind: "colon", depth: null, title: "Notes:", rest: "" }],
    ["Decisions made:\nWe ship on Friday", { kind: "colon", depth: null, title: "Decisions made:", rest: "\nWe ship on Friday" }],
    ["Action Items / Questions :", { kind: "colon", depth: null, title: "Action Items / Questions :", rest: "" }],
    ["Action items agreed today:", { kind: "colon", depth: null, title: "Action items agreed today:", rest: "" }],
    ["Action items\n\n- a", { kind: "colon", depth: null, title: "Action items", rest: "\n\n- a" }],
    ["Next steps\n- a", { kind: "colon", depth: null, title: "Next steps", rest: "\n- a" }],
  ])("%j is a heading", (markdown, expected) => {
    expect(classify(markdown)).toEqual(expected);
  });

  it.each([
    ["a colon line naming no requested section", "Alice:"],
    ["a colon line naming something other than a section", "Thoughts on the roadmap:"],
    ["a person's name", "Priya:"],
    ["the bare name above text", "Action items\n\nwere reviewed"],
    ["the bare name with more words above a list", "Action items for Bob\n- a"],
    ["a label with text after its colon above a list", "Action item: Priya sends the notes\n- include the budget"],
    ["a bare name with a qualifier above a list", "Action items (carried)\n- a"],
    ["a long colon sentence", "Action items are what we agreed to do, one per line, in any order please:"],
    ["a sentence about action items", "Review of last week's action items:"],
    ["text with a colon inside", "Action items: Alice sends the notes"],
    ["bold followed by text", "**Note:** update the date"],
    ["two bold runs", "**Action** **Items**"],
    ["italic only", "_Action Items_"],
    ["a first line that is bold but names nothing requested", "**Alice**\nsends the notes"],
    ["a first line that is not a paragraph on its own", "Some text\nmore"],
    ["a first line that is a list on its own", "2. Action items:\nmore"],
    ["a list", "- **Action Items**"],
    ["a comment", "<!-- Action Items -->"],
    ["a code block", "```\nAction items:\n```"],
  ])("%s is not a heading", (_, markdown) => {
    expect(classify(markdown)).toBeNull();
  });

  it("ignores nodes without positions", () => {
    expect(sectionHeading({ type: "heading", depth: 2, children: [] }, "", NAMES)).toBeNull();
  });
});
