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
    ["a bullet holding only comments is empty", "- [ ] <!-- @owner: task -->\n- <!-- a --> <!-- b -->\n  - c\n- <!-- open", [plain("c")]],
    ["a bullet with text after a comment is an item", "- <!--> shown\n- <!-- hidden --> shown too", [plain("<!--> shown"), plain("<!-- hidden --> shown too")]],
    ["a hint line is not an item", "_Add your items below._\n\n- a\n\n*one more hint*", [plain("a")]],
    ["code, quotes and tables are not items", "```\n- code\n```\n\n> quote\n\n| a |\n|---|\n| b |\n\n- a", [plain("a")]],
    ["a deeper heading ends the section", "- a\n### Alice\n- b", [plain("a")]],
    ["a marker on the bullet line only", "- [ ]   spaced out", [{ text: "spaced out", done: false, children: [] }]],
    ["content on the line after the bullet", "-\n  later", [plain("later")]],
    ["CRLF", "- a\r\n  more\r\n  - b\r\n", [plain("a\nmore", [plain("b")])]],
    ["tabs", "-\ta\n\t- b", [plain("a", [plain("b")])]],
    ["a bullet with five spaces", "-      code-ish", [plain("code-ish")]],
    // A lead paragraph above a list is one item; the list is its children.
    ["a name leading a list", "Priya:\n- draft the RFC\n- [x] book the room", [plain("Priya:", [plain("draft the RFC"), { text: "book the room", done: true, children: [] }])]],
    ["a bold name and text leading a list", "**Tomás**: asks for reviews of the caching RFC\n- the cache key part\n- eviction", [plain("**Tomás**: asks for reviews of the caching RFC", [plain("the cache key part"), plain("eviction")])]],
    ["a sentence ending in a colon, a blank line, then a list", "Wen will write up a summary covering:\n\n1. scope\n2. cost", [plain("Wen will write up a summary covering:", [plain("scope"), plain("cost")])]],
    ["a checked lead", "[x] Ship it:\n- [ ] tell users", [{ text: "Ship it:", done: true, children: [{ text: "tell users", done: false, children: [] }] }]],
    ["a sentence is not a lead", "We agreed on the plan.\n- a", [plain("We agreed on the plan."), plain("a")]],
    ["a lead after a list", "- a\n\nZoë:\n- b", [plain("a"), plain("Zoë:", [plain("b")])]],
    ["a lead needs the list right below it", "Priya:\n\n<!-- x -->\n\n- a", [plain("Priya:"), plain("a")]],
    // `[]` is typed meaning an empty box.
    ["a typed empty box", "- [] send the notes\n- []\n- [x] done [done]", [{ text: "send the notes", done: false, children: [] }, { text: "done [done]", done: true, children: [] }]],
    ["a typed empty box in a paragraph", "[] send the notes", [{ text: "send the notes", done: false, children: [] }]],
    ["brackets later in the text are text", "- fix [] handling", [plain("fix [] handling")]],
    // A section's hints are not items.
    ["a tracked-elsewhere sentence", "Older actions are tracked with the follow-up label.\n\n- a", [plain("a")]],
    ["a link-only line to a label", "[Older items](https://github.com/o/r/labels/follow-up)\n\n- a", [plain("a")]],
    ["a link-only line to a board, with a word", "See [the board](https://github.com/orgs/o/projects/3)", []],
    ["a link to a search", "→ [open items](https://github.com/o/r/issues?q=is%3Aopen+label%3Aaction)", []],
    ["a link to an issue is an item", "[Fix the flaky test](https://github.com/o/r/issues/12)", [plain("[Fix the flaky test](https://github.com/o/r/issues/12)")]],
    ["a sentence with a label link and a task is an item", "Add the [triage](https://github.com/o/r/labels/triage) label to every new issue from the bot", [plain("Add the [triage](https://github.com/o/r/labels/triage) label to every new issue from the bot")]],
    ["adding a label is a task", "Add the needs-review label to the PR", [plain("Add the needs-review label to the PR")]],
    ["a task linking to a label is a task", "[ ] Triage [flaky tests](https://github.com/o/r/labels/flaky)", [{ text: "Triage [flaky tests](https://github.com/o/r/labels/flaky)", done: false, children: [] }]],
    ["a topic about tracking is a topic", "Whether flaky tests are tracked on the project board or with a label", [plain("Whether flaky tests are tracked on the project board or with a label")]],
    ["tasks tracked elsewhere, said of the tasks", "All other tasks are kept in the Q3 milestone.", []],
    // Nesting as GitHub renders it.
    ["a list indented three spaces", "   - a\n     - b", [plain("a", [plain("b")])]],
    ["children indented five spaces", "- a\n     - b\n       - c", [plain("a", [plain("b", [plain("c")])])]],
    ["a loose list", "- a\n\n- b\n\n  - b1", [plain("a"), plain("b", [plain("b1")])]],
    ["a paren list with children", "1) a\n   - a1\n2) b", [plain("a", [plain("a1")]), plain("b")]],
    ["two spaces under a number do not nest", "1. a\n  - b", [plain("a"), plain("b")]],
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

  it("keeps a lead's source with its list, shifted to column 0", () => {
    const [item] = extracted("## Action Items\nPriya:\n\n  - [ ] draft\n    more\n  - [x] book\n\n## Next");
    expect(item?.source).toBe("Priya:\n\n- [ ] draft\n  more\n- [x] book");
    expect(item?.lead).toBe(true);
  });

  it("keeps a tight lead tight in CRLF notes", () => {
    const [item] = extracted("## Action Items\r\nPriya:\r\n- [ ] x\r\n- [ ] y\r\n");
    expect(item?.source).toBe("Priya:\n- [ ] x\n- [ ] y");
  });

  it("counts a lead without a checkbox done when all its items are", () => {
    const [all, some, none] = extracted("## Action Items\nPriya:\n- [x] a\n- ~~b~~\n\nWen:\n- [x] c\n- d\n\nZoë:\n- e");
    expect([all, some, none].map((item) => item && isDone(item))).toEqual([true, false, false]);
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
