import { describe, expect, it } from "@jest/globals";
import { carriedItemMarkdown } from "../../src/core/carried-item-markdown.js";
import { extractItems } from "../../src/core/extract-items.js";
import { findSections } from "../../src/core/find-sections.js";

function carried(content: string): string[] {
  const markdown = `## Action Items\n${content}`;
  return (findSections(markdown, ["Action Items"]).get("Action Items") ?? [])
    .flatMap((section) => extractItems(markdown, section))
    .map(carriedItemMarkdown);
}

describe("carriedItemMarkdown", () => {
  it.each([
    ["a plain bullet", "* Try to nail down the meeting", ["- [ ] Try to nail down the meeting"]],
    ["an unchecked task", "- [ ] send notes", ["- [ ] send notes"]],
    ["a numbered item", "12) book a room", ["- [ ] book a room"]],
    ["a paragraph", "Should we move\n  the meeting?", ["- [ ] Should we move\n  the meeting?"]],
    [
      "children, keeping their markers and relative indentation",
      "1. parent\n   continued\n   - [x] done child\n     * grandchild\n   - [ ] open child",
      ["- [ ] parent\n  continued\n  - [x] done child\n    * grandchild\n  - [ ] open child"],
    ],
    ["blank lines inside an item", "- first\n\n  second\n", ["- [ ] first\n\n  second"]],
    ["verbatim inline Markdown", "+ **fix** `x` in [#1](u) @bob ~~not this~~", ["- [ ] **fix** `x` in [#1](u) @bob ~~not this~~"]],
    ["CRLF", "- a\r\n  - b\r\n", ["- [ ] a\n  - b"]],
    ["a fenced code block", "- run\n\n  ```sh\n  make  \n    indented\n  ```", ["- [ ] run\n\n  ```sh\n  make  \n    indented\n  ```"]],
  ])("%s", (_, content, expected) => {
    expect(carried(content)).toEqual(expected);
  });
});
