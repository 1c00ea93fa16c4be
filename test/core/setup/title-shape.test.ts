import { describe, expect, it } from "@jest/globals";
import { seriesNameOf, titleShape } from "../../../src/core/setup/title-shape.js";

describe("titleShape", () => {
  it.each([
    ["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #{{number}}", 1, 3, undefined],
    ["Docs sync 2026-01-08", "Docs sync {{date:yyyy-MM-dd}}", undefined, undefined, "2026-01-08"],
    ["Community Call #7 (Thursday, March 5, 2026)", "Community Call #{{number}} ({{date}})", 7, 1, "2026-03-05"],
    ["Infra standup 21", "Infra standup {{number}}", 21, 2, undefined],
    ["Steering meeting No. 4 – 3 February 2026", "Steering meeting No. {{number}} – {{date:d LLLL yyyy}}", 4, 1, "2026-02-03"],
    ["Release 1.12", "Release 1.12", undefined, undefined, undefined],
    ["Bump lodash from 4.17.20 to 4.17.21", "Bump lodash from 4.17.20 to 4.17.21", undefined, undefined, undefined],
    ["Use {{x}} 2", "Use \\{{x}} {{number}}", 2, 1, undefined],
  ])("%s", (title, template, value, width, date) => {
    const shape = titleShape(title);
    expect(shape.template).toBe(template);
    expect(shape.number?.value).toBe(value);
    expect(shape.number?.width).toBe(width);
    expect(shape.date?.date).toBe(date);
  });

  it("groups titles that differ only in their number or date", () => {
    expect(titleShape("Weekly  Sync #12").key).toBe(titleShape("weekly sync #13").key);
    expect(titleShape("Docs sync 2026-01-08").key).toBe(titleShape("Docs sync 2026-01-22").key);
  });
});

describe("seriesNameOf", () => {
  it.each([
    ["Crates.io Weekly Team Meeting #{{number}}", "Crates.io Weekly Team Meeting"],
    ["Docs sync {{date:yyyy-MM-dd}}", "Docs sync"],
    ["Community Call #{{number}} ({{date}})", "Community Call"],
    ["Steering meeting No. {{number}} – {{date:d LLLL yyyy}}", "Steering meeting"],
    ["{{date:yyyy-MM-dd}}", "Meeting"],
  ])("%s", (template, name) => {
    expect(seriesNameOf(template)).toBe(name);
  });
});
