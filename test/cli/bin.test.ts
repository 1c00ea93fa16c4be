import { describe, expect, it } from "@jest/globals";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The published entry point, as a shell runs it (needs lib/: `npm ci` builds it). */
describe("bin/meeting-bot.js", () => {
  it("ends quietly (exit 0, no stack trace) when its reader stops early, as `… | head -1` does", async () => {
    if (!existsSync(`${root}lib/cli/main.js`)) throw new Error("lib/ is missing: run `npm run build` (npm ci does it) before the tests");
    const child = spawn(process.execPath, ["bin/meeting-bot.js", "next", "--config", "examples/meeting-bot.yml", "--count", "520"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then close the pipe, like `head -1`.
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
