import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { DateTime, IANAZone } from "luxon";
import { memoizedZone } from "../../src/core/memoized-zone.js";
import { propertyRuns } from "../helpers/property-runs.js";

const zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "Pacific/Apia"];

describe("memoizedZone", () => {
  it.each([
    // One second either side of real transitions.
    ["Europe/Berlin", "2024-03-31T01:00:00Z", 60, 120],
    ["Europe/Berlin", "2024-10-27T01:00:00Z", 120, 60],
    ["America/New_York", "2024-03-10T07:00:00Z", -300, -240],
    ["Australia/Lord_Howe", "2024-10-05T15:30:00Z", 630, 660],
    // Samoa skipped 2011-12-30 entirely: a 24-hour jump.
    ["Pacific/Apia", "2011-12-30T10:00:00Z", -600, 840],
  ])("%s around %s", (name, transition, before, after) => {
    const at = DateTime.fromISO(transition, { zone: "utc" }).toMillis();
    const zone = memoizedZone(name);
    expect(zone.offset(at - 1)).toBe(before);
    expect(zone.offset(at)).toBe(after);
    // Asked again: answered from the memo, same result.
    expect([zone.offset(at - 1000), zone.offset(at + 1000)]).toEqual([before, after]);
  });

  it("keeps the zone's type and name, so DateTimes built with it look like any other", () => {
    const zone = memoizedZone("Europe/Berlin");
    const dt = DateTime.fromMillis(0, { zone });
    expect(dt.zoneName).toBe("Europe/Berlin");
    expect(zone.equals(IANAZone.create("Europe/Berlin"))).toBe(true);
    expect(memoizedZone("Europe/Berlin")).toBe(zone);
  });

  it("agrees with luxon's IANAZone everywhere", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (name, ts) => {
          expect(memoizedZone(name).offset(ts)).toBe(IANAZone.create(name).offset(ts));
        },
      ),
      { numRuns: propertyRuns(2000) },
    );
  });
});
