import { describe, expect, it } from "@jest/globals";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

const fixtures = fileURLToPath(new URL("../fixtures/infer-setup/", import.meta.url));

async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, cwd, env: {} });
  return { code, stdout, stderr };
}

/** A scratch checkout with the history of one golden case (and its repo/ files). */
function checkout(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "meeting-bot-init-"));
  cpSync(join(fixtures, name, "history.json"), join(dir, "issues.json"));
  if (existsSync(join(fixtures, name, "repo"))) cpSync(join(fixtures, name, "repo"), dir, { recursive: true });
  return dir;
}

describe("meeting-bot init --from FILE", () => {
  it("prints the reasons and both files, as inferred", async () => {
    const dir = checkout("weekly-numbered-label");
    const { code, stdout, stderr } = await run(["init", "--from", "issues.json"], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("meeting-bot init: 6 meeting issues found; confidence: high\n");
    expect(stdout).toContain("  - Meetings are on Tuesdays: 6 of 6 meeting dates in titles and notes fall on one.\n");
    const expected = (file: string) => readFileSync(join(fixtures, "weekly-numbered-label/expected", file), "utf8");
    expect(stdout).toContain(`==> .github/meeting-bot.yml <==\n${expected("config.yml")}`);
    expect(stdout).toContain(`==> .github/ISSUE_TEMPLATE/meeting.md <==\n${expected("template.md")}`);
    expect(existsSync(join(dir, ".github"))).toBe(false);
  });

  it("--write writes them, and `preview` then shows the first issue from them", async () => {
    const dir = checkout("fortnightly-dated-titles");
    const written = await run(["init", "--from", "issues.json", "--write"], dir);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain("meeting-bot: wrote .github/ISSUE_TEMPLATE/meeting.md\nmeeting-bot: wrote .github/meeting-bot.yml\n");
    const preview = await run(["preview", "--now", "2026-03-06T12:00:00Z"], dir);
    expect(preview.stderr).toBe("");
    expect(preview.stdout.split("\n").slice(0, 2)).toEqual(["title: Docs sync 2026-03-19", "labels: docs-sync"]);

    // Again: the same files are there, so nothing changes; a different config is never overwritten.
    expect((await run(["init", "--from", "issues.json", "--write"], dir)).code).toBe(0);
    writeFileSync(join(dir, ".github/meeting-bot.yml"), "schedule: { weekday: monday }\n");
    const refused = await run(["init", "--from", "issues.json", "--write"], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "meeting-bot: .github/meeting-bot.yml exists already; meeting-bot init never overwrites a file: move it away, or compare it with the output of meeting-bot init --from issues.json\n",
    );
    expect(readFileSync(join(dir, ".github/meeting-bot.yml"), "utf8")).toBe("schedule: { weekday: monday }\n");
  });

  it("reads the team's own meeting template from .github/ISSUE_TEMPLATE", async () => {
    const { code, stdout } = await run(["init", "--from", "issues.json", "--json"], checkout("team-template-few-issues"));
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { confidence: string; reasons: string[]; files: Array<{ path: string }> };
    expect(result.confidence).toBe("low");
    expect(result.reasons[0]).toMatch(/^The issue template `\.github\/ISSUE_TEMPLATE\/team-meeting\.md` \(`Team meeting`\) is for meetings/);
  });

  it("says when the app would not open an onboarding issue on its own (weak evidence, a dormant team), and proposes the files anyway", async () => {
    const dormant = await run(["init", "--from", "issues.json", "--now", "2026-03-02T12:00:00Z"], checkout("dormant-team"));
    expect(dormant.code).toBe(0);
    expect(dormant.stdout).toContain("The app would not open an onboarding issue for this history on its own: The newest meeting issue, #105, was opened 300 days ago (on 2025-05-06), more than 56 days: the team does not seem to meet here any more.\n");
    expect(dormant.stdout).toContain("==> .github/meeting-bot.yml <==\n");
    const weak = await run(["init", "--from", "issues.json", "--json", "--now", "2026-02-25T00:00:00Z"], checkout("weak-meeting-label"));
    expect(JSON.parse(weak.stdout)).toMatchObject({ confidence: "low", signals: ["label"], onboarding: { offer: false } });
    const active = await run(["init", "--from", "issues.json", "--now", "2026-03-05T00:00:00Z"], checkout("weekly-numbered-label"));
    expect(active.stdout).not.toContain("would not open an onboarding issue");
  });

  it("without evidence exits 1 and says why", async () => {
    const { code, stdout, stderr } = await run(["init", "--from", "issues.json", "--write"], checkout("no-evidence"));
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^meeting-bot: No meetings found: .* Nothing to set up from issues.json.\n$/);
  });

  it.each([
    [["init"], 2, "meeting-bot: usage: meeting-bot init --from FILE [--write] [--json] [--now ISO-8601]\n  make FILE with: gh issue list --state all --limit 200 --json number,title,body,createdAt,labels,author > FILE\n"],
    [["init", "--from", "missing.json"], 1, "meeting-bot: history missing.json does not exist\n"],
    [["init", "--from", "bad.json"], 1, "meeting-bot: bad.json is not JSON"],
    [["init", "--from", "object.json"], 1, "meeting-bot: object.json is not a list of issues; make it with: gh issue list"],
    [["init", "--from", "partial.json"], 1, "meeting-bot: partial.json: item 0 (#3) has no `createdAt` date; make it with: gh issue list"],
  ])("%j exits %i with one clear line", async (argv, exit, message) => {
    const dir = mkdtempSync(join(tmpdir(), "meeting-bot-init-"));
    mkdirSync(join(dir, ".github"));
    writeFileSync(join(dir, "bad.json"), "[{");
    writeFileSync(join(dir, "object.json"), "{}");
    writeFileSync(join(dir, "partial.json"), JSON.stringify([{ number: 3, title: "x" }]));
    const { code, stderr } = await run(argv, dir);
    expect(code).toBe(exit);
    expect(stderr.startsWith(message)).toBe(true);
  });
});
