import { describe, expect, it } from "@jest/globals";
import { parseMarkdown } from "../../src/core/markdown.js";
import { plainText } from "../../src/core/plain-text.js";

describe("plainText", () => {
  it.each([
    ["## *Open* __Discussion__", "Open Discussion"],
    ["## [Action Items](https://x.y) `now`", "Action Items now"],
    ["## ![📝](memo.png) Notes", "📝 Notes"],
    ["## ![](memo.png)Notes", "Notes"],
    ["**Action\\\nItems**", "Action Items"],
    ["## Action Items <!-- keep -->", "Action Items "],
    ["---", ""],
  ])("%j reads %j", (markdown, expected) => {
    expect(plainText(parseMarkdown(markdown))).toBe(expected);
  });
});
