import { describe, expect, it } from "@jest/globals";
import {
  formatMeetingNumber,
  nextMeetingNumber,
  parseMeetingNumber,
  renderTitle,
  titlePattern,
} from "../../src/core/meeting-number.js";
import type { PlaceholderValues } from "../../src/core/render-placeholders.js";
import { TemplateError } from "../../src/core/template-error.js";

const CRATES = "Crates.io Weekly Team Meeting #{{number}}";
const LITERAL = "Crates.io Weekly Team Meeting #001";

describe("nextMeetingNumber", () => {
  const cases: Array<[string | null, string, number, number, string]> = [
    // previous title, title template → number, width, text
    ["Crates.io Weekly Team Meeting #001", CRATES, 2, 3, "002"],
    ["Crates.io Weekly Team Meeting #009", CRATES, 10, 3, "010"],
    ["Crates.io Weekly Team Meeting #099", CRATES, 100, 3, "100"],
    ["Crates.io Weekly Team Meeting #999", CRATES, 1000, 3, "1000"],
    ["Crates.io Weekly Team Meeting #1000", CRATES, 1001, 4, "1001"],
    ["Crates.io Weekly Team Meeting #7", CRATES, 8, 1, "8"],
    ["Crates.io Weekly Team Meeting #9", CRATES, 10, 1, "10"],
    ["Crates.io Weekly Team Meeting #0", CRATES, 1, 1, "1"],
    // A template with a literal number (no placeholder) still counts up.
    ["Crates.io Weekly Team Meeting #001", LITERAL, 2, 3, "002"],
    ["Crates.io Weekly Team Meeting #041", LITERAL, 42, 3, "042"],
    // No previous meeting: the template's literal number, else 1.
    [null, LITERAL, 1, 3, "001"],
    [null, "Meeting #042", 42, 3, "042"],
    [null, CRATES, 1, 1, "1"],
    [null, "Weekly sync", 1, 1, "1"],
    // Whitespace and case differences still match the template.
    ["crates.io  weekly team   MEETING #012", CRATES, 13, 3, "013"],
    ["  Crates.io Weekly Team Meeting #012  ", CRATES, 13, 3, "013"],
    // Hand-written titles fall back to the last #<digits>.
    ["Crates.io meeting (rescheduled) #015", CRATES, 16, 3, "016"],
    ["Weekly #3, follow-up to #2", CRATES, 3, 1, "3"],
    // Unreadable previous titles start from the template.
    ["Planning call", LITERAL, 1, 3, "001"],
    ["Planning call", CRATES, 1, 1, "1"],
    ["Meeting #99999999999999999999", CRATES, 1, 1, "1"],
    // Other placeholders match anything, even nothing.
    ["Weekly Meeting #005 (Friday, September 11, 2020)", "Weekly Meeting #{{number}} ({{date}})", 6, 3, "006"],
    ["2020-09-11: sync 04", "{{date}}: sync {{number}}", 5, 2, "05"],
  ];

  it.each(cases)("%p with %p → %#", (previous, template, number, width, text) => {
    expect(nextMeetingNumber(previous, template)).toEqual({ number, width, text });
  });
});

describe("parseMeetingNumber", () => {
  const cases: Array<[string, string, { number: number; width: number } | null]> = [
    ["Crates.io Weekly Team Meeting #007", CRATES, { number: 7, width: 3 }],
    ["Crates.io Weekly Team Meeting #007", LITERAL, { number: 7, width: 3 }],
    ["sync 12 on Friday", "sync {{number}} on {{date}}", { number: 12, width: 2 }],
    ["Team sync", CRATES, null],
    ["Crates.io Weekly Team Meeting #", CRATES, null],
    ["Numbers without a hash 12", CRATES, null],
    // The template's slot wins over a later #N in the title.
    ["Meeting #4 (see #3)", "Meeting #{{number}} {{location}}", { number: 4, width: 1 }],
  ];

  it.each(cases)("%p with %p", (title, template, expected) => {
    expect(parseMeetingNumber(title, template)).toEqual(expected);
  });
});

describe("titlePattern", () => {
  const cases: Array<[string, string, boolean]> = [
    [CRATES, "Crates.io Weekly Team Meeting #12", true],
    [CRATES, "Crates-io Weekly Team Meeting #12", false], // "." is literal, not "any character"
    [CRATES, "Crates.io Weekly Team Meeting #12 extra", false],
    [CRATES, "Crates.io Weekly Team Meeting #x", false],
    ["Sync (a+b)? {{number}}", "sync (A+B)? 3", true],
    ["Meeting \\{{number}} {{number}}", "Meeting {{number}} 3", true],
  ];

  it.each(cases)("%p matches %p: %p", (template, title, matches) => {
    expect(titlePattern(template).test(title)).toBe(matches);
  });

  it("stays fast on hostile titles, however many placeholders the template has", () => {
    const template = "{{date}} {{time}} {{location}} {{moderator}} {{notetaker}} #{{number}} {{previous}} {{time}} x";
    const pattern = titlePattern(template);
    // Without collapsing wildcards this backtracks for hours (~256^6 splits).
    expect(pattern.test(" ".repeat(250) + "#1 y")).toBe(false);
    expect(pattern.exec("Fri 20:30 Zoom @a @b #012 #11 20:30 x")?.[1]).toBe("012");
    expect(parseMeetingNumber(`${"a ".repeat(120)}#7`, template)).toEqual({ number: 7, width: 1 });
  });

  it("checks all literal text when there are few placeholders", () => {
    expect(titlePattern("{{date}} at {{time}}: #{{number}}").test("Friday on 20:30: #3")).toBe(false);
    expect(titlePattern("{{date}} at {{time}}: #{{number}}").test("Friday at 20:30: #3")).toBe(true);
  });

  it("captures the number slot", () => {
    expect(titlePattern(LITERAL).exec("Crates.io Weekly Team Meeting #123")?.[1]).toBe("123");
    expect(titlePattern("#1 call, #{{number}}").exec("#1 call, #55")?.[1]).toBe("55");
  });
});

describe("formatMeetingNumber", () => {
  it.each([
    [1, 3, "001"],
    [42, 3, "042"],
    [1000, 3, "1000"],
    [7, 1, "7"],
    [0, 2, "00"],
  ])("%p with width %p → %p", (number, width, text) => {
    expect(formatMeetingNumber(number, width)).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 60])("rejects %p", (number) => {
    expect(() => formatMeetingNumber(number, 3)).toThrow(RangeError);
  });
});

describe("renderTitle", () => {
  const values: PlaceholderValues = {
    number: "002",
    date: "Friday, September 18, 2020",
    time: "20:30 UTC",
    timezones: "",
    timezone_table: "",
    timeanddate_url: "",
    previous: "#1",
    moderator: "@alice",
    notetaker: "@bob",
    location: "Zoom",
    calendar: "",
  };

  it.each([
    [CRATES, "Crates.io Weekly Team Meeting #002"],
    [LITERAL, "Crates.io Weekly Team Meeting #002"],
    ["Weekly #001 ({{date}})", "Weekly #002 (Friday, September 18, 2020)"],
    ["Call #1, take #001", "Call #1, take #002"],
    ["Weekly sync", "Weekly sync"],
  ])("%p → %p", (template, title) => {
    expect(renderTitle(template, values)).toBe(title);
  });

  it("reports unknown placeholders with the given location", () => {
    expect(() => renderTitle("Meeting {{numbr}}", values, { path: "weekly.md", lineOffset: 3 })).toThrow(TemplateError);
    expect(() => renderTitle("Meeting {{numbr}}", values, { path: "weekly.md", lineOffset: 3 })).toThrow(
      "weekly.md:4: unknown placeholder {{numbr}}; did you mean {{number}}?",
    );
  });

  it("round-trips: the rendered title parses back to its number", () => {
    for (const template of [CRATES, LITERAL, "{{date}} sync #{{number}}"]) {
      const next = nextMeetingNumber("x #041", template);
      const title = renderTitle(template, { ...values, number: next.text });
      expect(parseMeetingNumber(title, template)).toEqual({ number: 42, width: 3 });
    }
  });
});
