import { describe, expect, it } from "@jest/globals";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expectGolden } from "./expect-golden.js";

const fresh = (name: string) => pathToFileURL(join(mkdtempSync(join(tmpdir(), "golden-")), name));

describe("expectGolden", () => {
  it("compares with the expected file", () => {
    const url = fresh("a.txt");
    writeFileSync(url, "expected");
    expect(() => expectGolden(url, "expected", {})).not.toThrow();
    expect(() => expectGolden(url, "other", {})).toThrow();
  });

  it("never creates a missing expected file silently", () => {
    const url = fresh("missing.txt");
    expect(() => expectGolden(url, "x", {})).toThrow(/does not exist: create it with `UPDATE_GOLDEN=1 npm test/);
    expect(existsSync(url)).toBe(false);
  });

  it("rewrites with UPDATE_GOLDEN=1, but never when CI is set", () => {
    const url = fresh("b.txt");
    writeFileSync(url, "old");
    expect(() => expectGolden(url, "new", { UPDATE_GOLDEN: "1", CI: "true" })).toThrow(/refused when CI is set/);
    expect(readFileSync(url, "utf8")).toBe("old");
    expectGolden(url, "new", { UPDATE_GOLDEN: "1" });
    expect(readFileSync(url, "utf8")).toBe("new");
  });
});
