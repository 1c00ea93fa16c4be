import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { carryOver } from "../../src/core/carry-over.js";
import { extractItems, type ExtractedItem } from "../../src/core/extract-items.js";
import { extractSections } from "../../src/core/extract-sections.js";
import { findSections } from "../../src/core/find-sections.js";
import { parseIssueTemplate } from "../../src/core/issue-template.js";
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

describe("real-world notes as the previous meeting", () => {
  const template = parseIssueTemplate(readFileSync(new URL("../../examples/weekly-meeting.md", import.meta.url), "utf8"), "weekly-meeting.md").body;
  const every = (body: string, name: string): ExtractedItem[] => {
    const all = (item: ExtractedItem): ExtractedItem[] => [item, ...item.children.flatMap(all)];
    return (findSections(body, SECTIONS).get(name) ?? []).flatMap((section) => extractItems(body, section)).flatMap(all);
  };

  it.each(cases)("%s: every open task reaches the example template once, and a second run adds nothing", (name) => {
    const previousBody = readFileSync(new URL(`${name}.md`, root), "utf8");
    for (const targetBody of [template, template.replace(/\n/g, "\r\n")]) {
      const { body } = carryOver({ previousBody, targetBody, sections: SECTIONS });
      for (const section of SECTIONS) {
        const now = every(body, section).map((item) => item.text);
        for (const item of every(previousBody, section).filter((entry) => entry.done === false && !entry.struck)) {
          expect([section, item.text, now.filter((text) => text === item.text).length]).toEqual([section, item.text, 1]);
        }
      }
      expect(carryOver({ previousBody, targetBody: body, sections: SECTIONS }).body).toBe(body);
    }
  });
});
