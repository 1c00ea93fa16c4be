import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { extractSections } from "../../src/core/extract-sections.js";

/*
 * The README's table of section rules is the specification: each row's example, with a list item
 * written under it, must start the section the row names (or none, for "no").
 */
const NAMES = ["Action Items", "Open Discussion"];
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const table = /<!-- section-rules:start -->\n([\s\S]*?)<!-- section-rules:end -->/.exec(readme)?.[1] ?? "";
const rows = table
  .split("\n")
  .slice(2)
  .filter((line) => line.startsWith("|"))
  .map((line) => {
    const [pattern = "", example = "", starts = ""] = line.split("|").slice(1, -1).map((cell) => cell.trim());
    return { pattern, example: example.replace(/^`|`$/g, ""), starts };
  });

describe("the README's section rules", () => {
  it("has a table with rows for and against", () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(rows.filter((row) => row.starts === "no").length).toBeGreaterThanOrEqual(10);
    expect(rows.every((row) => row.starts === "no" || NAMES.includes(row.starts))).toBe(true);
  });

  it.each(rows.map((row) => [`${row.pattern}: ${row.example} → ${row.starts}`, row] as const))("%s", (_, row) => {
    // Under a list item example, the item nests; under anything else it is a list of its own.
    const markdown = `Notes of the week.\n\n${row.example}\n${row.example.startsWith("- ") ? "  " : ""}- the item\n`;
    const found = extractSections(markdown, NAMES);
    for (const name of NAMES) {
      expect([name, found[name]]).toEqual([name, name === row.starts ? [{ text: "the item", done: null, children: [] }] : []]);
    }
  });
});
