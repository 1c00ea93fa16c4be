import { describe, expect, it } from "@jest/globals";
import { DateTime } from "luxon";
import { ScheduleError } from "../../src/core/schedule-error.js";
import { formatMeetingDate, formatMeetingTime, timeAndDateUrl, timeZoneList, zoneTable } from "../../src/core/time-zone-table.js";

// Meeting #001 of the reference team: Friday, September 11, 2020, 20:30 UTC.
const start = DateTime.fromISO("2020-09-11T20:30:00Z", { zone: "UTC" });
const winter = DateTime.fromISO("2020-12-11T20:30:00Z", { zone: "UTC" });

describe("formatMeetingDate", () => {
  it.each([
    ["UTC", "Friday, September 11, 2020"],
    ["America/Los_Angeles", "Friday, September 11, 2020"],
    ["Asia/Kolkata", "Saturday, September 12, 2020"],
  ])("in %s: %s", (zone, expected) => {
    expect(formatMeetingDate(start.setZone(zone))).toBe(expected);
  });

  it("is English whatever the DateTime's locale", () => {
    expect(formatMeetingDate(start.setLocale("de-DE"))).toBe("Friday, September 11, 2020");
  });
});

describe("formatMeetingTime", () => {
  it.each([
    [start, "UTC", "20:30 UTC"],
    [start, "America/Los_Angeles", "13:30 PDT"],
    [winter, "America/Los_Angeles", "12:30 PST"],
    [start, "America/New_York", "16:30 EDT"],
    [start, "Europe/Berlin", "22:30 CEST"],
    [winter, "Europe/Berlin", "21:30 CET"],
    [start, "Europe/London", "21:30 BST"],
    [winter, "Europe/London", "20:30 GMT"],
    [start, "Australia/Sydney", "06:30 AEST"],
    [winter, "Australia/Sydney", "07:30 AEDT"],
    [start, "Europe/Moscow", "23:30 UTC+3 (Europe/Moscow)"],
    [start, "Asia/Kolkata", "02:00 IST"],
    [start, "Asia/Kathmandu", "02:15 UTC+5:45 (Asia/Kathmandu)"],
    [start, "America/Santiago", "17:30 UTC-3 (America/Santiago)"],
    [start, "Pacific/Auckland", "08:30 NZST"],
  ])("%s in %s: %s", (instant, zone, expected) => {
    expect(formatMeetingTime(instant.setZone(zone))).toBe(expected);
  });
});

describe("timeZoneList", () => {
  it("lists the start in each configured zone, in order, with the local date", () => {
    expect(timeZoneList(start, ["America/Los_Angeles", "UTC", "Europe/Berlin", "Asia/Kolkata", "Pacific/Auckland"])).toBe(
      [
        "- **America/Los_Angeles:** Friday, September 11, 2020, 13:30 PDT",
        "- **UTC:** Friday, September 11, 2020, 20:30 UTC",
        "- **Europe/Berlin:** Friday, September 11, 2020, 22:30 CEST",
        "- **Asia/Kolkata:** Saturday, September 12, 2020, 02:00 IST",
        "- **Pacific/Auckland:** Saturday, September 12, 2020, 08:30 NZST",
      ].join("\n"),
    );
  });

  it("follows DST per zone: the southern hemisphere moves the other way", () => {
    expect(timeZoneList(winter, ["Europe/Berlin", "Australia/Sydney"])).toBe(
      [
        "- **Europe/Berlin:** Friday, December 11, 2020, 21:30 CET",
        "- **Australia/Sydney:** Saturday, December 12, 2020, 07:30 AEDT",
      ].join("\n"),
    );
  });

  it("does not depend on the zone the start is expressed in", () => {
    expect(timeZoneList(start.setZone("Asia/Tokyo"), ["UTC"])).toBe("- **UTC:** Friday, September 11, 2020, 20:30 UTC");
  });

  it("repairs the letter case of a zone name", () => {
    expect(timeZoneList(start, ["europe/berlin"])).toBe("- **Europe/Berlin:** Friday, September 11, 2020, 22:30 CEST");
  });

  it("is empty for no zones", () => {
    expect(timeZoneList(start, [])).toBe("");
  });

  it("names the bad zone and its position", () => {
    expect(() => timeZoneList(start, ["UTC", "Europe/Berln"])).toThrow(ScheduleError);
    expect(() => timeZoneList(start, ["UTC", "Europe/Berln"])).toThrow('unknown time zone "Europe/Berln" (did you mean "Europe/Berlin"?)');
    try {
      timeZoneList(start, ["UTC", "Europe/Berln"]);
    } catch (error) {
      expect((error as ScheduleError).field).toBe("timezones[1]");
    }
  });
});

describe("zoneTable", () => {
  it("renders a Markdown table", () => {
    expect(zoneTable(start, ["America/Los_Angeles", "Asia/Kolkata"])).toBe(
      [
        "| Time zone | Local time |",
        "| --- | --- |",
        "| America/Los_Angeles | Friday, September 11, 2020, 13:30 PDT |",
        "| Asia/Kolkata | Saturday, September 12, 2020, 02:00 IST |",
      ].join("\n"),
    );
  });

  it("is empty for no zones", () => {
    expect(zoneTable(start, [])).toBe("");
  });
});

describe("timeAndDateUrl", () => {
  it.each([
    [start, undefined, "https://www.timeanddate.com/worldclock/fixedtime.html?iso=20200911T2030&p1=1440"],
    [start.setZone("Europe/Berlin"), undefined, "https://www.timeanddate.com/worldclock/fixedtime.html?iso=20200911T2030&p1=1440"],
    [
      start,
      "Crates.io Weekly Team Meeting #001",
      "https://www.timeanddate.com/worldclock/fixedtime.html?iso=20200911T2030&p1=1440&msg=Crates.io%20Weekly%20Team%20Meeting%20%23001",
    ],
    [start, "a&b=c", "https://www.timeanddate.com/worldclock/fixedtime.html?iso=20200911T2030&p1=1440&msg=a%26b%3Dc"],
    [start, "", "https://www.timeanddate.com/worldclock/fixedtime.html?iso=20200911T2030&p1=1440"],
  ])("%s, title %j", (instant, title, expected) => {
    expect(timeAndDateUrl(instant, title)).toBe(expected);
  });

  it("rejects an invalid DateTime", () => {
    expect(() => timeAndDateUrl(DateTime.invalid("test"))).toThrow(ScheduleError);
  });
});
