import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { DateTime } from "luxon";
import {
  MAX_OCCURRENCES,
  ScheduleError,
  creationTime,
  dueOccurrence,
  nextDue,
  nextOccurrence,
  occurrenceAt,
  occurrencesBetween,
  parseWeekday,
  previousOccurrence,
  upcomingOccurrence,
  validateSchedule,
} from "../../src/core/schedule.js";
import type { Occurrence, ScheduleSpec, Weekday } from "../../src/core/schedule.js";
import { propertyRuns } from "../helpers/property-runs.js";

/** The reference team: Fridays 20:30 UTC, one hour, from #001 on 2020-09-11. */
function spec(overrides: Partial<ScheduleSpec> = {}): ScheduleSpec {
  return {
    weekday: 5,
    time: "20:30",
    timezone: "UTC",
    durationMinutes: 60,
    everyWeeks: 1,
    anchor: "2020-09-11",
    skip: [],
    creation: {},
    ...overrides,
  };
}

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const keyOf = (occurrence: Occurrence | null) => occurrence?.key ?? null;

describe("nextOccurrence", () => {
  it.each([
    ["same day, before the meeting", "2020-09-11T12:00:00Z", "2020-09-11T20:30:00Z"],
    ["one millisecond before the start", "2020-09-11T20:29:59.999Z", "2020-09-11T20:30:00Z"],
    ["exactly at the start: strictly after", "2020-09-11T20:30:00Z", "2020-09-18T20:30:00Z"],
    ["during the meeting", "2020-09-11T21:00:00Z", "2020-09-18T20:30:00Z"],
    ["long before the anchor", "2019-01-01T00:00:00Z", "2020-09-11T20:30:00Z"],
    ["years later", "2031-06-01T00:00:00Z", "2031-06-06T20:30:00Z"],
  ])("%s", (_, after, expected) => {
    expect(nextOccurrence(spec(), utc(after)).key).toBe(expected);
  });

  it("does not care which zone `after` is expressed in", () => {
    const after = DateTime.fromISO("2020-09-12T05:29:00", { zone: "Asia/Tokyo" }); // 2020-09-11T20:29Z
    expect(nextOccurrence(spec(), after).key).toBe("2020-09-11T20:30:00Z");
  });

  it("returns start/end in the meeting zone, the local date and the UTC key", () => {
    const occurrence = nextOccurrence(spec({ timezone: "Europe/Berlin", time: "22:30" }), utc("2020-09-10T00:00:00Z"));
    expect(occurrence.start.toISO()).toBe("2020-09-11T22:30:00.000+02:00");
    expect(occurrence.end.toISO()).toBe("2020-09-11T23:30:00.000+02:00");
    expect(occurrence.start.zoneName).toBe("Europe/Berlin");
    expect(occurrence.date).toBe("2020-09-11");
    expect(occurrence.key).toBe("2020-09-11T20:30:00Z");
  });

  it("upcomingOccurrence is the next meeting that has not started", () => {
    expect(upcomingOccurrence(spec(), utc("2020-09-11T20:45:00Z")).key).toBe("2020-09-18T20:30:00Z");
  });
});

describe("previousOccurrence", () => {
  it.each([
    ["exactly at the first start: strictly before", "2020-09-11T20:30:00Z", null],
    ["before the anchor", "2019-12-31T00:00:00Z", null],
    ["one millisecond after the first start", "2020-09-11T20:30:00.001Z", "2020-09-11T20:30:00Z"],
    ["between meetings", "2020-09-20T00:00:00Z", "2020-09-18T20:30:00Z"],
    ["exactly at a later start", "2020-09-25T20:30:00Z", "2020-09-18T20:30:00Z"],
  ])("%s", (_, before, expected) => {
    expect(keyOf(previousOccurrence(spec(), utc(before)))).toBe(expected);
  });
});

describe("daylight saving time: the wall-clock time stays, the UTC instant moves", () => {
  it.each<[string, string, Weekday, string, string, string]>([
    // zone, local time, weekday, local date, expected UTC key, note
    ["America/New_York", "09:00", 5, "2024-03-08", "2024-03-08T14:00:00Z", "EST before spring forward"],
    ["America/New_York", "09:00", 5, "2024-03-15", "2024-03-15T13:00:00Z", "EDT after spring forward"],
    ["America/New_York", "09:00", 5, "2024-11-01", "2024-11-01T13:00:00Z", "EDT before fall back"],
    ["America/New_York", "09:00", 5, "2024-11-08", "2024-11-08T14:00:00Z", "EST after fall back"],
    ["Europe/Berlin", "18:00", 5, "2024-03-29", "2024-03-29T17:00:00Z", "CET"],
    ["Europe/Berlin", "18:00", 5, "2024-04-05", "2024-04-05T16:00:00Z", "CEST"],
    ["Europe/Berlin", "18:00", 5, "2024-10-25", "2024-10-25T16:00:00Z", "CEST"],
    ["Europe/Berlin", "18:00", 5, "2024-11-01", "2024-11-01T17:00:00Z", "CET"],
    ["Australia/Sydney", "10:00", 5, "2024-04-05", "2024-04-04T23:00:00Z", "AEDT, southern summer"],
    ["Australia/Sydney", "10:00", 5, "2024-04-12", "2024-04-12T00:00:00Z", "AEST"],
    ["Australia/Sydney", "10:00", 5, "2024-10-04", "2024-10-04T00:00:00Z", "AEST"],
    ["Australia/Sydney", "10:00", 5, "2024-10-11", "2024-10-10T23:00:00Z", "AEDT"],
    ["Pacific/Auckland", "09:00", 5, "2024-04-05", "2024-04-04T20:00:00Z", "NZDT"],
    ["Pacific/Auckland", "09:00", 5, "2024-04-12", "2024-04-11T21:00:00Z", "NZST"],
    ["Pacific/Auckland", "09:00", 5, "2024-09-27", "2024-09-26T21:00:00Z", "NZST"],
    ["Pacific/Auckland", "09:00", 5, "2024-10-04", "2024-10-03T20:00:00Z", "NZDT"],
    ["America/Santiago", "12:00", 5, "2024-04-05", "2024-04-05T15:00:00Z", "Chile summer time"],
    ["America/Santiago", "12:00", 5, "2024-04-12", "2024-04-12T16:00:00Z", "Chile standard time"],
    ["America/Santiago", "12:00", 5, "2024-09-06", "2024-09-06T16:00:00Z", "Chile standard time"],
    ["America/Santiago", "12:00", 5, "2024-09-13", "2024-09-13T15:00:00Z", "Chile summer time"],
    ["Asia/Kolkata", "20:30", 5, "2024-03-29", "2024-03-29T15:00:00Z", "+05:30, no DST"],
    ["Asia/Kolkata", "20:30", 5, "2024-11-01", "2024-11-01T15:00:00Z", "+05:30, no DST"],
    ["UTC", "20:30", 5, "2024-03-29", "2024-03-29T20:30:00Z", "UTC"],
    // Spring-forward gap: the nonexistent time moves forward by the gap length.
    ["Europe/Berlin", "02:30", 7, "2024-03-31", "2024-03-31T01:30:00Z", "gap: 02:30 → 03:30 CEST"],
    ["America/New_York", "02:30", 7, "2024-03-10", "2024-03-10T07:30:00Z", "gap: 02:30 → 03:30 EDT"],
    ["Australia/Sydney", "02:30", 7, "2024-10-06", "2024-10-05T16:30:00Z", "gap: 02:30 → 03:30 AEDT"],
    ["Pacific/Auckland", "02:30", 7, "2024-09-29", "2024-09-28T14:30:00Z", "gap: 02:30 → 03:30 NZDT"],
    ["America/Santiago", "00:30", 7, "2024-09-08", "2024-09-08T04:30:00Z", "gap at midnight: 00:30 → 01:30"],
    ["Australia/Lord_Howe", "02:15", 7, "2024-10-06", "2024-10-05T15:45:00Z", "30-minute gap: 02:15 → 02:45"],
    // Fall-back overlap: the ambiguous time takes the earlier instant (the daylight-time offset).
    ["Europe/Berlin", "02:30", 7, "2024-10-27", "2024-10-27T00:30:00Z", "ambiguous: 02:30 CEST, not CET"],
    ["America/New_York", "01:30", 7, "2024-11-03", "2024-11-03T05:30:00Z", "ambiguous: 01:30 EDT, not EST"],
    ["Australia/Sydney", "02:30", 7, "2024-04-07", "2024-04-06T15:30:00Z", "ambiguous: 02:30 AEDT"],
    ["Pacific/Auckland", "02:30", 7, "2024-04-07", "2024-04-06T13:30:00Z", "ambiguous: 02:30 NZDT"],
    ["America/Santiago", "23:30", 6, "2024-04-06", "2024-04-07T02:30:00Z", "ambiguous: 23:30 -03"],
    ["Australia/Lord_Howe", "01:45", 7, "2024-04-07", "2024-04-06T14:45:00Z", "ambiguous: 01:45 +11"],
  ])("%s %s on %s (weekday %s) → %s (%s)", (timezone, time, weekday, date, expected) => {
    const series = spec({ timezone, time, weekday, anchor: date });
    const occurrence = nextOccurrence(series, utc(date).minus({ days: 2 }));
    expect(occurrence.date).toBe(date);
    expect(occurrence.key).toBe(expected);
    expect(occurrenceAt(series, expected)?.key).toBe(expected);
  });

  it("shows the shifted wall-clock time in the gap and keeps the day", () => {
    const occurrence = nextOccurrence(
      spec({ timezone: "Europe/Berlin", time: "02:30", weekday: 7, anchor: "2024-03-24" }),
      utc("2024-03-25T00:00:00Z"),
    );
    expect(occurrence.start.toISO()).toBe("2024-03-31T03:30:00.000+02:00");
    expect(occurrence.end.toISO()).toBe("2024-03-31T04:30:00.000+02:00");
  });

  it("returns to the configured time the week after the gap", () => {
    const series = spec({ timezone: "Europe/Berlin", time: "02:30", weekday: 7, anchor: "2024-03-24" });
    const keys = occurrencesBetween(series, utc("2024-03-20T00:00:00Z"), utc("2024-04-10T00:00:00Z")).map((o) =>
      o.start.toFormat("yyyy-MM-dd HH:mm ZZ"),
    );
    expect(keys).toEqual(["2024-03-24 02:30 +01:00", "2024-03-31 03:30 +02:00", "2024-04-07 02:30 +02:00"]);
  });

  it("a meeting during the repeated hour happens once, at the first 02:30", () => {
    const series = spec({ timezone: "Europe/Berlin", time: "02:30", weekday: 7, anchor: "2024-10-20" });
    const keys = occurrencesBetween(series, utc("2024-10-20T00:00:00Z"), utc("2024-11-04T00:00:00Z")).map((o) => o.key);
    expect(keys).toEqual(["2024-10-20T00:30:00Z", "2024-10-27T00:30:00Z", "2024-11-03T01:30:00Z"]);
    // After the first 02:30 has started, the second 02:30 is no meeting.
    expect(nextOccurrence(series, utc("2024-10-27T00:45:00Z")).key).toBe("2024-11-03T01:30:00Z");
  });
});

describe("skip dates", () => {
  const series = spec({ skip: ["2020-09-18", "2020-10-02"] });

  it.each([
    ["next after a skipped date is the following meeting", () => keyOf(nextOccurrence(series, utc("2020-09-12T00:00:00Z"))), "2020-09-25T20:30:00Z"],
    ["previous before the following meeting jumps over it", () => keyOf(previousOccurrence(series, utc("2020-09-25T00:00:00Z"))), "2020-09-11T20:30:00Z"],
    ["occurrenceAt refuses a skipped date", () => keyOf(occurrenceAt(series, "2020-09-18T20:30:00Z")), null],
    ["creation (default mode) is the end of the previous non-skipped meeting", () => creationTime(series, nextOccurrence(series, utc("2020-09-12T00:00:00Z"))).toUTC().toISO(), "2020-09-11T21:30:00.000Z"],
  ])("%s", (_, actual, expected) => {
    expect(actual()).toBe(expected);
  });

  it("occurrencesBetween leaves skipped dates out", () => {
    expect(occurrencesBetween(series, utc("2020-09-01T00:00:00Z"), utc("2020-10-10T00:00:00Z")).map((o) => o.date)).toEqual([
      "2020-09-11",
      "2020-09-25",
      "2020-10-09",
    ]);
  });

  it("a skipped anchor leaves the first real meeting with no previous one", () => {
    const skippedFirst = spec({ skip: ["2020-09-11"] });
    const first = nextOccurrence(skippedFirst, utc("2020-01-01T00:00:00Z"));
    expect(first.key).toBe("2020-09-18T20:30:00Z");
    expect(previousOccurrence(skippedFirst, first.start)).toBeNull();
    expect(creationTime(skippedFirst, first).toUTC().toISO()).toBe("2020-09-11T20:30:00.000Z");
  });
});

describe("every N weeks", () => {
  it.each([
    ["fortnightly from the anchor", spec({ everyWeeks: 2 }), "2020-09-12T00:00:00Z", "2020-09-25T20:30:00Z"],
    ["fortnightly, the off week is skipped", spec({ everyWeeks: 2 }), "2020-09-26T00:00:00Z", "2020-10-09T20:30:00Z"],
    // 2030-01-04 is 3402 days = 243 fortnights after the anchor; 2030-01-11 is the off week.
    ["fortnightly, phase kept for years", spec({ everyWeeks: 2 }), "2030-01-01T00:00:00Z", "2030-01-04T20:30:00Z"],
    ["fortnightly, years later, off week", spec({ everyWeeks: 2 }), "2030-01-05T00:00:00Z", "2030-01-18T20:30:00Z"],
    ["every 3 weeks", spec({ everyWeeks: 3 }), "2020-09-12T00:00:00Z", "2020-10-02T20:30:00Z"],
    // Default anchor: the first Friday on/after 2020-01-01 is 2020-01-03; 2020-09-11 is 18 fortnights later.
    ["default anchor 2020-01-03", spec({ everyWeeks: 2, anchor: undefined }), "2020-09-10T00:00:00Z", "2020-09-11T20:30:00Z"],
    ["default anchor, off week", spec({ everyWeeks: 2, anchor: undefined }), "2020-09-12T00:00:00Z", "2020-09-25T20:30:00Z"],
    ["default anchor for a Wednesday is 2020-01-01", spec({ weekday: 3, anchor: undefined, everyWeeks: 2 }), "2019-06-01T00:00:00Z", "2020-01-01T20:30:00Z"],
  ])("%s", (_, series, after, expected) => {
    expect(nextOccurrence(series, utc(after)).key).toBe(expected);
  });

  it("previousOccurrence respects the phase", () => {
    expect(keyOf(previousOccurrence(spec({ everyWeeks: 2 }), utc("2020-10-08T00:00:00Z")))).toBe("2020-09-25T20:30:00Z");
  });
});

describe("occurrenceAt", () => {
  const fortnightly = spec({ everyWeeks: 2, timezone: "America/New_York", time: "16:30" });
  it.each([
    ["a real meeting", "2020-09-11T20:30:00Z", "2020-09-11T20:30:00Z"],
    ["a later real meeting after the DST change", "2020-11-06T21:30:00Z", "2020-11-06T21:30:00Z"],
    ["the off week", "2020-09-18T20:30:00Z", null],
    ["the right day at another time", "2020-09-11T20:00:00Z", null],
    ["wall time kept but offset wrong (DST)", "2020-11-06T20:30:00Z", null],
    ["before the anchor", "2020-08-28T20:30:00Z", null],
    ["with milliseconds: not our key format", "2020-09-11T20:30:00.000Z", null],
    ["with an offset instead of Z", "2020-09-11T16:30:00-04:00", null],
    ["garbage", "next friday", null],
    ["an impossible date", "2020-02-30T20:30:00Z", null],
  ])("%s: %s", (_, key, expected) => {
    expect(keyOf(occurrenceAt(fortnightly, key))).toBe(expected);
  });

  it("round-trips the whole occurrence", () => {
    const occurrence = nextOccurrence(fortnightly, utc("2021-03-01T00:00:00Z"));
    const again = occurrenceAt(fortnightly, occurrence.key);
    expect(again?.date).toBe(occurrence.date);
    expect(again?.start.toISO()).toBe(occurrence.start.toISO());
    expect(again?.end.toISO()).toBe(occurrence.end.toISO());
  });
});

describe("creationTime", () => {
  const at = (series: ScheduleSpec, date: string) => {
    const occurrence = nextOccurrence(series, utc(date).minus({ days: 1 }));
    expect(occurrence.date).toBe(date);
    return creationTime(series, occurrence).toUTC().toISO({ suppressMilliseconds: true });
  };

  it.each([
    ["default: when the previous meeting ends", spec(), "2020-09-18", "2020-09-11T21:30:00Z"],
    ["default, first meeting: one period before its start", spec(), "2020-09-11", "2020-09-04T20:30:00Z"],
    ["default, first fortnightly meeting: two weeks before", spec({ everyWeeks: 2 }), "2020-09-11", "2020-08-28T20:30:00Z"],
    ["default, fortnightly: the previous meeting two weeks earlier", spec({ everyWeeks: 2 }), "2020-09-25", "2020-09-11T21:30:00Z"],
    ["default, 90 minutes", spec({ durationMinutes: 90 }), "2020-09-18", "2020-09-11T22:00:00Z"],
    ["daysBefore 2 at the meeting time", spec({ creation: { daysBefore: 2 } }), "2020-09-18", "2020-09-16T20:30:00Z"],
    ["daysBefore 2 at 09:00", spec({ creation: { daysBefore: 2, time: "09:00" } }), "2020-09-18", "2020-09-16T09:00:00Z"],
    ["daysBefore 0 at 09:00: the morning of the meeting", spec({ creation: { daysBefore: 0, time: "09:00" } }), "2020-09-18", "2020-09-18T09:00:00Z"],
    ["daysBefore 0 after the meeting time: clamped to the start", spec({ creation: { daysBefore: 0, time: "23:00" } }), "2020-09-18", "2020-09-18T20:30:00Z"],
    ["daysBefore 10 reaches past the previous meeting", spec({ creation: { daysBefore: 10 } }), "2020-09-25", "2020-09-15T20:30:00Z"],
    [
      "daysBefore 3 across a DST change keeps the local time",
      spec({ timezone: "Europe/Berlin", weekday: 2, time: "18:00", anchor: "2024-03-26", creation: { daysBefore: 3 } }),
      "2024-04-02",
      "2024-03-30T17:00:00Z",
    ],
    [
      "creation time in a gap is shifted like a meeting time",
      spec({ timezone: "Europe/Berlin", weekday: 2, time: "18:00", anchor: "2024-03-26", creation: { daysBefore: 2, time: "02:30" } }),
      "2024-04-02",
      "2024-03-31T01:30:00Z",
    ],
  ])("%s", (_, series, date, expected) => {
    expect(at(series, date)).toBe(expected);
  });

  it("is returned in the meeting zone", () => {
    const series = spec({ timezone: "Europe/Berlin", time: "18:00" });
    expect(creationTime(series, nextOccurrence(series, utc("2020-09-12T00:00:00Z"))).zoneName).toBe("Europe/Berlin");
  });

  it("refuses an occurrence that is not on this schedule", () => {
    const stranger = nextOccurrence(spec({ weekday: 4, anchor: "2020-09-10" }), utc("2020-09-01T00:00:00Z"));
    expect(() => creationTime(spec(), stranger)).toThrow("2020-09-10 is not a meeting date of this schedule");
  });
});

describe("dueOccurrence: the occurrence whose issue should exist by now", () => {
  it.each([
    ["before the first creation time", spec(), "2020-09-04T20:29:59Z", null],
    ["exactly at the first creation time", spec(), "2020-09-04T20:30:00Z", "2020-09-11T20:30:00Z"],
    ["while the meeting runs, it is still this meeting", spec(), "2020-09-11T21:00:00Z", "2020-09-11T20:30:00Z"],
    ["when it ends, next week's issue is due", spec(), "2020-09-11T21:30:00Z", "2020-09-18T20:30:00Z"],
    ["after weeks of downtime: only the latest due meeting", spec(), "2020-10-20T00:00:00Z", "2020-10-23T20:30:00Z"],
    ["after years of downtime: still one", spec(), "2027-01-01T00:00:00Z", "2027-01-01T20:30:00Z"],
    ["a skipped date is never due", spec({ skip: ["2020-09-18"] }), "2020-09-12T00:00:00Z", "2020-09-25T20:30:00Z"],
    ["fortnightly, the week between", spec({ everyWeeks: 2 }), "2020-09-18T20:30:00Z", "2020-09-25T20:30:00Z"],
    ["daysBefore 2: not yet", spec({ creation: { daysBefore: 2 } }), "2020-09-16T20:29:00Z", "2020-09-11T20:30:00Z"],
    ["daysBefore 2: due", spec({ creation: { daysBefore: 2 } }), "2020-09-16T20:30:00Z", "2020-09-18T20:30:00Z"],
    ["daysBefore 10: the later of two open issues", spec({ creation: { daysBefore: 10 } }), "2020-09-15T21:00:00Z", "2020-09-25T20:30:00Z"],
    ["daysBefore 10: only the nearer one yet", spec({ creation: { daysBefore: 10 } }), "2020-09-12T00:00:00Z", "2020-09-18T20:30:00Z"],
  ])("%s", (_, series, now, expected) => {
    expect(keyOf(dueOccurrence(series, utc(now)))).toBe(expected);
  });

  it("nextDue says which issue comes next and when", () => {
    const { occurrence, createAt } = nextDue(spec(), utc("2020-09-11T21:00:00Z"));
    expect(occurrence.key).toBe("2020-09-18T20:30:00Z");
    expect(createAt.toUTC().toISO()).toBe("2020-09-11T21:30:00.000Z");
    expect(keyOf(dueOccurrence(spec(), createAt))).toBe(occurrence.key);
    expect(keyOf(dueOccurrence(spec(), createAt.minus({ milliseconds: 1 })))).toBe("2020-09-11T20:30:00Z");
  });
});

describe("occurrencesBetween", () => {
  it("includes `from` and excludes `to`", () => {
    const keys = occurrencesBetween(spec(), utc("2020-09-11T20:30:00Z"), utc("2020-09-25T20:30:00Z")).map((o) => o.key);
    expect(keys).toEqual(["2020-09-11T20:30:00Z", "2020-09-18T20:30:00Z"]);
  });

  it("is empty for an empty or reversed range", () => {
    expect(occurrencesBetween(spec(), utc("2020-09-12T00:00:00Z"), utc("2020-09-12T00:00:00Z"))).toEqual([]);
    expect(occurrencesBetween(spec(), utc("2021-01-01T00:00:00Z"), utc("2020-01-01T00:00:00Z"))).toEqual([]);
  });

  it(`allows exactly ${MAX_OCCURRENCES} meetings and refuses more`, () => {
    const from = utc("2020-09-11T00:00:00Z");
    const lastAllowed = from.plus({ weeks: MAX_OCCURRENCES - 1, hours: 21 });
    expect(occurrencesBetween(spec(), from, lastAllowed)).toHaveLength(MAX_OCCURRENCES);
    expect(() => occurrencesBetween(spec(), from, lastAllowed.plus({ weeks: 1 }))).toThrow(ScheduleError);
    expect(() => occurrencesBetween(spec(), from, lastAllowed.plus({ weeks: 1 }))).toThrow(/more than 1000 meetings/);
  });
});

describe("validation", () => {
  it.each<[string, Partial<ScheduleSpec>, string, string]>([
    ["misspelled zone", { timezone: "Europe/Berln" }, "timezone", 'unknown time zone "Europe/Berln" (did you mean "Europe/Berlin"?): use an IANA name such as Europe/Berlin'],
    ["not a zone at all", { timezone: "Moon/Base" }, "timezone", 'unknown time zone "Moon/Base"'],
    ["empty zone", { timezone: "" }, "timezone", 'unknown time zone ""'],
    ["time without leading zero", { time: "9:30" }, "time", 'invalid time "9:30": use 24-hour "HH:mm"'],
    ["time 24:00", { time: "24:00" }, "time", 'invalid time "24:00"'],
    ["12-hour time", { time: "8:30pm" }, "time", 'invalid time "8:30pm"'],
    ["bad creation time", { creation: { time: "noon" } }, "creation.time", 'invalid creation.time "noon"'],
    ["weekday 0", { weekday: 0 as Weekday }, "weekday", "weekday must be 1 (Monday) … 7 (Sunday), got 0"],
    ["duration 0", { durationMinutes: 0 }, "durationMinutes", "durationMinutes must be a whole number from 1 to 1440, got 0"],
    ["fractional everyWeeks", { everyWeeks: 1.5 }, "everyWeeks", "everyWeeks must be a whole number from 1 to 52, got 1.5"],
    ["negative daysBefore", { creation: { daysBefore: -1 } }, "creation.daysBefore", "creation.daysBefore must be a whole number from 0 to 365, got -1"],
    ["impossible anchor", { anchor: "2020-02-30" }, "anchor", 'invalid date "2020-02-30" in anchor: use "yyyy-MM-dd"'],
    ["anchor on the wrong weekday", { anchor: "2020-09-10" }, "anchor", "anchor 2020-09-10 is a Thursday, but the meeting weekday is Friday: choose a Friday"],
    ["bad skip date", { skip: ["2020-09-18", "18.09.2020"] }, "skip[1]", 'invalid date "18.09.2020" in skip[1]'],
  ])("%s", (_, overrides, field, message) => {
    let error: unknown;
    try {
      nextOccurrence(spec(overrides), utc("2021-01-01T00:00:00Z"));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScheduleError);
    expect((error as ScheduleError).field).toBe(field);
    expect((error as ScheduleError).message).toContain(message);
  });

  it("accepts any spelling of a zone and uses the canonical name", () => {
    const occurrence = nextOccurrence(spec({ timezone: "europe/berlin", time: "22:30" }), utc("2020-09-10T00:00:00Z"));
    expect(occurrence.start.zoneName).toBe("Europe/Berlin");
    expect(occurrence.key).toBe("2020-09-11T20:30:00Z");
  });

  it("rejects an invalid DateTime argument", () => {
    expect(() => nextOccurrence(spec(), DateTime.invalid("test"))).toThrow(ScheduleError);
  });

  it("warns about skip dates that skip nothing", () => {
    expect(validateSchedule(spec({ everyWeeks: 2, skip: ["2020-09-25", "2020-09-18", "2020-12-24", "2020-09-04"] }))).toEqual([
      "skip date 2020-09-18 is not a meeting date of this every-2-weeks series, so it skips nothing",
      "skip date 2020-12-24 is not a Friday, so it skips nothing",
      "skip date 2020-09-04 is not a meeting date of this every-2-weeks series, so it skips nothing",
    ]);
  });
});

describe("parseWeekday", () => {
  it.each([
    ["friday", 5],
    ["Fri", 5],
    ["FRIDAY", 5],
    [" monday ", 1],
    ["thurs", 4],
    ["Sun", 7],
  ])("%s → %i", (name, expected) => {
    expect(parseWeekday(name)).toBe(expected);
  });

  it.each(["fr", "", "fryday", "5", "weekend"])("rejects %j", (name) => {
    expect(() => parseWeekday(name)).toThrow(ScheduleError);
  });
});

describe("properties", () => {
  const zones = [
    "UTC",
    "America/New_York",
    "America/Los_Angeles",
    "Europe/Berlin",
    "Europe/London",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "America/Santiago",
    "Asia/Kolkata",
    "Asia/Kathmandu",
  ];
  const day0 = DateTime.fromISO("2018-01-01", { zone: "utc" });
  const arbitrarySpec = fc
    .record({
      timezone: fc.constantFrom(...zones),
      weekday: fc.integer({ min: 1, max: 7 }),
      // Bias towards the small hours, where the DST transitions are.
      hour: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })),
      minute: fc.constantFrom(0, 15, 30, 45),
      everyWeeks: fc.integer({ min: 1, max: 4 }),
      anchorWeeks: fc.integer({ min: 0, max: 200 }),
      skipIndexes: fc.uniqueArray(fc.integer({ min: 0, max: 600 }), { maxLength: 40 }),
      durationMinutes: fc.integer({ min: 1, max: 180 }),
      daysBefore: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    })
    .map((r): ScheduleSpec => {
      const anchor = day0.plus({ weeks: r.anchorWeeks }).set({ weekday: r.weekday as Weekday });
      return {
        weekday: r.weekday as Weekday,
        time: `${String(r.hour).padStart(2, "0")}:${String(r.minute).padStart(2, "0")}`,
        timezone: r.timezone,
        durationMinutes: r.durationMinutes,
        everyWeeks: r.everyWeeks,
        anchor: anchor.toISODate() ?? "",
        skip: r.skipIndexes.map((i) => anchor.plus({ weeks: i * r.everyWeeks }).toISODate() ?? ""),
        creation: r.daysBefore === undefined ? {} : { daysBefore: r.daysBefore },
      };
    });
  const arbitraryInstant = fc
    .integer({ min: day0.toMillis(), max: day0.plus({ years: 15 }).toMillis() })
    .map((ms) => DateTime.fromMillis(ms, { zone: "utc" }));

  it("next is after t, on the weekday at the wall time (or shifted past a gap), and previous(next) has nothing in between", () => {
    fc.assert(
      fc.property(arbitrarySpec, arbitraryInstant, (series, t) => {
        const next = nextOccurrence(series, t);
        expect(next.start > t).toBe(true);
        expect(next.start.weekday).toBe(series.weekday);
        expect(next.date).toBe(next.start.toISODate());
        expect(series.skip).not.toContain(next.date);
        const wall = next.start.toFormat("HH:mm");
        if (wall !== series.time) {
          // Only a nonexistent time may move, forward by exactly the gap.
          const before = next.start.minus({ hours: 3 });
          expect(next.start.offset).toBeGreaterThan(before.offset);
          const configured = DateTime.fromISO(`${next.date}T${series.time}`, { zone: "utc" });
          const shown = DateTime.fromISO(`${next.date}T${wall}`, { zone: "utc" });
          expect(shown.diff(configured, "minutes").minutes).toBe(next.start.offset - before.offset);
        }
        const previous = previousOccurrence(series, next.start);
        if (previous) {
          expect(previous.start < next.start).toBe(true);
          expect(previous.start <= t).toBe(true);
          expect(nextOccurrence(series, previous.start).key).toBe(next.key);
        } else {
          expect(next.date >= (series.anchor ?? "")).toBe(true);
        }
        expect(occurrenceAt(series, next.key)?.key).toBe(next.key);
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it("due is the latest occurrence created by now, and the next one is created after now", () => {
    fc.assert(
      fc.property(arbitrarySpec, arbitraryInstant, (series, now) => {
        const due = dueOccurrence(series, now);
        const { occurrence: pending, createAt } = nextDue(series, now);
        expect(createAt > now).toBe(true);
        expect(creationTime(series, pending).toMillis()).toBe(createAt.toMillis());
        expect(createAt <= pending.start).toBe(true);
        if (due) {
          expect(creationTime(series, due) <= now).toBe(true);
          expect(nextOccurrence(series, due.start).key).toBe(pending.key);
        } else {
          expect(previousOccurrence(series, pending.start)).toBeNull();
        }
      }),
      { numRuns: propertyRuns(400) },
    );
  });
});
