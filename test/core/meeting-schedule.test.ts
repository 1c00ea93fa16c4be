import { describe, expect, it } from "@jest/globals";
import { DateTime } from "luxon";
import { dueMeeting, meetingCreationTime, meetingOnDate, nextDueMeeting, slotsBetween, upcomingMeeting } from "../../src/core/meeting-schedule.js";
import { changesIn, formatDecision, NO_CHANGES, parseDecisions, pendingDecisions, resolveChanges, type ScheduleDecision } from "../../src/core/schedule-changes.js";
import type { ScheduleSpec } from "../../src/core/schedule.js";

// Fridays 18:00 in Berlin; clocks go back on Sunday 2020-10-25.
const SPEC: ScheduleSpec = { weekday: 5, time: "18:00", timezone: "Europe/Berlin", durationMinutes: 60, everyWeeks: 1, anchor: "2020-09-04", skip: ["2020-11-13"], creation: {} };
const at = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const utc = (time: DateTime) => time.toUTC().toISO({ suppressMilliseconds: true });
const decide = (...decisions: Array<Partial<ScheduleDecision> & Pick<ScheduleDecision, "kind" | "date">>) =>
  resolveChanges(decisions.map((decision, index) => ({ by: "alice", at: `2020-10-01T10:00:0${index}Z`, ...decision }) as ScheduleDecision));
const regular = (date: string) => meetingOnDate(SPEC, date)?.occurrence ?? (() => { throw new Error(date); })();

describe("schedule changes recorded as markers", () => {
  it("round-trips every kind, and the latest decision about a date wins, whatever the order it is read in", () => {
    const skip: ScheduleDecision = { kind: "skip", date: "2020-10-30", by: "alice", at: "2020-10-01T10:00:00Z", cmd: "comment-1-1", number: "007" };
    const unskip: ScheduleDecision = { kind: "unskip", date: "2020-10-30", by: "bob", at: "2020-10-02T10:00:00Z", cmd: "comment-2-1" };
    const move: ScheduleDecision = { kind: "move", date: "2020-10-23", to: "2020-10-26T17:00:00Z", by: "carol", at: "2020-10-03T10:00:00Z" };
    const body = [formatDecision("weekly", unskip), formatDecision("weekly", skip), formatDecision("weekly", move), formatDecision("other", skip)].join("\n");
    expect(parseDecisions(body, "weekly")).toEqual([unskip, skip, move]);
    const changes = resolveChanges(parseDecisions(body, "weekly"));
    expect([...changes.skipped.keys()]).toEqual([]);
    expect(changes.moved.get("2020-10-23")?.to).toBe("2020-10-26T17:00:00Z");
    // Skipped again later: in force again.
    const again = changesIn([{ number: 1, body }, { number: 2, body: formatDecision("weekly", { ...skip, at: "2020-10-04T00:00:00Z" }) }], "weekly");
    expect([...again.skipped.keys()]).toEqual(["2020-10-30"]);
  });

  it("ignores malformed or forged-looking decisions, and carries forward only those still to come", () => {
    expect(parseDecisions("<!-- meeting-bot:series=weekly skip=2020-13-99 by=alice at=x -->\n<!-- meeting-bot:series=weekly skip=2020-10-30 -->", "weekly")).toEqual([]);
    const changes = decide({ kind: "skip", date: "2020-10-02" }, { kind: "skip", date: "2020-10-30" });
    expect(pendingDecisions("weekly", changes, "2020-10-09")).toBe("<!-- meeting-bot:series=weekly skip=2020-10-30 by=alice at=2020-10-01T10:00:01Z -->");
  });
});

describe("the schedule as the team runs it", () => {
  it("without changes, is the config's schedule", () => {
    expect(utc(dueMeeting(SPEC, NO_CHANGES, at("2020-10-16T17:01:00Z"))?.meeting.start as DateTime)).toBe("2020-10-23T16:00:00Z");
    expect(utc(nextDueMeeting(SPEC, NO_CHANGES, at("2020-10-16T17:01:00Z")).createAt)).toBe("2020-10-23T17:00:00Z");
  });

  it("a skipped meeting is passed over by `upcoming`, gets no issue, and its slot still times the next creation", () => {
    const changes = decide({ kind: "skip", date: "2020-10-23" });
    expect(upcomingMeeting(SPEC, changes, at("2020-10-17T00:00:00Z")).meeting.date).toBe("2020-10-30");
    // Due at the end of the 16th: the skipped meeting (the scheduler then creates nothing).
    expect(dueMeeting(SPEC, changes, at("2020-10-16T17:01:00Z"))).toMatchObject({ status: "skipped", meeting: { date: "2020-10-23" } });
    // The 30th's issue opens when the skipped meeting would have ended (after the DST change: 17:00 UTC → the slot ends 17:00 UTC on the 23rd).
    expect(utc(meetingCreationTime(SPEC, changes, regular("2020-10-30")))).toBe("2020-10-23T17:00:00Z");
    expect(utc(nextDueMeeting(SPEC, changes, at("2020-10-16T17:01:00Z")).createAt)).toBe("2020-10-23T17:00:00Z");
  });

  it("a meeting moved later across the DST change keeps its identity; the next issue waits for it to end", () => {
    const changes = decide({ kind: "move", date: "2020-10-23", to: "2020-10-26T17:00:00Z" });
    const moved = upcomingMeeting(SPEC, changes, at("2020-10-24T00:00:00Z"));
    expect(moved).toMatchObject({ status: "moved", meeting: { date: "2020-10-23", key: "2020-10-23T16:00:00Z" } });
    expect(moved.meeting.start.toFormat("ccc HH:mm ZZZZ")).toBe("Mon 18:00 GMT+1");
    expect(utc(meetingCreationTime(SPEC, changes, regular("2020-10-30")))).toBe("2020-10-26T18:00:00Z");
    expect(dueMeeting(SPEC, changes, at("2020-10-24T00:00:00Z"))?.meeting.date).toBe("2020-10-23");
    expect(dueMeeting(SPEC, changes, at("2020-10-26T18:00:00Z"))?.meeting.date).toBe("2020-10-30");
    expect(utc(nextDueMeeting(SPEC, changes, at("2020-10-23T17:30:00Z")).createAt)).toBe("2020-10-26T18:00:00Z");
  });

  it("a meeting moved earlier: the next issue opens after it, earlier than usual", () => {
    const changes = decide({ kind: "move", date: "2020-10-23", to: "2020-10-22T08:00:00Z" });
    expect(utc(meetingCreationTime(SPEC, changes, regular("2020-10-30")))).toBe("2020-10-22T09:00:00Z");
    expect(dueMeeting(SPEC, changes, at("2020-10-22T09:01:00Z"))?.meeting.date).toBe("2020-10-30");
  });

  it("lists every slot with what became of it, schedule.skip included", () => {
    const changes = decide({ kind: "skip", date: "2020-10-30" }, { kind: "move", date: "2020-11-06", to: "2020-11-05T17:00:00Z" });
    const slots = slotsBetween(SPEC, changes, at("2020-10-24T00:00:00Z"), at("2020-11-21T00:00:00Z"));
    expect(slots.map((slot) => [slot.meeting.date, slot.status])).toEqual([
      ["2020-10-30", "skipped"],
      ["2020-11-06", "moved"],
      ["2020-11-13", "config-skipped"],
      ["2020-11-20", "held"],
    ]);
  });

  it("finds the regular meeting on a date, also one the config skips, and nothing on other days", () => {
    expect(meetingOnDate(SPEC, "2020-11-13")).toMatchObject({ configSkipped: true, occurrence: { key: "2020-11-13T17:00:00Z" } });
    expect(meetingOnDate(SPEC, "2020-11-12")).toBeNull();
  });
});
