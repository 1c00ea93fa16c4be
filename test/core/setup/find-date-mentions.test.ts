import { describe, expect, it } from "@jest/globals";
import { DateTime } from "luxon";
import { findDates, findTimeAndDateLinks, findTimes, findZoneNames } from "../../../src/core/setup/find-date-mentions.js";

const dates = (text: string) => findDates(text).map(({ date, format }) => [date, format]);
const times = (text: string) => findTimes(text).map(({ time, zone }) => (zone ? `${time} ${zone}` : time));

describe("findDates", () => {
  it.each([
    ["Friday, September 11, 2020, 2030 UTC", "2020-09-11", "cccc, LLLL d, yyyy"],
    ["on Sep 11 2020", "2020-09-11", "LLL d yyyy"],
    ["Fri, Sept. 4th, 2020", "2020-09-04", "ccc, LLL d, yyyy"],
    ["Thursday 5 March 2026", "2026-03-05", "cccc d LLLL yyyy"],
    ["Donnerstag? no: 05.03.2026", "2026-03-05", "dd.MM.yyyy"],
    ["Docs sync 2026-01-08", "2026-01-08", "yyyy-MM-dd"],
    ["notes/2026/01/08", "2026-01-08", "yyyy/MM/dd"],
    ["1. May 2026", "2026-05-01", "d. LLLL yyyy"],
  ])("%s", (text, date, format) => {
    expect(dates(text)).toEqual([[date, format]]);
  });

  it("writes each date back as it was written, so a template can keep the team's style", () => {
    for (const text of ["Friday, September 11, 2020", "Sep 11 2020", "05.03.2026", "2026-01-08", "Thursday 5 March 2026"]) {
      const [mention] = findDates(text);
      if (!mention) throw new Error(`no date in ${text}`);
      expect(DateTime.fromISO(mention.date).setLocale("en-US").toFormat(mention.format)).toBe(text);
    }
  });

  it("skips impossible and ambiguous dates, and versions", () => {
    expect(dates("February 30, 2026; 2026-13-01; 09/11/2020; v1.2.2026")).toEqual([]);
  });
});

describe("findTimes", () => {
  it("reads 24-hour and 12-hour times with the zone written after them", () => {
    expect(times("20:30 UTC")).toEqual(["20:30 UTC"]);
    expect(times("at 2030 UTC (1430 UTC before)")).toEqual(["20:30 UTC", "14:30 UTC"]);
    expect(times("9am PT / 12pm ET")).toEqual(["09:00 America/Los_Angeles", "12:00 America/New_York"]);
    expect(times("8:30 p.m. (CET)")).toEqual(["20:30 Europe/Berlin"]);
    expect(times("10:00 Europe/Berlin")).toEqual(["10:00 Europe/Berlin"]);
    expect(times("16:00, room 4")).toEqual(["16:00"]);
  });

  it("does not read years, dates or bare numbers as times", () => {
    expect(times("Friday, September 11, 2020 and 2026-01-08, 1430 people")).toEqual([]);
  });
});

describe("zones and links", () => {
  it("finds IANA zone names, skipping unknown ones", () => {
    expect(findZoneNames("All times in America/New_York (not Europe/Atlantis)")).toEqual(["America/New_York"]);
  });

  it("reads timeanddate.com links; p1=1440 is UTC", () => {
    const text = "[convert](https://www.timeanddate.com/worldclock/fixedtime.html?msg=Sync&iso=20260305T1500&p1=1440) or https://timeanddate.com/worldclock/fixedtime.html?iso=20260305T1000&p1=179";
    expect(findTimeAndDateLinks(text).map(({ local, zone }) => [local, zone])).toEqual([
      ["2026-03-05T15:00", "UTC"],
      ["2026-03-05T10:00", undefined],
    ]);
  });

  it.each([
    ["the hour alone", "https://www.timeanddate.com/worldclock/fixedtime.html?msg=Board+call&iso=20260305T17&p1=1440&ah=1", "2026-03-05T17:00", "UTC"],
    ["hours and minutes, no place (UTC)", "See [your time](http://www.timeanddate.com/worldclock/fixedtime.html?msg=Review&iso=20260305T1430).", "2026-03-05T14:30", "UTC"],
    ["with seconds", "<https://www.timeanddate.com/worldclock/fixedtime.html?iso=20260305T143000&p1=1440>", "2026-03-05T14:30", "UTC"],
    ["iso first, msg last", "https://timeanddate.com/worldclock/fixedtime.html?iso=20260305T0930&p1=1440&msg=Team%20meeting", "2026-03-05T09:30", "UTC"],
    ["HTML-escaped ampersands", "https://www.timeanddate.com/worldclock/fixedtime.html?msg=x&amp;iso=20260305T0930&amp;p1=1440", "2026-03-05T09:30", "UTC"],
    ["with separators", "https://www.timeanddate.com/worldclock/fixedtime.html?iso=2026-03-05T09:30&p1=1440", "2026-03-05T09:30", "UTC"],
    ["without /worldclock/", "https://www.timeanddate.com/fixedtime.html?iso=20260305T0930&p1=1440", "2026-03-05T09:30", "UTC"],
    ["the converter, several places", "[in your zone](https://www.timeanddate.com/worldclock/converter.html?iso=20260305T160000&p1=1440&p2=37&p3=136)", "2026-03-05T16:00", "UTC"],
    ["the converter from another place", "https://www.timeanddate.com/worldclock/converter.html?iso=20260305T080000&p1=224&p2=1440", "2026-03-05T08:00", undefined],
    ["the meeting planner's details", "https://www.timeanddate.com/worldclock/meetingdetails.html?year=2026&month=3&day=5&hour=9&min=0&sec=0&p1=1440&p2=37", "2026-03-05T09:00", "UTC"],
    ["a place, not UTC", "https://www.timeanddate.com/worldclock/fixedtime.html?iso=20260305T10&p1=179", "2026-03-05T10:00", undefined],
  ])("reads %s", (_name, text, local, zone) => {
    expect(findTimeAndDateLinks(text).map((link) => [link.local, link.zone])).toEqual([[local, zone]]);
  });

  it("skips links that give no time, or an impossible one", () => {
    expect(findTimeAndDateLinks("https://www.timeanddate.com/worldclock/fixedtime.html?msg=Soon&p1=1440 and https://www.timeanddate.com/worldclock/fixedtime.html?iso=20260231T10")).toEqual([]);
    expect(findTimeAndDateLinks("https://www.timeanddate.com/worldclock/meetingdetails.html?year=2026&month=13&day=5&hour=9")).toEqual([]);
  });
});
