import { describe, expect, it } from "@jest/globals";
import { forgetParsedMarkdown, parseMarkdown } from "../../src/core/markdown.js";

describe("parseMarkdown's cache", () => {
  it("parses a text once: the same text gives the same tree until forgotten", () => {
    const text = "## Action Items\n- [ ] cache me\n";
    const first = parseMarkdown(text);
    expect(parseMarkdown(text)).toBe(first);
    expect(parseMarkdown(`${text} `)).not.toBe(first);
    forgetParsedMarkdown();
    const again = parseMarkdown(text);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it("shares trees frozen under test: a reader that changes one fails", () => {
    const tree = parseMarkdown("- [ ] frozen\n");
    expect(Object.isFrozen(tree)).toBe(true);
    expect(Object.isFrozen(tree.children[0])).toBe(true);
    expect(() => {
      (tree.children as unknown[]).push({ type: "thematicBreak" });
    }).toThrow(TypeError);
  });

  it("keeps a byte-order mark's shift in the cached tree", () => {
    const withBom = "\uFEFF# Title\n";
    expect(parseMarkdown(withBom).children[0]?.position?.start.offset).toBe(1);
    expect(parseMarkdown(withBom).children[0]?.position?.start.offset).toBe(1);
  });

  it("holds a bounded amount of text: the oldest entries go first", () => {
    forgetParsedMarkdown();
    const oldest = parseMarkdown(`first ${"x".repeat(1_000)}\n`);
    for (let i = 0; i < 600; i++) parseMarkdown(`filler ${i} ${"y".repeat(1_000)}\n`);
    expect(parseMarkdown(`first ${"x".repeat(1_000)}\n`)).not.toBe(oldest);
  });
});
