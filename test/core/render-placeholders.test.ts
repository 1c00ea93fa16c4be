import { describe, expect, it } from "@jest/globals";
import {
  findPlaceholders,
  PLACEHOLDERS,
  renderPlaceholders,
  splitPlaceholders,
  type PlaceholderValues,
} from "../../src/core/render-placeholders.js";
import { TemplateError } from "../../src/core/template-error.js";

const values: PlaceholderValues = {
  number: "002",
  date: "Friday, September 18, 2020",
  time: "20:30 UTC",
  timezones: "- 13:30 America/Los_Angeles\n- 22:30 Europe/Berlin",
  timezone_table: "| zone | time |",
  timeanddate_url: "https://www.timeanddate.com/worldclock/fixedtime.html?iso=20200918T2030",
  previous: "#41",
  moderator: "@alice",
  notetaker: "@carol",
  location: "Zoom",
  calendar: "",
};

const where = { path: ".github/ISSUE_TEMPLATE/weekly.md" };

describe("PLACEHOLDERS", () => {
  it("lists every placeholder once, each with a description", () => {
    const names = PLACEHOLDERS.map((placeholder) => placeholder.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(Object.keys(values).sort());
    for (const placeholder of PLACEHOLDERS) expect(placeholder.description.length).toBeGreaterThan(10);
  });
});

describe("renderPlaceholders", () => {
  const cases: Array<[string, string, string]> = [
    ["a plain text", "no placeholders here", "no placeholders here"],
    ["the number", "Meeting #{{number}}", "Meeting #002"],
    ["whitespace inside braces", "{{ date }} at {{\ttime }}", "Friday, September 18, 2020 at 20:30 UTC"],
    ["several on a line and across lines", "{{moderator}}/{{notetaker}}\n{{location}}", "@alice/@carol\nZoom"],
    ["a multi-line value", "Zones:\n{{timezones}}\n", "Zones:\n- 13:30 America/Los_Angeles\n- 22:30 Europe/Berlin\n"],
    ["inside an HTML comment", "<!-- previous: {{previous}} -->", "<!-- previous: #41 -->"],
    ["inside a fenced code block", "```\n{{number}}\n```", "```\n002\n```"],
    ["an escaped placeholder stays literal", "\\{{number}} is {{number}}", "{{number}} is 002"],
    ["an escape without a placeholder", "a \\{{ b", "a {{ b"],
    ["unbalanced braces are text", "{{ not closed", "{{ not closed"],
    ["single braces are text", "{number} {x}", "{number} {x}"],
    ["triple braces keep the outer ones", "{{{number}}}", "{002}"],
    ["a placeholder cannot span lines", "{{num\nber}}", "{{num\nber}}"],
    ["CRLF text", "a\r\n{{number}}\r\n", "a\r\n002\r\n"],
  ];

  it.each(cases)("renders %s", (_name, text, expected) => {
    expect(renderPlaceholders(text, values, where)).toBe(expected);
  });

  it("does not render placeholders inside values", () => {
    expect(renderPlaceholders("{{location}}", { ...values, location: "{{number}}" }, where)).toBe("{{number}}");
  });

  const errors: Array<[string, string, number, string]> = [
    ["a typo, with a suggestion", "line 1\n\n{{dat}}", 3, "unknown placeholder {{dat}}; did you mean {{date}}?"],
    ["another typo", "{{ moderater }}", 1, "unknown placeholder {{moderater}}; did you mean {{moderator}}?"],
    ["a case slip", "{{Date}}", 1, "unknown placeholder {{Date}}; did you mean {{date}}?"],
    ["a GitHub Actions expression", "x\n${{ github.actor }}", 2, "unknown placeholder {{github.actor}}; known: number, date,"],
    ["an empty placeholder", "{{ }}", 1, "empty placeholder {{}}; known:"],
  ];

  it.each(errors)("rejects %s", (_name, text, line, message) => {
    let error: unknown;
    try {
      renderPlaceholders(text, values, where);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).line).toBe(line);
    expect((error as TemplateError).message).toContain(`.github/ISSUE_TEMPLATE/weekly.md:${line}: ${message}`);
    expect((error as TemplateError).message).toContain("write \\{{ for literal braces");
  });

  it("adds the line offset of the front matter", () => {
    expect(() => renderPlaceholders("ok\n{{dat}}", values, { path: "t.md", lineOffset: 5 })).toThrow("t.md:7: unknown placeholder {{dat}}");
  });

  it("lists the known names in the error", () => {
    expect(() => renderPlaceholders("{{zzzzzz}}", values, where)).toThrow(
      "unknown placeholder {{zzzzzz}}; known: number, date, time, timezones, timezone_table, timeanddate_url, previous, moderator, notetaker, location, calendar;",
    );
  });
});

describe("findPlaceholders", () => {
  it("lists each use with its line and column, known or not", () => {
    const text = "# {{number}}\n\nby {{ moderator }} and {{dat}}\n\\{{date}}\n{{location}}";
    expect(findPlaceholders(text)).toEqual([
      { name: "number", known: true, line: 1, column: 3 },
      { name: "moderator", known: true, line: 3, column: 4 },
      { name: "dat", known: false, line: 3, column: 24 },
      { name: "location", known: true, line: 5, column: 1 },
    ]);
  });

  it("adds a line offset", () => {
    expect(findPlaceholders("\n{{time}}", 10)).toEqual([{ name: "time", known: true, line: 12, column: 1 }]);
  });
});

describe("splitPlaceholders", () => {
  it("keeps offsets into the original text", () => {
    const text = "a \\{{ {{ b }}c";
    const parts = splitPlaceholders(text);
    expect(parts.map((part) => part.kind)).toEqual(["text", "escape", "text", "placeholder", "text"]);
    for (const part of parts) {
      const raw = text.slice(part.start, part.end);
      if (part.kind === "text") expect(raw).toBe(part.text);
      if (part.kind === "escape") expect(raw).toBe("\\{{");
      if (part.kind === "placeholder") expect(raw).toBe(part.raw);
    }
  });
});

describe("renderPlaceholders: multi-line values keep the placeholder's indentation", () => {
  const values = Object.fromEntries(PLACEHOLDERS.map((p) => [p.name, p.name])) as PlaceholderValues;
  it.each([
    ["- **When:** x\n    {{timezones}}\n- next", "- **Zone A:** 1\n- **Zone B:** 2\n", "- **When:** x\n    - **Zone A:** 1\n    - **Zone B:** 2\n\n- next"],
    ["{{timezones}}\n", "a\nb\n", "a\nb\n\n"],
    ["\t{{timezones}}", "a\r\nb", "\ta\r\n\tb"],
    ["text {{timezones}}", "a\nb", "text a\nb"],
  ])("%j with %j", (template, zones, expected) => {
    expect(renderPlaceholders(template, { ...values, timezones: zones }, { path: "t.md" })).toBe(expected);
  });
});
