import { describe, expect, it } from "@jest/globals";
import { inferSchedule } from "../../../src/core/setup/infer-schedule.js";
import type { HistoryIssue } from "../../../src/core/setup/meeting-history.js";

const meetings = (dates: string[]): HistoryIssue[] =>
  dates
    .map((date, index) => ({ number: index + 1, title: `Board meeting ${date}`, body: "Starts 17:00 UTC", createdAt: `${date}T08:00:00Z`, labels: ["meeting"] }))
    .reverse();

describe("inferSchedule: monthly rhythms", () => {
  it("the last Thursday of each month", () => {
    const schedule = inferSchedule(meetings(["2025-10-30", "2025-11-27", "2025-12-25", "2026-01-29", "2026-02-26"]));
    expect(schedule.monthly).toEqual({ weekOfMonth: -1, agree: 5, of: 5 });
    expect(schedule.every).toBe(4);
  });

  it("the second Monday of each month", () => {
    expect(inferSchedule(meetings(["2025-12-08", "2026-01-12", "2026-02-09", "2026-03-09"])).monthly).toEqual({ weekOfMonth: 2, agree: 4, of: 4 });
  });

  it("not every four weeks exactly, nor weekly", () => {
    expect(inferSchedule(meetings(["2026-01-06", "2026-02-03", "2026-03-03", "2026-03-31"])).monthly).toBeUndefined();
    expect(inferSchedule(meetings(["2026-01-06", "2026-01-13", "2026-01-20", "2026-01-27"])).monthly).toBeUndefined();
  });
});
