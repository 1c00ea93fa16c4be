import { describe, expect, it } from "@jest/globals";
import { DateTime } from "luxon";
import { chooseLocation } from "../../src/core/choose-location.js";
import type { LocationContext, LocationSpec, LocationWhen } from "../../src/core/choose-location.js";
import { nextOccurrence, previousOccurrence } from "../../src/core/schedule.js";
import type { ScheduleSpec } from "../../src/core/schedule.js";

function schedule(overrides: Partial<ScheduleSpec> = {}): ScheduleSpec {
  return {
    weekday: 5,
    time: "20:30",
    timezone: "UTC",
    durationMinutes: 60,
    everyWeeks: 1,
    anchor: "2020-01-03",
    skip: [],
    creation: {},
    ...overrides,
  };
}

/** The context the planner builds for the meeting on `date`. */
function context(spec: ScheduleSpec, date: string, meetingNumber = 1): LocationContext {
  const occurrence = nextOccurrence(spec, DateTime.fromISO(date, { zone: spec.timezone }).minus({ milliseconds: 1 }));
  expect(occurrence.date).toBe(date);
  return {
    occurrence,
    previous: previousOccurrence(spec, occurrence.start),
    next: nextOccurrence(spec, occurrence.start),
    meetingNumber,
  };
}

const only = (when: LocationWhen): LocationSpec => ({ default: "Discord", rules: [{ when, location: "Zoom" }] });

describe("chooseLocation", () => {
  // The reference team decided: the first meeting of the month on Zoom, the others on Discord.
  const team = only("first-of-month");

  it.each([
    ["first Friday of September", schedule(), "2020-09-04", "Zoom"],
    ["second Friday", schedule(), "2020-09-11", "Discord"],
    ["last Friday of September", schedule(), "2020-09-25", "Discord"],
    ["first Friday of October", schedule(), "2020-10-02", "Zoom"],
    ["first Friday skipped: the second one is the first meeting", schedule({ skip: ["2020-10-02"] }), "2020-10-09", "Zoom"],
    ["fortnightly: the first meeting of October falls on the 9th", schedule({ anchor: "2020-09-11", everyWeeks: 2 }), "2020-10-09", "Zoom"],
    ["fortnightly: the 23rd is not", schedule({ anchor: "2020-09-11", everyWeeks: 2 }), "2020-10-23", "Discord"],
    ["the very first meeting of a series", schedule({ anchor: "2020-09-18" }), "2020-09-18", "Zoom"],
    [
      "months of the meeting's local date, not UTC",
      // Friday 2020-05-01 00:30 in Auckland is Thursday 2020-04-30 12:30 UTC: still May's first meeting.
      schedule({ timezone: "Pacific/Auckland", time: "00:30", anchor: "2020-04-03" }),
      "2020-05-01",
      "Zoom",
    ],
  ])("first-of-month: %s", (_, spec, date, expected) => {
    expect(chooseLocation(team, context(spec, date))).toBe(expected);
  });

  it.each([
    ["last Friday of September", schedule(), "2020-09-25", "Zoom"],
    ["the one before", schedule(), "2020-09-18", "Discord"],
    ["last Friday skipped: the one before is the last", schedule({ skip: ["2020-09-25"] }), "2020-09-18", "Zoom"],
  ])("last-of-month: %s", (_, spec, date, expected) => {
    expect(chooseLocation(only("last-of-month"), context(spec, date))).toBe(expected);
  });

  it.each([
    [1, "2020-10-02", "Zoom"],
    [1, "2020-10-09", "Discord"],
    [2, "2020-10-09", "Zoom"],
    [2, "2020-10-14", "Zoom"],
    [2, "2020-10-15", "Discord"],
    [5, "2020-10-29", "Zoom"],
    [5, "2020-10-30", "Zoom"],
    [4, "2020-10-30", "Discord"],
  ])("weekOfMonth %i on %s → %s", (weekOfMonth, date, expected) => {
    const weekday = DateTime.fromISO(date).weekday as ScheduleSpec["weekday"];
    const spec = schedule({ weekday, anchor: date });
    expect(chooseLocation(only({ weekOfMonth }), context(spec, date))).toBe(expected);
  });

  it.each<[LocationWhen, number[]]>([
    [{ everyNthMeeting: 4 }, [4, 8]],
    [{ everyNthMeeting: 4, offset: 0 }, [4, 8]],
    [{ everyNthMeeting: 4, offset: 1 }, [1, 5, 9]],
    [{ everyNthMeeting: 3, offset: 2 }, [2, 5, 8]],
    [{ everyNthMeeting: 1 }, [1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ])("%j picks meetings %j of #1…#9", (when, expected) => {
    const spec = schedule();
    const zoom = [1, 2, 3, 4, 5, 6, 7, 8, 9].filter(
      (meetingNumber) => chooseLocation(only(when), { ...context(spec, "2020-09-04"), meetingNumber }) === "Zoom",
    );
    expect(zoom).toEqual(expected);
  });

  it("the first matching rule wins; no match gives the default", () => {
    const spec: LocationSpec = {
      default: "Discord",
      rules: [
        { when: "first-of-month", location: "Zoom" },
        { when: { everyNthMeeting: 2 }, location: "Jitsi" },
      ],
    };
    expect(chooseLocation(spec, context(schedule(), "2020-10-02", 2))).toBe("Zoom");
    expect(chooseLocation(spec, context(schedule(), "2020-10-09", 2))).toBe("Jitsi");
    expect(chooseLocation(spec, context(schedule(), "2020-10-16", 3))).toBe("Discord");
    expect(chooseLocation({ default: "TBA", rules: [] }, context(schedule(), "2020-10-02"))).toBe("TBA");
  });

  it("rejects everyNthMeeting below 1", () => {
    expect(() => chooseLocation(only({ everyNthMeeting: 0 }), context(schedule(), "2020-10-02"))).toThrow(RangeError);
  });
});
