import { describe, expect, it } from "@jest/globals";
import { scheduleSpec } from "../../src/config/schedule-spec.js";
import { meetingOnDate, meetingStatus } from "../../src/core/meeting-schedule.js";
import { resolveChanges, type ScheduleDecision } from "../../src/core/schedule-changes.js";
import { EXAMPLE, exampleSeries, planAfter } from "../security/plan-fixture.js";

// The example series: Zoom on the first meeting of the month, Discord otherwise; Fridays 20:30 UTC.
const series = exampleSeries();
const spec = scheduleSpec(series);
const skip = (date: string, extra: Partial<ScheduleDecision> = {}) => ({ kind: "skip", date, by: "alice", at: "2020-09-01T00:00:00Z", ...extra }) as ScheduleDecision;
const meeting = (date: string, changes = resolveChanges([])) => meetingStatus(spec, changes, meetingOnDate(spec, date)?.occurrence ?? (() => { throw new Error(date); })()).meeting;

describe("planning a meeting issue with /meeting's changes", () => {
  it("location rules skip with the meeting: with October's first Friday skipped, the second one is the first of the month", () => {
    const normal = planAfter("", { occurrence: meeting("2020-10-09") });
    expect(normal.body).toContain("- **Location:** Discord");
    const changes = resolveChanges([skip("2020-10-02")]);
    const shifted = planAfter("", { occurrence: meeting("2020-10-09", changes), changes });
    expect(shifted.body).toContain("- **Location:** Zoom");
  });

  it("a skipped previous meeting gives up its number (and the rotation follows it) and its agenda moves", () => {
    const previousBody = "## Proposed Agenda\n\n- [ ] Decide on 2.0 (@alice, from #3)\n- [x] Done already\n\n### Action Items\n\n- [ ] Write the notes\n";
    const plan = planAfter(previousBody, {
      occurrence: meeting("2020-09-25"),
      previous: { number: 2, title: "Crates.io Weekly Team Meeting: no meeting on Friday, September 18, 2020 (skipped)", body: previousBody, skipped: { number: "002" } },
    });
    expect(plan.title).toBe("Crates.io Weekly Team Meeting #002");
    expect(plan.body).toContain("- **Moderator:** @bob");
    expect(plan.body).toContain("- [ ] Decide on 2.0 (@alice, from #3)\n");
    expect(plan.body).not.toContain("Done already");
    expect(plan.body).toMatch(/- \[ \] Write the notes <!-- meeting-bot:carried=1 in=2020-09-25T20:30:00Z -->/);
  });

  it("renders a moved meeting at its new time, and copies the decisions still to come into the new issue", () => {
    const changes = resolveChanges([
      { kind: "move", date: "2020-09-18", to: "2020-09-17T16:00:00Z", by: "bob", at: "2020-09-01T00:00:00Z" },
      skip("2020-12-18"),
      skip("2020-09-11"),
    ]);
    const plan = planAfter("", { occurrence: meeting("2020-09-18", changes), changes });
    expect(plan.body).toContain("- **Date/Time:** Thursday, September 17, 2020, 16:00 UTC");
    expect(plan.body).toContain("<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z previous=1 -->");
    expect(plan.body).toContain("<!-- meeting-bot:series=weekly skip=2020-12-18 by=alice at=2020-09-01T00:00:00Z -->");
    expect(plan.body).toContain("<!-- meeting-bot:series=weekly move=2020-09-18 to=2020-09-17T16:00:00Z by=bob at=2020-09-01T00:00:00Z -->");
    expect(plan.body).not.toContain("skip=2020-09-11");
    expect(EXAMPLE.body).toContain("{{calendar}}");
    expect(plan.body).toContain("dates=20200917T160000Z%2F20200917T170000Z");
  });
});
