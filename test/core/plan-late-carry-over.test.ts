import { describe, expect, it } from "@jest/globals";
import { DateTime } from "luxon";
import { scheduleSpec } from "../../src/config/schedule-spec.js";
import { MAX_ISSUE_BODY_LENGTH } from "../../src/core/issue-body-limit.js";
import { planLateCarryOver } from "../../src/core/plan-late-carry-over.js";
import { nextOccurrence } from "../../src/core/schedule.js";
import { MEETING_001 } from "../helpers/meeting-world.js";
import { exampleSeries, planAfter } from "../security/plan-fixture.js";

const series = exampleSeries();
const occurrence = nextOccurrence(scheduleSpec(series), DateTime.fromISO("2020-09-12T00:00:00Z", { zone: "utc" }));
const previous = { number: 1, title: "Crates.io Weekly Team Meeting #001", body: MEETING_001 };
const PENDING = `<!-- meeting-bot:series=weekly occurrence=${occurrence.key} previous=1 carry=later -->`;
const DONE = `<!-- meeting-bot:series=weekly occurrence=${occurrence.key} previous=1 -->`;

describe("planMeetingIssue with carry: \"later\" and planLateCarryOver", () => {
  const early = planAfter(MEETING_001, { carry: "later" });
  const now = planAfter(MEETING_001);

  it("opens the issue without carried items, its marker saying so", () => {
    expect(early.body.trimEnd().endsWith(PENDING)).toBe(true);
    expect(early.carried).toEqual({});
    expect(early.body).not.toContain("Try to nail down the next zoom meeting through Discord");
    expect(early.title).toBe(now.title);
  });

  it("later carries exactly what a creation at that time would have, and settles the marker", () => {
    const late = planLateCarryOver({ series, occurrence, body: early.body, previousNumber: 1, previous });
    expect(late?.body).toBe(now.body);
    expect(late?.carried).toEqual(now.carried);
  });

  it("keeps what was added to the early issue meanwhile, also after the marker, and puts the marker last", () => {
    const edited = early.body.replace("### Action Items", "Notes from the hallway.\n\n### Action Items") + "\nAdded at the very end.\n";
    const late = planLateCarryOver({ series, occurrence, body: edited, previousNumber: 1, previous });
    expect(late?.body).toContain("Notes from the hallway.");
    expect(late?.body).toContain("Added at the very end.");
    expect(late?.body).toContain("- [ ] Try to nail down the next zoom meeting through Discord");
    expect(late?.body.trimEnd().endsWith(DONE)).toBe(true);
    expect(late?.body.split("<!-- meeting-bot:series=").length).toBe(2);
  });

  it("never carries the template's own text, even when the team deleted it from the early issue", () => {
    const hint = "Owners add a due date to each item.";
    const previousBody = MEETING_001.replace("### Action Items\n", `### Action Items\n\n- ${hint}\n`);
    const templateBody = `### Action Items\n\n- ${hint}\n`;
    const late = planLateCarryOver({ series, occurrence, body: early.body, previousNumber: 1, previous: { ...previous, body: previousBody }, templateBody });
    expect(late?.body).not.toContain(hint);
    expect(late?.body).toContain("- [ ] Try to nail down the next zoom meeting through Discord");
    const without = planLateCarryOver({ series, occurrence, body: early.body, previousNumber: 1, previous: { ...previous, body: previousBody } });
    expect(without?.body).toContain(`- [ ] ${hint}`);
  });

  it("is done once: a settled body, another occurrence's or another previous's marker give null", () => {
    expect(planLateCarryOver({ series, occurrence, body: now.body, previousNumber: 1, previous })).toBeNull();
    expect(planLateCarryOver({ series, occurrence, body: early.body, previousNumber: 2, previous })).toBeNull();
    expect(planLateCarryOver({ series, occurrence: { key: "2020-09-25T20:30:00Z" }, body: early.body, previousNumber: 1, previous })).toBeNull();
  });

  it("a previous issue that is gone: nothing carried, the marker settled", () => {
    const late = planLateCarryOver({ series, occurrence, body: early.body, previousNumber: 1, previous: null });
    expect(late?.carried).toEqual({});
    expect(late?.body.trimEnd().endsWith(DONE)).toBe(true);
  });

  it("an agenda grown near GitHub's limit meanwhile: what does not fit stays in the previous issue, with a note", () => {
    const lines: string[] = [];
    const grown = () => early.body.replace("### Action Items", `${lines.join("\n")}\n\n### Action Items`);
    while (grown().length < MAX_ISSUE_BODY_LENGTH - 150) lines.push(`- [ ] agenda item ${lines.length} ${"x".repeat(60)}`);
    const late = planLateCarryOver({ series, occurrence, body: grown(), previousNumber: 1, previous });
    expect(late?.body).toContain("did not fit");
    expect(late?.warnings.join("\n")).toMatch(/did not fit GitHub's 65,536-character limit/);
    expect(late?.body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY_LENGTH);
  });
});
