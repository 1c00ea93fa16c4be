import { describe, expect, it } from "@jest/globals";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { carryOver } from "../../src/core/carry-over.js";
import { extractSections } from "../../src/core/extract-sections.js";
import { expectGolden } from "../helpers/expect-golden.js";

/*
 * Golden cases, remark style: each folder of test/fixtures/carry-over holds previous.md,
 * target.md, an optional config.json ({ "sections": [...] }), and the expectations:
 * expected.md (the new body) and expected.json (the sections extracted from previous.md).
 * `UPDATE_GOLDEN=1` rewrites the expectations instead of checking them (never in CI): review every diff.
 */

const root = new URL("../fixtures/carry-over/", import.meta.url);
const DEFAULT_SECTIONS = ["Action Items", "Open Discussion"];
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("carry-over golden cases", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)("%s", (name) => {
    const file = (base: string) => new URL(`${name}/${base}`, root);
    const previousBody = readFileSync(file("previous.md"), "utf8");
    const targetBody = readFileSync(file("target.md"), "utf8");
    const config = existsSync(file("config.json"))
      ? (JSON.parse(readFileSync(file("config.json"), "utf8")) as { sections: string[] })
      : { sections: DEFAULT_SECTIONS };

    const { body } = carryOver({ previousBody, targetBody, sections: config.sections });
    const extracted = `${JSON.stringify(extractSections(previousBody, config.sections), null, 2)}\n`;

    expectGolden(file("expected.md"), body);
    expectGolden(file("expected.json"), extracted);
  });
});
