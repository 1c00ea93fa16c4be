import { describe, expect, it } from "@jest/globals";
import type { Nodes } from "mdast";
import fc from "fast-check";
import {
  agendaMarkerFields,
  AgendaItemError,
  formatAgendaItem,
  itemThread,
  markerIsFrom,
  MAX_ITEM_LENGTH,
  sanitizeItemText,
  threadItemText,
  type AgendaItemInput,
} from "../../src/core/agenda-item.js";
import { parseMarkdown } from "../../src/core/markdown.js";
import { parseMarkers } from "../../src/core/markers.js";
import { propertyRuns } from "../helpers/property-runs.js";

const ZWSP = "\u200b";

describe("sanitizeItemText", () => {
  it.each([
    ["plain text", "Release 2.0 plan", "Release 2.0 plan"],
    ["trims", "  Release plan \t", "Release plan"],
    ["collapses whitespace", "Release \u00a0  plan", "Release plan"],
    ["joins lines", "Release\nplan\r\nfor\rQ3\u2028now", "Release plan for Q3 now"],
    ["drops control characters", "Re\u0000lease\u0007 plan\u007f", "Release plan"],
    ["drops bidi overrides", "abc\u202edcba\u2066x\u2069", "abcdcbax"],
    ["keeps emoji sequences", "👩‍💻 hiring", "👩‍💻 hiring"],
    ["keeps bold, code, links, mentions, refs", "**bold** `code` [link](https://x.y) @alice #12", "**bold** `code` [link](https://x.y) @alice #12"],
    ["strips a bullet", "- Release plan", "Release plan"],
    ["strips a star bullet", "* Release plan", "Release plan"],
    ["strips a plus bullet", "+ Release plan", "Release plan"],
    ["strips a number", "1. Release plan", "Release plan"],
    ["strips a number with parenthesis", "12) Release plan", "Release plan"],
    ["strips a checkbox", "[ ] Release plan", "Release plan"],
    ["strips a checked bullet", "- [x] Release plan", "Release plan"],
    ["strips heading hashes", "### Release plan", "Release plan"],
    ["strips quote markers", ">> > Release plan", "Release plan"],
    ["strips them all", "- [ ] # > 1. Release plan", "Release plan"],
    ["keeps emphasis at the start", "*Release* plan", "*Release* plan"],
    ["keeps an issue reference at the start", "#123 Release plan", "#123 Release plan"],
    ["keeps a dash inside", "Release - plan", "Release - plan"],
    ["keeps a year", "2024 review", "2024 review"],
    ["escapes HTML", "<b>bold</b> <img src=x onerror=alert(1)>", "&lt;b>bold&lt;/b> &lt;img src=x onerror=alert(1)>"],
    ["escapes an HTML comment", "visible <!-- hidden -->", "visible &lt;!-- hidden -->"],
    ["escapes a forged marker", "<!-- meeting-bot:comment=1 index=0 -->", "&lt;!-- meeting-bot:comment=1 index=0 -->"],
    ["keeps < in inline code", "Use `Vec<T>` here", "Use `Vec<T>` here"],
    ["keeps < in double-backtick code", "``a<`b>`` x", "``a<`b>`` x"],
    ["breaks an HTML comment in inline code", "`<!-- meeting-bot:comment=1 index=0 -->`", `\`<${ZWSP}!-- meeting-bot:comment=1 index=0 -->\``],
    ["escapes < outside code even next to code", "<b>`x`</b>", "&lt;b>`x`&lt;/b>"],
    ["escapes < when HTML would hide a backtick", "<a title='`'>`<b>`", "&lt;a title='`'>`&lt;b>`"],
    ["escapes < when an autolink would hide a backtick", "<https://x.y/`>`<b>`", "&lt;https://x.y/`>`&lt;b>`"],
    ["escapes < in an unclosed code span", "`<b> x", "`&lt;b> x"],
    ["turns an autolink into a bare link", "see <https://example.com/a?b=1>", "see https://example.com/a?b=1"],
    ["turns a mail autolink into a bare link", "<mailto:a@b.c>", "mailto:a@b.c"],
    ["keeps entities", "a &amp; b &lt;c>", "a &amp; b &lt;c>"],
    ["doubles a trailing backslash", "Release plan\\", "Release plan\\\\"],
    ["leaves an escaped trailing backslash", "Release plan\\\\", "Release plan\\\\"],
    ["doubles the last of three", "x\\\\\\", "x\\\\\\\\"],
    ["keeps a backslash inside", "a\\b", "a\\b"],
    ["keeps a leading pipe", "| a | b |", "| a | b |"],
  ])("%s", (_, input, expected) => {
    expect(sanitizeItemText(input)).toEqual({ ok: true, text: expected });
  });

  it.each([
    ["", "the item is empty: write what to discuss, e.g. `/agenda add Release 2.0 plan`"],
    ["   \n\t ", "the item is empty: write what to discuss, e.g. `/agenda add Release 2.0 plan`"],
    ["- [ ]", "the item is empty: write what to discuss, e.g. `/agenda add Release 2.0 plan`"],
    ["- - -", "the item is empty: write what to discuss, e.g. `/agenda add Release 2.0 plan`"],
    ["x".repeat(412), "the item is 412 characters; the limit is 300: shorten it or link an issue instead"],
    ["👍".repeat(301), "the item is 301 characters; the limit is 300: shorten it or link an issue instead"],
  ])("refuses %j", (input, reason) => {
    expect(sanitizeItemText(input)).toEqual({ ok: false, reason });
  });

  it("counts the limit after cleanup and before escaping", () => {
    expect(sanitizeItemText(`- ${"x".repeat(MAX_ITEM_LENGTH)}   `)).toEqual({ ok: true, text: "x".repeat(MAX_ITEM_LENGTH) });
    expect(sanitizeItemText("<".repeat(MAX_ITEM_LENGTH))).toEqual({ ok: true, text: "&lt;".repeat(MAX_ITEM_LENGTH) });
    expect(sanitizeItemText(`${"a  ".repeat(149)}b`)).toEqual({ ok: true, text: `${"a ".repeat(149)}b` });
    expect(sanitizeItemText(`${"a  ".repeat(150)}b`).ok).toBe(false);
  });
});

describe("sanitizeItemText: fuzz", () => {
  const pieces = fc.constantFrom(
    "<", ">", "<!--", "-->", "<!-- meeting-bot:comment=1 index=0 -->", "`", "``", "\\", "\n", "\r\n", "\t", "\u2028", "\u0000",
    "- ", "* ", "1. ", "[ ] ", "[x] ", "# ", "> ", "|", "**", "_", "[", "](", ")", "<https://x.y>", "<b>", "&lt;", "a", " ", "é", "👍",
    "\u202e", "\u200b", "<div>", "```", "~~~", "---", "===",
  );
  const text = fc.oneof(
    fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 40 }).map((parts) => parts.join("")),
    fc.string({ unit: "binary", maxLength: 60 }),
  );

  it("always yields one line with no HTML, comment or marker, or a reason", () => {
    fc.assert(
      fc.property(text, (input) => {
        const result = sanitizeItemText(input);
        if (!result.ok) {
          expect(result.reason).toMatch(/^the item is /);
          return;
        }
        expect(result.text).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
        expect(result.text).not.toContain("<!--");
        expect(result.text).toBe(result.text.trim());
        expect(result.text).not.toBe("");
        expect(parseMarkers(result.text)).toEqual([]);
        // As a real item line: one list with one task item, no HTML anywhere, the marker intact.
        const line = `- [ ] ${result.text} (@alice) <!-- meeting-bot:comment=1 index=0 -->`;
        const tree = parseMarkdown(line);
        expect(tree.children).toHaveLength(1);
        const list = tree.children[0];
        expect(list?.type).toBe("list");
        if (list?.type !== "list") return;
        expect(list.children).toHaveLength(1);
        expect(list.children[0]?.checked).toBe(false);
        expect(htmlValues(list)).toEqual(["<!-- meeting-bot:comment=1 index=0 -->"]);
        expect(parseMarkers(line)).toEqual([{ comment: "1", index: "0" }]);
      }),
      { numRuns: propertyRuns(1500) },
    );
  });

  it("changes nothing the second time", () => {
    fc.assert(
      fc.property(text, (input) => {
        const once = sanitizeItemText(input);
        if (once.ok) expect(sanitizeItemText(once.text)).toEqual(once);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});

function htmlValues(node: Nodes): string[] {
  if (node.type === "html") return [node.value];
  return "children" in node ? node.children.flatMap(htmlValues) : [];
}

describe("formatAgendaItem", () => {
  const comment = { commentId: 9, index: 0 };
  it.each<[string, AgendaItemInput, string]>([
    [
      "an item added on the meeting issue",
      { text: "Release 2.0 plan", author: "alice", source: comment },
      "- [ ] Release 2.0 plan (@alice) <!-- meeting-bot:comment=9 index=0 -->",
    ],
    [
      "an item added from another thread",
      { text: "Flaky CI", author: "bob", thread: { number: 45 }, source: { commentId: 10, index: 2 } },
      "- [ ] Flaky CI (@bob, from #45) <!-- meeting-bot:comment=10 index=2 -->",
    ],
    [
      "a whole thread",
      { text: threadItemText({ number: 123, title: "Release 2.0 plan" }), author: "alice", source: comment },
      "- [ ] #123 Release 2.0 plan (@alice) <!-- meeting-bot:comment=9 index=0 -->",
    ],
    [
      "a whole thread proposed from within it, without a redundant from",
      { text: threadItemText({ number: 45, title: "Flaky CI" }), author: "bob", thread: { number: 45 }, source: comment },
      "- [ ] #45 Flaky CI (@bob) <!-- meeting-bot:comment=9 index=0 -->",
    ],
    [
      "another thread proposed from a thread",
      { text: "#46 see also", author: "bob", thread: { number: 45 }, source: comment },
      "- [ ] #46 see also (@bob, from #45) <!-- meeting-bot:comment=9 index=0 -->",
    ],
    [
      "a labeled thread",
      { text: threadItemText({ number: 123, title: "Release <2.0> plan" }), author: "carol", source: { label: true, issue: 123 } },
      "- [ ] #123 Release &lt;2.0> plan (@carol) <!-- meeting-bot:labeled=123 -->",
    ],
    [
      "sanitizing the text and dropping an @ from the login",
      { text: "- [ ] Release\nplan <!-- x -->", author: "@Alice-B", source: comment },
      "- [ ] Release plan &lt;!-- x --> (@Alice-B) <!-- meeting-bot:comment=9 index=0 -->",
    ],
  ])("%s", (_, input, expected) => {
    expect(formatAgendaItem(input)).toBe(expected);
  });

  it.each<[string, AgendaItemInput, RegExp]>([
    ["empty text", { text: " ", author: "alice", source: comment }, /the item is empty/],
    ["too long", { text: "x".repeat(301), author: "alice", source: comment }, /the item is 301 characters/],
    ["a bad login", { text: "x", author: "alice smith", source: comment }, /"alice smith" is not a GitHub login/],
    ["a login that would close the suffix", { text: "x", author: "a)", source: comment }, /not a GitHub login/],
    ["a negative comment id", { text: "x", author: "a", source: { commentId: -1, index: 0 } }, /commentId must be a whole number/],
    ["a fractional index", { text: "x", author: "a", source: { commentId: 1, index: 0.5 } }, /index must be a whole number/],
    ["an unsafe issue number", { text: "x", author: "a", source: { label: true, issue: 2 ** 60 } }, /issue must be a whole number/],
    ["a NaN thread", { text: "x", author: "a", thread: { number: Number.NaN }, source: comment }, /thread.number must be a whole number/],
  ])("refuses %s", (_, input, message) => {
    expect(() => formatAgendaItem(input)).toThrow(AgendaItemError);
    expect(() => formatAgendaItem(input)).toThrow(message);
  });

  it("writes a marker that reads back as its source, and no other", () => {
    const line = formatAgendaItem({ text: "x", author: "a", source: { commentId: 5, index: 3 } });
    const [fields] = parseMarkers(line);
    expect(fields).toEqual({ comment: "5", index: "3" });
    expect(markerIsFrom(fields ?? {}, { commentId: 5, index: 3 })).toBe(true);
    expect(markerIsFrom(fields ?? {}, { commentId: 5, index: 4 })).toBe(false);
    expect(markerIsFrom(fields ?? {}, { commentId: 53, index: 3 })).toBe(false);
    // Review comment and review ids are counted apart from comment ids: the same number is another source.
    expect(markerIsFrom(fields ?? {}, { commentId: 5, index: 3, on: "review-comment" })).toBe(false);
    expect(markerIsFrom(fields ?? {}, { commentId: 5, index: 3, on: "review" })).toBe(false);
    expect(markerIsFrom(fields ?? {}, { label: true, issue: 5 })).toBe(false);
    expect(markerIsFrom({ labeled: "5" }, { label: true, issue: 5 })).toBe(true);
    expect(markerIsFrom({ labeled: "5", series: "w" }, { label: true, issue: 5 })).toBe(false);
    expect(agendaMarkerFields({ label: true, issue: 7 })).toEqual({ labeled: "7" });
    expect(agendaMarkerFields({ commentId: 7, index: 1, on: "review-comment" })).toEqual({ "review-comment": "7", index: "1" });
    expect(agendaMarkerFields({ commentId: 7, index: 0, on: "review" })).toEqual({ review: "7", index: "0" });
  });
});

describe("itemThread", () => {
  it.each<[string, number | undefined]>([
    ["#123 Release plan", 123],
    ["  #7", 7],
    ["**#9** bold", 9],
    ["__#9__ bold", 9],
    ["_#4_ it", 4],
    ["[#3](https://x.y/3) linked", 3],
    ["#4a not a reference", undefined],
    ["#4-5 not a reference", undefined],
    ["Discuss #123", undefined],
    ["o/r#12 another repository", undefined],
    ["# heading", undefined],
    ["#", undefined],
  ])("%j → %j", (text, expected) => {
    expect(itemThread(text)).toBe(expected);
  });
});
