import { describe, expect, it } from "@jest/globals";
import { DateTime } from "luxon";
import { parseConfig } from "../../src/config/parse-config.js";
import { dateFormatOf, formatDateAs } from "../../src/core/date-placeholder.js";
import { parseIssueTemplate } from "../../src/core/issue-template.js";
import { nextMeetingNumber } from "../../src/core/meeting-number.js";
import { planMeetingIssue } from "../../src/core/plan-meeting-issue.js";
import { findPlaceholders, renderPlaceholders, type RenderValues } from "../../src/core/render-placeholders.js";
import { nextOccurrence } from "../../src/core/schedule.js";
import { scheduleSpec } from "../../src/config/schedule-spec.js";

// Friday 2020-09-11 22:30 in Berlin is 20:30 UTC; in Tokyo it is already Saturday.
const start = DateTime.fromISO("2020-09-11T22:30:00", { zone: "Europe/Berlin" });

describe("{{date:FORMAT}}", () => {
  it("reads the format after `date:`, trimmed; anything else is not a date format", () => {
    expect(dateFormatOf("date:yyyy-MM-dd")).toBe("yyyy-MM-dd");
    expect(dateFormatOf("date : d MMMM yyyy ")).toBe("d MMMM yyyy");
    expect(dateFormatOf("date")).toBeUndefined();
    expect(dateFormatOf("date:")).toBeUndefined();
    expect(dateFormatOf("dates:yyyy")).toBeUndefined();
  });

  it("formats the meeting's local date in English, with quoted literals", () => {
    expect(formatDateAs(start, "yyyy-MM-dd")).toBe("2020-09-11");
    expect(formatDateAs(start, "cccc d MMMM yyyy")).toBe("Friday 11 September 2020");
    expect(formatDateAs(start, "'week' W")).toBe("week 37");
    expect(formatDateAs(start.setZone("Asia/Tokyo"), "yyyy-MM-dd")).toBe("2020-09-12");
  });

  it("is a known placeholder, rendered through formatDate; without it, it is a programming error", () => {
    const text = "Notes of {{ date:yyyy-MM-dd }} ({{date}})";
    expect(findPlaceholders(text).map((use) => use.known)).toEqual([true, true]);
    const values = { date: "Friday, September 11, 2020" } as RenderValues;
    expect(renderPlaceholders(text, { ...values, formatDate: (format) => formatDateAs(start, format) }, { path: "t.md" })).toBe(
      "Notes of 2020-09-11 (Friday, September 11, 2020)",
    );
    expect(() => renderPlaceholders(text, values, { path: "t.md" })).toThrow(TypeError);
    expect(() => renderPlaceholders("{{date:}}", values, { path: "t.md" })).toThrow("t.md:1: unknown placeholder {{date:}}; did you mean {{date}}?");
  });

  it("works in titles and bodies of meeting issues, in the series zone; a dated title matches its own issues", () => {
    const config = parseConfig(
      'title: "Team sync {{date:yyyy-MM-dd}}"\nschedule: { weekday: friday, time: "23:30", timezone: Europe/Berlin }\n',
    );
    const series = config.series[0];
    if (!series) throw new Error("no series");
    const template = parseIssueTemplate("Minutes of {{date:d MMMM yyyy}}\n");
    const occurrence = nextOccurrence(scheduleSpec(series), DateTime.fromISO("2020-09-10T00:00:00Z"));
    const plan = planMeetingIssue({ series, template, templatePath: "t.md", occurrence, previous: null });
    expect(plan.title).toBe("Team sync 2020-09-11");
    expect(plan.body.startsWith("Minutes of 11 September 2020\n")).toBe(true);
    // No number in the title: the next meeting simply has none to count.
    expect(nextMeetingNumber("Team sync 2020-09-11", "Team sync {{date:yyyy-MM-dd}}").text).toBe("1");
  });
});
