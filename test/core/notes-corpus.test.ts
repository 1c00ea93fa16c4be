import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { extractSections } from "../../src/core/extract-sections.js";
import { expectGolden } from "../helpers/expect-golden.js";

/*
 * Meeting notes and templates as teams write them (test/fixtures/notes/README.md lists what each
 * shows), each NAME.md with NAME.json: what `meeting-bot extract` must print for it, as a person
 * reading the notes would list the items. Written for this project; no third-party text.
 */
const root = new URL("../fixtures/notes/", import.meta.url);
const SECTIONS = ["Action Items", "Open Discussion"];
const cases = readdirSync(root)
  .filter((file) => file.endsWith(".md") && file !== "README.md")
  .map((file) => file.slice(0, -3))
  .sort();

describe("real-world notes", () => {
  it("has at least 40 cases, each listed in the README", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const index = readFileSync(new URL("README.md", root), "utf8");
    expect(cases.filter((name) => !index.includes(`- ${name} — `))).toEqual([]);
  });

  it.each(cases)("%s", (name) => {
    const markdown = readFileSync(new URL(`${name}.md`, root), "utf8");
    expectGolden(new URL(`${name}.json`, root), `${JSON.stringify(extractSections(markdown, SECTIONS), null, 2)}\n`);
  });
});
