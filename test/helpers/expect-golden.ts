import { expect } from "@jest/globals";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Compare `actual` with the expected file at `url`, remark style. `UPDATE_GOLDEN=1` writes the
 * expectation from `actual` instead (review every diff before committing it); it is refused when
 * `CI` is set, so CI can never pass by rewriting what it checks. A missing expected file fails,
 * saying how to create one: it is never written silently.
 */
export function expectGolden(url: URL, actual: string, env: NodeJS.ProcessEnv = process.env): void {
  const path = fileURLToPath(url);
  if (env["UPDATE_GOLDEN"] === "1") {
    if (env["CI"]) throw new Error(`UPDATE_GOLDEN=1 is refused when CI is set: CI checks expectations, it never rewrites them (${path})`);
    writeFileSync(url, actual);
    return;
  }
  if (!existsSync(url)) {
    throw new Error(`${path} does not exist: create it with \`UPDATE_GOLDEN=1 npm test -- <this test file>\`, then read it before committing it`);
  }
  expect(actual).toBe(readFileSync(url, "utf8"));
}
