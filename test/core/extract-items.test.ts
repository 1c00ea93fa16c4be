import { describe, expect, it } from "@jest/globals";
import { extractItems, isDone, toSectionItem, type ExtractedItem, type SectionItem } from "../../src/core/extract-items.js";
import { extractSections } from "../../src/core/extract-sections.js";
import { findSections } from "../../src/core/find-sections.js";

function items(content: string): SectionItem[] {
  return extractSections(`## Action Items\n${content}`, ["Action Items"])["Action Items"] ?? [];
}

function extracted(markdown: string): ExtractedItem[] {
  return (findSections(markdown, ["Action Items"]).get("Action Items") ?? []).flatMap((section) =>
    extractItems(markdown, section),
  );
}

const plain = (text: string, children: SectionItem[] = []): SectionItem => ({ text, done: null, children });

describe("extractItems", () => {
  it.each<[string, string, SectionItem[]]>([
    ["dash bullets", "- a\n- b", [plain("a"), plain("b")]],
    ["star bullets", "* a\n* b", [plain("a"), plain("b")]],
    ["plus bullets", "+ a", [plain("a")]],
    ["dot-numbered", "1. a\n2. b", [plain("a"), plain("b")]],
    ["paren-numbered", "1) a\n10) b", [plain("a"), plain("b")]],
    ["mixed lists in order", "- a\n\n* b\n\n1. c", [plain("a"), plain("b"), plain("c")]],
    [
      "task states",
      "- [ ] open\n- [x] done\n- [X] DONE\n- plain",
      [
        { text: "open", done: false, children: [] },
        { text: "done", done: true, children: [] },
        { text: "DONE", done: true, children: [] },
        plain("plain"),
      ],
    ],
    [
      "nested items as children",
      "- a\n  - [x] a1\n    * a1i\n  - a2\n- b",
      [plain("a", [{ text: "a1", done: true, children: [plain("a1i")] }, plain("a2")]), plain("b")],
    ],
    ["nested under numbers", "1. a\n   - a1\n10. b\n    - b1", [plain("a", [plain("a1")]), plain("b", [plain("b1")])]],
    ["text verbatim", "- see [#12](https://x.y/12) and `code`, **bold**, @alice", [plain("see [#12](https://x.y/12) and `code`, **bold**, @alice")]],
    ["continuation lines", "- first\n  second\nlazy", [plain("first\nsecond\nlazy")]],
    ["several paragraphs", "- first\n\n  second\n- next", [plain("first\n\nsecond"), plain("next")]],
    ["paragraph items", "First topic\nstill first\n\nSecond topic", [plain("First topic\nstill first"), plain("Second topic")]],
    [
      "paragraph tasks",
      "[ ] open\n\n[x] done\n\n[ ]",
      [
        { text: "open", done: false, children: [] },
        { text: "done", done: true, children: [] },
      ],
    ],
    ["HTML comments are not items", "<!-- Items here can be carried over -->\n\n- a", [plain("a")]],
    ["commented-out lists are not items", "<!--\n- old\n- older\n-->\n- a", [plain("a")]],
    ["empty bullets are not items", "-\n- [ ]\n- [x] \n- a\n-   ", [plain("a")]],
    ["an empty bullet's children take its place", "-\n  - a\n  - b", [plain("a"), plain("b")]],
    ["a hint line is not an item", "_Add your items below._\n\n- a\n\n*one more hint*", [plain("a")]],
    ["code, quotes and tables are not items", "```\n- code\n```\n\n> quote\n\n| a |\n|---|\n| b |\n\n- a", [plain("a")]],
    ["deeper headings are not items", "### Alice\n- a", [plain("a")]],
    ["a marker on the bullet line only", "- [ ]   spaced out", [{ text: "spaced out", done: false, children: [] }]],
    ["content on the line after the bullet", "-\n  later", [plain("later")]],
    ["CRLF", "- a\r\n  more\r\n  - b\r\n", [plain("a\nmore", [plain("b")])]],
    ["tabs", "-\ta\n\t- b", [plain("a", [plain("b")])]],
    ["a bullet with five spaces", "-      code-ish", [plain("code-ish")]],
  ])("%s", (_, content, expected) => {
    expect(items(content)).toEqual(expected);
  });

  it.each([
    ["- ~~gone~~", true],
    ["- [ ] ~~gone~~ ", true],
    ["- ~~gone~~ ~~too~~", true],
    ["- ~gone~", true],
    ["- ~~gone~~\n\n  ~~and this~~", true],
    ["- ~~half~~ done", false],
    ["- ~~gone~~\n  - child", true],
    ["~~a struck paragraph~~", true],
    ["- plain", false],
  ])("%j is struck: %s", (content, struck) => {
    const [item] = extracted(`## Action Items\n${content}`);
    expect(item?.struck).toBe(struck);
    expect(item && isDone(item)).toBe(struck);
  });

  it("keeps each item's whole source, shifted to column 0, with offsets", () => {
    const markdown = "## Action Items\r\n10. [ ] first\r\n    more\r\n    - [x] child\r\n\r\n      child text\r\n11. next";
    const [first, second] = extracted(markdown);
    expect(first?.source).toBe("first\nmore\n- [x] child\n\n  child text");
    expect(first && markdown.slice(first.start, first.end)).toBe("10. [ ] first\r\n    more\r\n    - [x] child\r\n\r\n      child text");
    expect(first?.children[0]?.source).toBe("child\n\nchild text");
    expect(second?.source).toBe("next");
  });

  it("shifts lines indented with tabs by columns", () => {
    const [item] = extracted("## Action Items\n1.  a\n\t  - b\n\t\t- c");
    expect(item?.source).toBe("a\n  - b\n    - c");
    expect(item?.children[0]?.children[0]?.text).toBe("c");
  });

  it("takes a paragraph's source without the leading spaces of its lines", () => {
    const [item] = extracted("## Action Items\n  First line\n     second line  \nthird");
    expect(item?.source).toBe("First line\nsecond line  \nthird");
  });

  it("reads a checkbox followed by a line break as GitHub does", () => {
    expect(items("- [ ]\n  later")).toEqual([{ text: "later", done: false, children: [] }]);
  });

  it("isDone: checked or struck", () => {
    const base = { text: "t", children: [], source: "t", start: 0, end: 1 };
    expect(isDone({ ...base, done: true, struck: false })).toBe(true);
    expect(isDone({ ...base, done: false, struck: true })).toBe(true);
    expect(isDone({ ...base, done: false, struck: false })).toBe(false);
    expect(isDone({ ...base, done: null, struck: false })).toBe(false);
  });

  it("toSectionItem keeps only the JSON contract's fields", () => {
    const [item] = extracted("## Action Items\n- [ ] a <!-- x -->\n  - b");
    expect(item && toSectionItem(item, (text) => text.toUpperCase())).toStrictEqual({
      text: "A <!-- X -->",
      done: false,
      children: [{ text: "B", done: null, children: [] }],
    });
  });
});

describe("extractSections", () => {
  it("has one key per requested name, empty when missing, occurrences in order", () => {
    const body = "# Action Items\n- a\n# Notes\n- n\n\n**Action items**\n- b\n";
    expect(extractSections(body, ["Action Items", "Open Discussion"])).toEqual({
      "Action Items": [plain("a"), plain("b")],
      "Open Discussion": [],
    });
  });

  it("keys by the name as requested, even odd ones", () => {
    const result = extractSections("## __proto__\n- a", ["__proto__"]);
    expect(Object.keys(result)).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(result, "__proto__")?.value).toEqual([plain("a")]);
  });
});
