import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { parseConfigLayers } from "../../src/config/parse-config-layers.js";
import { checkRunOutput, checkSetup } from "../../src/core/check-setup.js";

const root = new URL("../../", import.meta.url);
const CONFIG = readFileSync(new URL("examples/meeting-bot.yml", root), "utf8");
const TEMPLATE = readFileSync(new URL("examples/weekly-meeting.md", root), "utf8");
const MEETING_001 = readFileSync(new URL("examples/crates-io-meeting-001.md", root), "utf8");
const TEMPLATE_PATH = ".github/ISSUE_TEMPLATE/weekly-meeting.md";
const CONFIG_PATH = ".github/meeting-bot.yml";
const now = DateTime.fromISO("2020-09-12T00:00:00Z", { zone: "UTC" });
const own = (path: string) => (path === CONFIG_PATH || path.startsWith(".github/ISSUE_TEMPLATE/") ? path : undefined);

describe("checkSetup", () => {
  it("passes the example, previewing the next issue exactly as it would be created, and its next five dates", () => {
    const check = checkSetup({
      parsed: parseConfigLayers([{ file: CONFIG_PATH, text: CONFIG }]),
      templates: new Map([[TEMPLATE_PATH, TEMPLATE]]),
      previous: new Map([["weekly", { number: 1, title: "Crates.io Weekly Team Meeting #001", body: MEETING_001 }]]),
      now,
    });
    expect(check.problems).toEqual([]);
    expect(check.conclusion).toBe("success");
    const output = checkRunOutput(check, own);
    expect(output.title).toBe("Next: Crates.io Weekly Team Meeting #002");
    expect(output.annotations).toEqual([]);
    expect(output.summary).toContain("**Crates.io Weekly Team Meeting \\#002** · labels `meeting`");
    expect(output.summary).toContain("| Europe/Berlin | Friday, September 18, 2020, 22:30 CEST |");
    expect(output.summary).toContain("1. Friday, September 18, 2020, 20:30 UTC (issue due Tuesday, September 15, 2020, 09:00 UTC)");
    expect(output.summary).toContain("5. Friday, October 16, 2020, 20:30 UTC");
    expect(output.text).toContain("- [ ] Try to nail down the next zoom meeting through Discord");
  });

  it("fails with every problem at once, at its file and line, with the hints", () => {
    const config = [
      "series:",
      "  - id: weekly",
      "    template: .github/ISSUE_TEMPLATE/weekly.md",
      "    schedule:",
      '      time: "25:00"',
      "      timezone: Europe/Berln",
      "  - id: triage",
      "    template: .github/ISSUE_TEMPLATE/triage.md",
      "",
    ].join("\n");
    const template = "---\nname: Weekly\ntitle: 'Weekly #{{numbr}}'\n---\n## Agenda\nOn {{dat}} at {{time}}\n\n### Action Items\n";
    const check = checkSetup({
      parsed: parseConfigLayers([{ file: CONFIG_PATH, text: config }]),
      templates: new Map([[".github/ISSUE_TEMPLATE/weekly.md", template], [".github/ISSUE_TEMPLATE/triage.md", null]]),
      now,
    });
    expect(check.conclusion).toBe("failure");
    // Every problem at once: the config's, and those of the templates it names, though it does not validate.
    expect(check.problems.map((problem) => [problem.file, problem.line, problem.title, problem.message.split(";")[0]])).toEqual([
      [".github/ISSUE_TEMPLATE/weekly.md", 3, "template", "unknown placeholder {{numbr}}"],
      [".github/ISSUE_TEMPLATE/weekly.md", 5, "template", 'the template has no "Open Discussion" section, which `carryOver` of series "weekly" names: unfinished items would land in a new "### Open Discussion" at the end of every issue. Add the heading back, or remove "Open Discussion" from `carryOver`'],
      [".github/ISSUE_TEMPLATE/weekly.md", 6, "template", "unknown placeholder {{dat}}"],
      [CONFIG_PATH, 5, "series[0].schedule.time", expect.any(String)],
      [CONFIG_PATH, 6, "series[0].schedule.timezone", expect.any(String)],
      [CONFIG_PATH, 8, "series[1].template", '.github/ISSUE_TEMPLATE/triage.md does not exist (series "triage" names it): add the template, or fix `template`'],
    ]);
    expect(checkRunOutput(check, own).title).toBe("6 problems in .github/ISSUE_TEMPLATE/weekly.md, .github/meeting-bot.yml");
    const fixed = config.replace('"25:00"', '"20:30"').replace("Europe/Berln", "Europe/Berlin");
    const next = checkSetup({
      parsed: parseConfigLayers([{ file: CONFIG_PATH, text: fixed }]),
      templates: new Map([[".github/ISSUE_TEMPLATE/weekly.md", template], [".github/ISSUE_TEMPLATE/triage.md", null]]),
      now,
    });
    expect(next.problems.map((problem) => [problem.file, problem.line, problem.level, problem.message.split(";")[0]])).toEqual([
      [".github/ISSUE_TEMPLATE/weekly.md", 3, "failure", "unknown placeholder {{numbr}}"],
      [".github/ISSUE_TEMPLATE/weekly.md", 5, "failure", 'the template has no "Open Discussion" section, which `carryOver` of series "weekly" names: unfinished items would land in a new "### Open Discussion" at the end of every issue. Add the heading back, or remove "Open Discussion" from `carryOver`'],
      [".github/ISSUE_TEMPLATE/weekly.md", 6, "failure", "unknown placeholder {{dat}}"],
      [CONFIG_PATH, 8, "failure", ".github/ISSUE_TEMPLATE/triage.md does not exist (series \"triage\" names it): add the template, or fix `template`"],
      [".github/ISSUE_TEMPLATE/weekly.md", 5, "warning", 'the template has no "Proposed Agenda" section (`agenda.section` of series "weekly"): `/agenda` items will go to a new "### Proposed Agenda" at the end of the issue'],
    ]);
    const output = checkRunOutput(next, own);
    expect(output.title).toBe("4 problems in .github/ISSUE_TEMPLATE/weekly.md, .github/meeting-bot.yml");
    expect(output.annotations[0]).toEqual({
      path: ".github/ISSUE_TEMPLATE/weekly.md",
      start_line: 3,
      end_line: 3,
      annotation_level: "failure",
      title: "template",
      message: expect.stringContaining("unknown placeholder {{numbr}}; did you mean {{number}}?"),
    });
    expect(output.summary).toContain("- `.github/meeting-bot.yml` line 8, `series[1].template`: .github/ISSUE\\_TEMPLATE/triage.md does not exist");
  });

  it("checks the templates a config names even when the config does not validate: one-series files, the default template, a title set in the config", () => {
    const single = "template: .github/ISSUE_TEMPLATE/standup.md\ntitle: 'Standup {{date}}'\nschedule:\n  weekday: funday\ncarryOver: [Blockers]\n";
    const template = "---\nname: Standup\ntitle: 'ignored {{nope}}'\n---\n## Notes\n{{moderater}}\n";
    const check = checkSetup({ parsed: parseConfigLayers([{ file: CONFIG_PATH, text: single }]), templates: new Map([[".github/ISSUE_TEMPLATE/standup.md", template]]), now });
    expect(check.problems.map((problem) => [problem.file, problem.line, problem.message.split(";")[0]])).toEqual([
      [".github/ISSUE_TEMPLATE/standup.md", 5, expect.stringContaining('no "Blockers" section')],
      [".github/ISSUE_TEMPLATE/standup.md", 6, "unknown placeholder {{moderater}}"],
      [CONFIG_PATH, 4, expect.stringContaining("funday")],
    ]);
    // No template named: the default one is checked, and reported missing at the series.
    const unnamed = parseConfigLayers([{ file: CONFIG_PATH, text: "series:\n  - id: a\n    schedule: { weekday: funday }\n" }]);
    expect(unnamed.ok ? [] : unnamed.templates.map((named) => [named.path, named.key, named.line])).toEqual([[".github/ISSUE_TEMPLATE/meeting.md", "series[0].template", 2]]);
    const missing = checkSetup({ parsed: unnamed, templates: new Map([[".github/ISSUE_TEMPLATE/meeting.md", null]]), now });
    expect(missing.problems.map((problem) => problem.title)).toEqual(["series[0].template", "series[0].schedule.weekday"]);
  });

  it("reports every YAML syntax error of the file, each at its line", () => {
    const check = checkSetup({ parsed: parseConfigLayers([{ file: CONFIG_PATH, text: "schedule:\n  weekday: friday\n  weekday: monday\nlabels: [meeting\n" }]), templates: new Map(), now });
    expect(check.problems.map((problem) => [problem.line, problem.message.split(":")[0]])).toEqual([
      [3, "invalid YAML"],
      [5, "invalid YAML"],
    ]);
  });

  it("locates a problem in an `_extends` source in that file; another repository's file is named in the summary only", () => {
    const layers = [
      { file: CONFIG_PATH, text: "_extends: .github:meeting-bot/defaults.yml\nname: Crates.io sync\n" },
      { file: "rust-lang/.github:meeting-bot/defaults.yml", text: "labels: [meeting]\nschedule:\n  weekday: friyay\n" },
    ];
    const parsed = parseConfigLayers(layers);
    expect(parsed.ok).toBe(false);
    const check = checkSetup({ parsed, templates: new Map(), now });
    expect(check.problems).toEqual([
      expect.objectContaining({ file: "rust-lang/.github:meeting-bot/defaults.yml", line: 3, title: "schedule.weekday" }),
    ]);
    const output = checkRunOutput(check, own);
    expect(output.annotations).toEqual([]);
    expect(output.summary).toContain('- `rust-lang/.github:meeting-bot/defaults.yml` line 3, `schedule.weekday`: "friyay" is not a day of the week');
    // Seen from the .github repository's own check, the same problem is annotated in its file.
    expect(checkRunOutput(check, (file) => file.replace("rust-lang/.github:", "")).annotations.map((annotation) => [annotation.path, annotation.start_line])).toEqual([
      ["meeting-bot/defaults.yml", 3],
    ]);
  });

  it("merges like Probot: the nearer file's top-level keys win, and problems point at the file each key came from", () => {
    const parsed = parseConfigLayers([
      { file: "own.yml", text: "_extends: base\nschedule:\n  time: '9:00'\n  timezone: Mars/Olympus\n" },
      { file: "base.yml", text: "schedule:\n  weekday: friday\nlabels: [meeting]\ncarryOver: []\n" },
    ]);
    if (parsed.ok) throw new Error("expected problems");
    expect(parsed.problems.map((problem) => [problem.file, problem.line, problem.path])).toEqual([["own.yml", 4, "schedule.timezone"]]);
    const valid = parseConfigLayers([{ file: "own.yml", text: "_extends: base\nname: X\n" }, { file: "base.yml", text: "schedule:\n  weekday: monday\n" }]);
    if (!valid.ok) throw new Error(JSON.stringify(valid.problems));
    expect(valid.config.series[0]).toMatchObject({ name: "X", schedule: { weekday: 1 } });
    expect(valid.locate(valid.seriesPath(0, "schedule", "weekday"))).toEqual({ file: "base.yml", line: 2 });
  });
});
