import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { ConfigError } from "../../src/config/config-error.js";
import { parseConfig, validateConfig } from "../../src/config/parse-config.js";
import { parseIssueTemplate } from "../../src/core/issue-template.js";
import { findPlaceholders } from "../../src/core/render-placeholders.js";
import { expectGolden } from "../helpers/expect-golden.js";

/*
 * Fixtures in test/fixtures/config/: valid-NAME.yml with its parsed result in valid-NAME.json,
 * invalid-NAME.yml with its exact error message in invalid-NAME.txt.
 * UPDATE_GOLDEN=1 rewrites the expectations from the current output (review the diff!); see expectGolden.
 */
const folder = new URL("../fixtures/config/", import.meta.url);
const files = readdirSync(folder).filter((file) => file.endsWith(".yml"));
const read = (file: string): string => readFileSync(new URL(file, folder), "utf8");

function expectFixture(file: string, actual: string): void {
  expectGolden(new URL(file, folder), actual);
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig fixtures", () => {
  it.each(files.filter((file) => file.startsWith("valid-")))("%s", (file) => {
    const config = parseConfig(read(file), `test/fixtures/config/${file}`);
    expectFixture(file.replace(/\.yml$/, ".json"), `${JSON.stringify(config, null, 2)}\n`);
  });

  it.each(files.filter((file) => file.startsWith("invalid-")))("%s", (file) => {
    const error = configError(() => parseConfig(read(file), ".github/meeting-bot.yml"));
    expect(error.problems.length).toBeGreaterThan(0);
    expectFixture(file.replace(/\.yml$/, ".txt"), `${error.message}\n`);
  });
});

describe("parseConfig", () => {
  it("reports every problem with its path, line and hint (the README example)", () => {
    const error = configError(() => parseConfig(read("invalid-time-and-zone.yml")));
    expect(error.message).toBe(
      [
        ".github/meeting-bot.yml has 2 problems:",
        '  - series[0].schedule.time (line 6): "25:00" is not a time; write HH:mm in 24-hour form, e.g. "20:30"',
        '  - series[0].schedule.timezone (line 7): unknown time zone "Europe/Berln"; use an IANA name such as "Europe/Berlin"',
      ].join("\n"),
    );
    expect(error.problems).toEqual([
      {
        path: "series[0].schedule.time",
        message: '"25:00" is not a time',
        hint: 'write HH:mm in 24-hour form, e.g. "20:30"',
        line: 6,
      },
      {
        path: "series[0].schedule.timezone",
        message: 'unknown time zone "Europe/Berln"',
        hint: 'use an IANA name such as "Europe/Berlin"',
        line: 7,
      },
    ]);
  });

  it("suggests the key that was meant", () => {
    const error = configError(() => parseConfig(read("invalid-unknown-keys.yml")));
    expect(error.problems.map(({ path, hint, line }) => [path, hint, line])).toEqual([
      ["series[0].lables", "did you mean `labels`?", 3],
      ["series[0].close_previous", "did you mean `closePrevious`?", 4],
      ["series[0].schedule.timzone", "did you mean `timezone`?", 7],
      ["series[0].roles.moderators", "did you mean `moderator`?", 9],
      ["series[0].roles.xyzzy", "known keys here: moderator, notetaker", 10],
    ]);
  });

  it("applies defaults and normalises a single-series file", () => {
    const config = parseConfig("schedule:\n  weekday: Wed\n");
    expect(config).toEqual({
      series: [
        {
          id: "meeting",
          default: true,
          template: ".github/ISSUE_TEMPLATE/meeting.md",
          labels: ["meeting"],
          schedule: { weekday: 3, time: "16:00", timezone: "UTC", duration: 60, every: 1, skip: [] },
          creation: {},
          timezones: [],
          carryOver: ["Action Items", "Open Discussion"],
          agenda: {
            section: "Proposed Agenda",
            label: "meeting-agenda",
            allow: { associations: ["OWNER", "MEMBER", "COLLABORATOR"], users: [], teams: [] },
          },
          roles: { moderator: [], notetaker: [] },
          location: { default: "TBA", rules: [] },
          closePrevious: true,
          carryOverFlag: { after: 3, list: "top" },
          // The calls to action of the crates.io example, with no setting (issue 14).
          collect: [
            { markers: ["TODO", "ACTION", "ACTION ITEM"], into: "Action Items" },
            { markers: ["NEXT WEEK MEETING", "NEXT MEETING", "REMINDER"], into: "Proposed Agenda" },
          ],
          decisions: false,
        },
      ],
    });
  });

  it("reads carryOver as a list of sections or with the long-carried rules, to the same shape", () => {
    const short = parseConfig("carryOver: [Action Items]\n").series[0];
    expect([short?.carryOver, short?.carryOverFlag]).toEqual([["Action Items"], { after: 3, list: "top" }]);
    const long = parseConfig("carryOver:\n  sections: [To do]\n  flagAfter: 5\n  flaggedList: none\n").series[0];
    expect([long?.carryOver, long?.carryOverFlag]).toEqual([["To do"], { after: 5, list: "none" }]);
    const defaults = parseConfig("carryOver:\n  flagAfter: 0\n").series[0];
    expect([defaults?.carryOver, defaults?.carryOverFlag]).toEqual([["Action Items", "Open Discussion"], { after: 0, list: "top" }]);
    expect(configError(() => parseConfig("carryOver:\n  flagAfter: -1\n")).message).toContain("carryOver.flagAfter (line 2)");
    expect(configError(() => parseConfig("carryOver:\n  flaggedList: bottom\n")).message).toContain('"bottom" is not allowed here');
  });

  it.each([
    ["monday", 1],
    ["Tue", 2],
    ["WEDNESDAY", 3],
    ["thurs", 4],
    ["fri", 5],
    [" Saturday ", 6],
    ["sun", 7],
  ])("reads weekday %p as %p", (weekday, number) => {
    expect(parseConfig(`schedule: {weekday: "${weekday}"}`).series[0]?.schedule.weekday).toBe(number);
  });

  it("makes the first series the default when none is marked", () => {
    const config = parseConfig("series:\n  - id: a\n  - id: b\n");
    expect(config.series.map((series) => [series.id, series.default])).toEqual([
      ["a", true],
      ["b", false],
    ]);
  });

  it("turns YAML syntax errors into one line with path:line:col", () => {
    const error = configError(() => parseConfig("schedule:\n  time: [20:30\n", "cfg.yml"));
    expect(error.message).toMatch(/^cfg\.yml:\d+:\d+: invalid YAML: /);
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("says an empty file is empty", () => {
    for (const text of ["", "   \n", "# just a comment\n", "~\n"]) {
      expect(() => parseConfig(text)).toThrow(".github/meeting-bot.yml is empty: add at least a `series` entry");
    }
  });

  it("bounds alias expansion (billion laughs) quickly", () => {
    const error = configError(() => parseConfig(read("invalid-alias-bomb.yml")));
    expect(error.message).toContain("invalid YAML: Excessive alias count");
  });

  it("accepts a few aliases, as real configs use them", () => {
    const config = parseConfig(
      "series:\n  - id: a\n    roles: &roles\n      moderator: [alice]\n  - id: b\n    roles: *roles\n",
    );
    expect(config.series[1]?.roles.moderator).toEqual(["alice"]);
  });

  it("does not pollute prototypes", () => {
    expect(() => parseConfig(read("invalid-proto.yml"))).toThrow(ConfigError);
    expect(({} as Record<string, unknown>)["closePrevious"]).toBeUndefined();
  });

  it("rejects a very long file name in errors gracefully", () => {
    const long = `"${"x".repeat(5000)}"`;
    const error = configError(() => parseConfig(`schedule:\n  timezone: ${long}\n`));
    expect(error.message.length).toBeLessThan(400);
  });
});

describe("validateConfig", () => {
  it("validates parsed objects, as Probot's context.config gives them", () => {
    const config = validateConfig({ schedule: { weekday: "friday", time: "20:30", timezone: "Europe/Berlin" } });
    expect(config.series[0]?.schedule).toMatchObject({ weekday: 5, time: "20:30", timezone: "Europe/Berlin" });
  });

  it("reads dates that a YAML 1.1 loader turned into Date objects", () => {
    const config = validateConfig({
      schedule: { anchor: new Date("2020-09-11T00:00:00Z"), skip: [new Date("2020-12-25T00:00:00Z")] },
    });
    expect(config.series[0]?.schedule).toMatchObject({ anchor: "2020-09-11", skip: ["2020-12-25"] });
  });

  it("reports problems without line numbers", () => {
    const error = configError(() => validateConfig({ schedule: { time: "7pm" } }, "repo/.github/meeting-bot.yml"));
    expect(error.message).toBe(
      'repo/.github/meeting-bot.yml has 1 problem:\n  - schedule.time: "7pm" is not a time; write HH:mm in 24-hour form, e.g. "20:30"',
    );
  });

  it.each([null, undefined])("says %p is empty", (value) => {
    expect(() => validateConfig(value)).toThrow("is empty");
  });

  it.each([["a string"], [42], [["a", "list"]]])("rejects %p at the top level", (value) => {
    expect(() => validateConfig(value)).toThrow("(top level): expected `key: value` settings");
  });
});

describe("examples", () => {
  const example = (file: string): string => readFileSync(new URL(`../../examples/${file}`, import.meta.url), "utf8");

  it("examples/meeting-bot.yml is a valid configuration for the crates.io meeting", () => {
    const config = parseConfig(example("meeting-bot.yml"), "examples/meeting-bot.yml");
    expect(config.series).toHaveLength(1);
    expect(config.series[0]).toMatchObject({
      id: "weekly",
      default: true,
      template: ".github/ISSUE_TEMPLATE/weekly-meeting.md",
      schedule: { weekday: 5, time: "20:30", timezone: "UTC" },
      timezones: ["America/Los_Angeles", "America/New_York", "Europe/Berlin", "Asia/Tokyo"],
      location: { rules: [{ when: "first-of-month" }] },
    });
  });

  it("examples/weekly-meeting.md is a blank template using only known placeholders", () => {
    const template = parseIssueTemplate(example("weekly-meeting.md"), "examples/weekly-meeting.md");
    expect(template).toMatchObject({
      name: "Crates.io Weekly Team Meeting",
      title: "Crates.io Weekly Team Meeting #{{number}}",
      labels: ["meeting"],
    });
    const used = findPlaceholders(template.body, template.bodyLineOffset);
    expect(used.filter((use) => !use.known)).toEqual([]);
    expect(new Set(used.map((use) => use.name))).toEqual(
      new Set(["date", "time", "timeanddate_url", "timezones", "location", "calendar", "moderator", "notetaker", "previous"]),
    );
    for (const heading of ["## Proposed Agenda", "### Outcomes", "### Action Items", "### Open Discussion"]) {
      expect(template.body).toContain(`\n${heading}\n`);
    }
  });
});
