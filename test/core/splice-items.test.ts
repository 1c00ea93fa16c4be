import { describe, expect, it } from "@jest/globals";
import type { List } from "mdast";
import { parseMarkdown } from "../../src/core/markdown.js";
import { spliceItems } from "../../src/core/splice-items.js";

const ITEMS = ["- [ ] one", "- [ ] two\n  - child"];

describe("spliceItems", () => {
  it.each([
    [
      "after the template comment, keeping the spacing before the next heading",
      "### Action Items\n\n<!-- comment -->\n\n\n### Open Discussion\n",
      "### Action Items\n\n<!-- comment -->\n\n- [ ] one\n- [ ] two\n  - child\n\n\n### Open Discussion\n",
    ],
    [
      "directly below the existing items of a tight list, keeping it tight",
      "## Action Items\n- [ ] kept\n\n## Next",
      "## Action Items\n- [ ] kept\n- [ ] one\n- [ ] two\n  - child\n\n## Next",
    ],
    [
      "directly below a tight list with CRLF",
      "## Action Items\r\n- a\r\n- b\r\n\r\n## Next\r\n",
      "## Action Items\r\n- a\r\n- b\r\n- [ ] one\r\n- [ ] two\r\n  - child\r\n\r\n## Next\r\n",
    ],
    [
      "directly below a tight list, with a blank line before the next heading",
      "## Action Items\n- a\n## Next",
      "## Action Items\n- a\n- [ ] one\n- [ ] two\n  - child\n\n## Next",
    ],
    [
      "after a blank line below a loose list",
      "## Action Items\n- a\n\n- b\n\n## Next",
      "## Action Items\n- a\n\n- b\n\n- [ ] one\n- [ ] two\n  - child\n\n## Next",
    ],
    [
      "after a blank line below a list made loose by an item of two paragraphs",
      "## Action Items\n- a\n\n  more\n- b\n## Next",
      "## Action Items\n- a\n\n  more\n- b\n\n- [ ] one\n- [ ] two\n  - child\n\n## Next",
    ],
    [
      "after a blank line below a tight `*` list, as the `-` items start a list of their own",
      "## Action Items\n* a\n* b\n## Next",
      "## Action Items\n* a\n* b\n\n- [ ] one\n- [ ] two\n  - child\n\n## Next",
    ],
    [
      "after a blank line below a tight numbered list",
      "## Action Items\n1. a\n2. b\n",
      "## Action Items\n1. a\n2. b\n\n- [ ] one\n- [ ] two\n  - child\n",
    ],
    [
      "below the list, before a sub-heading (any heading ends the section)",
      "## Action Items\n- a\n### Details\n## Next",
      "## Action Items\n- a\n- [ ] one\n- [ ] two\n  - child\n\n### Details\n## Next",
    ],
    [
      "directly below a tight list whose last item ends with a nested list",
      "## Action Items\n- a\n  - nested\n## Next",
      "## Action Items\n- a\n  - nested\n- [ ] one\n- [ ] two\n  - child\n\n## Next",
    ],
    [
      "after a hint line, trailing spaces staying on their line",
      "## Action Items\n_Add items_   \n## Next",
      "## Action Items\n_Add items_   \n\n- [ ] one\n- [ ] two\n  - child\n\n## Next",
    ],
    ["under a bare heading at the end", "## Action Items", "## Action Items\n\n- [ ] one\n- [ ] two\n  - child"],
    [
      "under a heading followed directly by the next heading, with a blank line after them",
      "## Action Items\n## Next\n",
      "## Action Items\n\n- [ ] one\n- [ ] two\n  - child\n\n## Next\n",
    ],
    [
      "with a blank line before a block that would otherwise continue the last item",
      "**Action Items**\n<!-- c -->\n**Open Discussion**\n",
      "**Action Items**\n<!-- c -->\n\n- [ ] one\n- [ ] two\n  - child\n\n**Open Discussion**\n",
    ],
    [
      "into the first of several occurrences",
      "## Action Items\n- a\n## Notes\n## Action Items\n- b\n",
      "## Action Items\n- a\n- [ ] one\n- [ ] two\n  - child\n\n## Notes\n## Action Items\n- b\n",
    ],
    [
      "with CRLF when the body uses CRLF",
      "## Action Items\r\n\r\n<!-- c -->\r\n\r\n## Next\r\n",
      "## Action Items\r\n\r\n<!-- c -->\r\n\r\n- [ ] one\r\n- [ ] two\r\n  - child\r\n\r\n## Next\r\n",
    ],
    [
      "appending a section when missing",
      "## Notes\n\ntext\n",
      "## Notes\n\ntext\n\n### Action Items\n\n- [ ] one\n- [ ] two\n  - child\n",
    ],
    ["appending to a body without final newline", "text", "text\n\n### Action Items\n\n- [ ] one\n- [ ] two\n  - child\n"],
    ["appending after a blank line", "text\n\n", "text\n\n### Action Items\n\n- [ ] one\n- [ ] two\n  - child\n"],
    ["appending to an empty body", "", "### Action Items\n\n- [ ] one\n- [ ] two\n  - child\n"],
    ["appending to a blank body", "    ", "    \n\n### Action Items\n\n- [ ] one\n- [ ] two\n  - child\n"],
    [
      "appending with CRLF",
      "## Notes\r\ntext",
      "## Notes\r\ntext\r\n\r\n### Action Items\r\n\r\n- [ ] one\r\n- [ ] two\r\n  - child\r\n",
    ],
    [
      "ignoring a decoy",
      "## Review of last week's action items\n- x\n",
      "## Review of last week's action items\n- x\n\n### Action Items\n\n- [ ] one\n- [ ] two\n  - child\n",
    ],
  ])("%s", (_, body, expected) => {
    const result = spliceItems(body, "Action Items", ITEMS, ["Action Items", "Open Discussion"]);
    expect(result.body).toBe(expected);
  });

  it.each([
    ["## Action Items\n", "section"],
    ["## Notes\n", "appended"],
  ] as const)("reports where the items went in %j", (body, placement) => {
    expect(spliceItems(body, "Action Items", ["- [ ] x"]).placement).toBe(placement);
  });

  it("returns the body untouched when there is nothing to add", () => {
    expect(spliceItems("## Notes", "Action Items", [])).toEqual({ body: "## Notes", placement: "unchanged" });
  });

  it("finds the section by the name even when the names in play omit it", () => {
    expect(spliceItems("Action items:\n- a", "Action Items", ["- [ ] b"], ["Open Discussion"]).body).toBe(
      "Action items:\n- a\n- [ ] b",
    );
  });

  it("ends the section at a colon line naming another section in play", () => {
    const body = "Action items:\n- a\n\nOpen discussion:\n- q\n";
    expect(spliceItems(body, "Action Items", ["- [ ] b"], ["Action Items", "Open Discussion"]).body).toBe(
      "Action items:\n- a\n- [ ] b\n\nOpen discussion:\n- q\n",
    );
  });

  it("flattens a multi-line name into the appended heading", () => {
    expect(spliceItems("", " Action\n Items ", ["- [ ] b"]).body).toBe("### Action Items\n\n- [ ] b\n");
  });

  it.each([
    ["a numbered list continued by numbered items", "## Action Items\n1. a\n2. b", ["3. c"], "## Action Items\n1. a\n2. b\n3. c"],
    ["a `)` list followed by `.` items", "## Action Items\n1) a", ["2. c"], "## Action Items\n1) a\n\n2. c"],
    ["a `+` list followed by `-` items", "## Action Items\n+ a", ["- c"], "## Action Items\n+ a\n\n- c"],
    ["an indented item, which could nest under the last one", "## Action Items\n- a", ["  - c"], "## Action Items\n- a\n\n  - c"],
    ["a list after a hint paragraph", "## Action Items\n_Add items_\n- a", ["- c"], "## Action Items\n_Add items_\n- a\n- c"],
  ])("joins only a list the items continue: %s", (_, body, items, expected) => {
    expect(spliceItems(body, "Action Items", items).body).toBe(expected);
  });

  it.each([
    ["a plain tight list", "- a\n- b"],
    ["a list indented by one space", " - a\n - b"],
    ["a list whose last item ends with a nested list", "- a\n  - nested\n    - deeper"],
    ["a list whose last item ends with a fenced code block", "- a\n  ```\n  code\n\n  more\n  ```"],
    ["a list whose last item ends with trailing spaces", "- a\n- b  "],
    ["a list whose last item is empty", "- a\n-"],
  ])("the items join %s as its last top-level items, and it stays tight", (_, list) => {
    const body = `## Action Items\n${list}\n`;
    const before = parseMarkdown(body).children[1] as List;
    const tree = parseMarkdown(spliceItems(body, "Action Items", ["- [ ] one", "- [ ] two\n  - child"]).body);
    expect(tree.children.map((node) => node.type)).toEqual(["heading", "list"]);
    const after = tree.children[1] as List;
    expect(after.children).toHaveLength(before.children.length + 2);
    expect(after.spread || after.children.some((item) => item.spread)).toBe(false);
    expect(after.children.slice(-2).map((item) => item.checked)).toEqual([false, false]);
  });

  it.each([
    [
      "under a bold list item without a list, as its tight nested list",
      "## Agenda\n- Roadmap\n- **Action items**\n- Wrap-up\n",
      "## Agenda\n- Roadmap\n- **Action items**\n  - [ ] one\n  - [ ] two\n    - child\n- Wrap-up\n",
    ],
    [
      "below a bold list item's tight nested list",
      "1. **Action items, owners in brackets**\n   - kept\n2. Wrap-up",
      "1. **Action items, owners in brackets**\n   - kept\n   - [ ] one\n   - [ ] two\n     - child\n2. Wrap-up",
    ],
    [
      "after a blank line below a bold list item's hint",
      "- **Action items**\n\n  <!-- add yours -->\n",
      "- **Action items**\n\n  <!-- add yours -->\n\n  - [ ] one\n  - [ ] two\n    - child\n",
    ],
  ])("nests items %s", (_, body, expected) => {
    expect(spliceItems(body, "Action Items", ITEMS).body).toBe(expected);
    const item = (parseMarkdown(expected).children.find((node) => node.type === "list") as List).children.find((entry) =>
      JSON.stringify(entry).includes("Action items"),
    );
    expect(item?.children.at(-1)?.type).toBe("list");
  });

  it("puts items after a block that ends mid-line on a line of their own", () => {
    // A paragraph item whose pseudo-heading took the first line ends where the paragraph ends.
    const body = "Action items:\nAlice sends notes";
    expect(spliceItems(body, "Action Items", ["- [ ] b"]).body).toBe("Action items:\nAlice sends notes\n\n- [ ] b");
  });
});
