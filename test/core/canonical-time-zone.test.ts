import { describe, expect, it } from "@jest/globals";
import { canonicalTimeZone } from "../../src/core/canonical-time-zone.js";
import { ScheduleError } from "../../src/core/schedule-error.js";

describe("canonicalTimeZone", () => {
  it.each([
    ["Europe/Berlin", "Europe/Berlin"],
    ["europe/berlin", "Europe/Berlin"],
    ["UTC", "UTC"],
    // Kept as configured, although Intl's canonical name is the older Asia/Calcutta.
    ["Asia/Kolkata", "Asia/Kolkata"],
    ["Europe/Kyiv", "Europe/Kyiv"],
    ["America/New_York", "America/New_York"],
  ])("%s → %s", (name, expected) => {
    expect(canonicalTimeZone(name)).toBe(expected);
  });

  it.each([
    ["Europe/Berln", 'unknown time zone "Europe/Berln" (did you mean "Europe/Berlin"?): use an IANA name such as Europe/Berlin, America/New_York or UTC'],
    ["america/new york", 'unknown time zone "america/new york" (did you mean "America/New_York"?)'],
    ["CEST", 'unknown time zone "CEST": use an IANA name'],
    ["", 'unknown time zone "": use an IANA name'],
  ])("rejects %j", (name, message) => {
    expect(() => canonicalTimeZone(name, "timezones[1]")).toThrow(ScheduleError);
    expect(() => canonicalTimeZone(name)).toThrow(message);
    try {
      canonicalTimeZone(name, "timezones[1]");
    } catch (error) {
      expect((error as ScheduleError).field).toBe("timezones[1]");
    }
  });
});
