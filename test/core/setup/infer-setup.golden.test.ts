import { describe, expect, it } from "@jest/globals";
import { expectGolden } from "../../helpers/expect-golden.js";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { parseConfig } from "../../../src/config/parse-config.js";
import { parseIssueTemplate } from "../../../src/core/issue-template.js";
import { checkPlaceholders } from "../../../src/core/render-placeholders.js";
import { decideOnboarding } from "../../../src/core/setup/decide-onboarding.js";
import { inferSetup } from "../../../src/core/setup/infer-setup.js";
import { historyIssue, type HistoryIssue, type HistoryTemplate, type MeetingHistory } from "../../../src/core/setup/meeting-history.js";
import { previewInferredSetup } from "../../../src/core/setup/preview-inferred-setup.js";

/*
 * Golden cases, remark style: each folder of test/fixtures/infer-setup holds history.json (as
 * `gh issue list --state all --json number,title,body,createdAt,labels,author` prints it, written
 * for these tests), optionally repo/ (the repository's issue templates) and now.txt (the clock;
 * else a day after the newest issue). Expectations in expected/: config.yml, template.md,
 * preview.md (the first issue at that time) and result.json (confidence, signals, whether the app
 * would open an onboarding issue and why not, reasons, files in the order the issue lists them). `UPDATE_GOLDEN=1` rewrites them: review every diff.
 */

const root = new URL("../../fixtures/infer-setup/", import.meta.url);
const update = process.env.UPDATE_GOLDEN === "1";
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function templatesIn(folder: URL, prefix = ""): HistoryTemplate[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? templatesIn(new URL(`${entry.name}/`, folder), `${prefix}${entry.name}/`)
      : [{ path: `${prefix}${entry.name}`, text: readFileSync(new URL(entry.name, folder), "utf8") }],
  );
}

export function readHistory(name: string): MeetingHistory {
  const raw = JSON.parse(readFileSync(new URL(`${name}/history.json`, root), "utf8")) as unknown[];
  const issues = raw.map((item, index) => historyIssue(item, index)).filter((issue): issue is HistoryIssue => issue !== null);
  return { issues, templates: templatesIn(new URL(`${name}/repo/`, root)) };
}

describe("inferSetup golden cases", () => {
  it("has at least ten histories", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)("%s", (name) => {
    const history = readHistory(name);
    const setup = inferSetup(history);
    const newest = [...history.issues].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    const clock = new URL(`${name}/now.txt`, root);
    const now = existsSync(clock)
      ? DateTime.fromISO(readFileSync(clock, "utf8").trim(), { zone: "UTC" })
      : DateTime.fromISO(newest?.createdAt ?? "2026-03-10T00:00:00Z", { zone: "UTC" }).plus({ days: 1 });
    const preview = previewInferredSetup(setup, history, now);
    const onboarding = decideOnboarding(setup, now);
    const outputs: Record<string, string> = {
      "result.json": `${JSON.stringify({ confidence: setup.confidence, signals: setup.signals, onboarding, label: setup.label, meetings: setup.meetings, files: setup.files.map((file) => file.path), templatePath: setup.templatePath, reasons: setup.reasons }, null, 2)}\n`,
      ...(setup.config ? { "config.yml": setup.config } : {}),
      ...(setup.template ? { "template.md": setup.template } : {}),
      ...(preview ? { "preview.md": `title: ${preview.plan.title}\nlabels: ${preview.plan.labels.join(", ")}\noccurrence: ${preview.occurrence.key}\n\n${preview.plan.body}` } : {}),
    };

    // Whatever it proposes must work as it is: the config parses, the template's placeholders exist.
    if (setup.config && setup.template && setup.templatePath) {
      expect(() => parseConfig(setup.config as string)).not.toThrow();
      const template = parseIssueTemplate(setup.template, setup.templatePath);
      expect(() => checkPlaceholders(template.body, { path: setup.templatePath as string })).not.toThrow();
      // The template first, the config last: added in that order, the setup works the moment the config lands.
      expect(setup.files.at(-1)).toEqual({ path: ".github/meeting-bot.yml", content: setup.config });
    } else {
      expect(setup.confidence).toBe("none");
      expect(setup.files).toEqual([]);
    }

    const folder = new URL(`${name}/expected/`, root);
    // Written only with UPDATE_GOLDEN=1 outside CI (see expectGolden); never created silently.
    if (update && !process.env.CI) mkdirSync(folder, { recursive: true });
    for (const [file, text] of Object.entries(outputs)) expectGolden(new URL(file, folder), text);
    if (!update) expect(readdirSync(folder).sort()).toEqual(Object.keys(outputs).sort());
  });
});
