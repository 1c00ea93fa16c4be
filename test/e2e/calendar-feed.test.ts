import { afterEach, describe, expect, it } from "@jest/globals";
import ICAL from "ical.js";
import { calendarToken } from "../../src/calendar/calendar-token.js";
import { closeChecked } from "../helpers/close-checked.js";
import { EXAMPLE_TEMPLATE, REPO, startMeetingWorld, TEMPLATE_PATH, type MeetingWorld } from "../helpers/meeting-world.js";

/*
 * The iCalendar feed a team subscribes to, served on the app's own HTTP server and read back with
 * an independent parser (ical.js, Mozilla's): two series in two zones whose clocks change on
 * different Sundays (Berlin on 2020-10-25, New York on 2020-11-01), a skipped meeting and a moved
 * one, each event at the right UTC instant.
 */

const SECRET = "calendar-secret-for-tests";
const ENV = { PUBLIC_URL: "https://meetings.example.com", CALENDAR_SECRET: SECRET };
const CONFIG = `series:
  - id: berlin
    name: Berlin sync
    default: true
    template: ${TEMPLATE_PATH}
    labels: [meeting]
    schedule: { weekday: friday, time: "18:00", timezone: Europe/Berlin, anchor: 2020-09-04 }
    location:
      default: "[Jitsi](https://meet.example.com/berlin)"
  - id: nyc
    name: New York sync
    template: ${TEMPLATE_PATH}
    labels: [nyc-meeting]
    schedule: { weekday: friday, time: "09:00", timezone: America/New_York, anchor: 2020-09-04 }
`;

let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

async function start(env: Record<string, string> = ENV): Promise<MeetingWorld> {
  const w = await startMeetingWorld(
    "2020-10-16T17:01:00Z",
    (sandbox) => {
      const installation = sandbox.addInstallation({ account: "rust-lang", type: "Organization" });
      sandbox.addRepository(installation.id, "crates-io-cargo-teams", { defaultBranch: "main", private: true });
      sandbox.putFile(REPO, ".github/meeting-bot.yml", CONFIG);
      sandbox.putFile(REPO, TEMPLATE_PATH, EXAMPLE_TEMPLATE);
    },
    { env },
  );
  await w.bot.tick();
  await w.sandbox.webhooksIdle();
  return w;
}

const base = (w: MeetingWorld) => w.webhookUrl.replace("/api/github/webhooks", "");
const token = (series: string) => calendarToken(SECRET, { owner: "rust-lang", repo: "crates-io-cargo-teams" }, series);

async function feed(w: MeetingWorld, path: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${base(w)}/meeting-bot/calendar/${path}`);
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

interface ParsedEvent {
  uid: string;
  start: string;
  end: string;
  zone: string;
  status: string | null;
  url: string | null;
  location: string | null;
  sequence: number;
}

/** The feed's events as ical.js reads them, with every VTIMEZONE the feed carries registered first. */
function parse(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      zone: event.startDate.zone?.tzid ?? "",
      status: (vevent.getFirstPropertyValue("status") as string | null) ?? null,
      url: (vevent.getFirstPropertyValue("url") as string | null) ?? null,
      location: event.location,
      sequence: Number(vevent.getFirstPropertyValue("sequence") ?? 0),
    };
  });
}

const htmlUrl = (w: MeetingWorld, issue: number | undefined) => w.sandbox.issueJson(REPO, issue ?? 0).html_url;

async function say(w: MeetingWorld, issue: number, body: string) {
  w.sandbox.comment(REPO, issue, body, { user: "alice", association: "MEMBER" });
  await w.sandbox.webhooksIdle();
}

describe("the calendar feed", () => {
  it("serves each series in its own zone, DST right across the change in both, skipped meetings cancelled and moved ones moved", async () => {
    world = await start();
    const berlinIssue = world.sandbox.issues(REPO).find((issue) => issue.body?.includes("series=berlin occurrence=2020-10-23"));
    expect(berlinIssue).toBeDefined();
    await say(world, berlinIssue?.number ?? 0, "/meeting skip 2020-10-30");
    await say(world, berlinIssue?.number ?? 0, "/meeting move --series nyc 2020-10-26 10:00");

    const berlin = await feed(world, `rust-lang/crates-io-cargo-teams/berlin.ics?token=${token("berlin")}`);
    expect(berlin.status).toBe(200);
    expect(berlin.type).toBe("text/calendar; charset=utf-8");
    const berlinEvents = new Map(parse(berlin.text).map((event) => [event.uid.slice(0, 10), event]));
    // 18:00 in Berlin: 16:00 UTC in summer time, 17:00 UTC after the clocks went back on 2020-10-25.
    expect(berlinEvents.get("2020-10-16")).toMatchObject({ start: "2020-10-16T16:00:00.000Z", end: "2020-10-16T17:00:00.000Z", zone: "Europe/Berlin", status: "CONFIRMED" });
    expect(berlinEvents.get("2020-10-23")).toMatchObject({ start: "2020-10-23T16:00:00.000Z", url: htmlUrl(world, berlinIssue?.number), location: "Jitsi (https://meet.example.com/berlin)" });
    expect(berlinEvents.get("2020-10-30")).toMatchObject({ start: "2020-10-30T17:00:00.000Z", status: "CANCELLED" });
    expect(berlinEvents.get("2020-11-06")).toMatchObject({ start: "2020-11-06T17:00:00.000Z", status: "CONFIRMED" });
    expect(berlinEvents.get("2021-03-26")).toMatchObject({ start: "2021-03-26T17:00:00.000Z" });
    expect(berlinEvents.get("2021-04-02")).toMatchObject({ start: "2021-04-02T16:00:00.000Z" });

    const nyc = await feed(world, `rust-lang/crates-io-cargo-teams/nyc.ics?token=${token("nyc")}`);
    const nycEvents = new Map(parse(nyc.text).map((event) => [event.uid.slice(0, 10), event]));
    // 09:00 in New York: 13:00 UTC in daylight time, 14:00 UTC from 2020-11-01.
    expect(nycEvents.get("2020-10-16")).toMatchObject({ start: "2020-10-16T13:00:00.000Z", zone: "America/New_York" });
    // Moved from Friday 23rd 09:00 EDT to Monday 26th 10:00 EDT; its identity (UID) stays the regular date.
    expect(nycEvents.get("2020-10-23")).toMatchObject({ start: "2020-10-26T14:00:00.000Z", end: "2020-10-26T15:00:00.000Z" });
    expect(nycEvents.get("2020-10-30")).toMatchObject({ start: "2020-10-30T13:00:00.000Z" });
    expect(nycEvents.get("2020-11-06")).toMatchObject({ start: "2020-11-06T14:00:00.000Z" });
  });

  it("answers 404 without the token, with another series' token, or for a series that does not exist", async () => {
    world = await start();
    for (const path of [
      "rust-lang/crates-io-cargo-teams/berlin.ics",
      `rust-lang/crates-io-cargo-teams/berlin.ics?token=${token("nyc")}`,
      `rust-lang/crates-io-cargo-teams/berlin.ics?token=${token("berlin").slice(0, -1)}x`,
      `rust-lang/crates-io-cargo-teams/weekly.ics?token=${token("weekly")}`,
      `rust-lang/other/berlin.ics?token=${token("berlin")}`,
    ]) {
      expect((await feed(world, path)).status).toBe(404);
    }
  });

  it("serves one meeting as an .ics download, as the {{calendar}} links in the issue say, and /meeting calendar replies with the feed", async () => {
    world = await start();
    const issue = world.sandbox.issues(REPO).find((candidate) => candidate.body?.includes("series=berlin occurrence=2020-10-23"));
    const body = issue?.body ?? "";
    expect(body).toContain("📅 Add to calendar: [Google Calendar](https://calendar.google.com/calendar/render?action=TEMPLATE&text=");
    const download = /\[\.ics\]\(https:\/\/meetings\.example\.com(\/meeting-bot\/calendar\/[^)]+)\)/.exec(body)?.[1] ?? "";
    expect(download).toBe(`/meeting-bot/calendar/rust-lang/crates-io-cargo-teams/berlin/2020-10-23.ics?token=${token("berlin")}`);
    const one = await feed(world, download.replace("/meeting-bot/calendar/", ""));
    expect(parse(one.text)).toEqual([expect.objectContaining({ start: "2020-10-23T16:00:00.000Z", url: htmlUrl(world, issue?.number) })]);

    await say(world, issue?.number ?? 0, "/meeting calendar");
    const reply = world.sandbox.comments(REPO, issue?.number ?? 0).at(-1)?.body ?? "";
    const url = /(https:\/\/meetings\.example\.com\S+\.ics\?token=\S+)/.exec(reply)?.[1] ?? "";
    expect(url).toBe(`https://meetings.example.com/meeting-bot/calendar/rust-lang/crates-io-cargo-teams/berlin.ics?token=${token("berlin")}`);
    expect((await feed(world, url.replace("https://meetings.example.com/meeting-bot/calendar/", ""))).status).toBe(200);
  });

  it("without PUBLIC_URL: {{calendar}} is the Google Calendar link alone, /meeting calendar says why there is no feed, and the route serves none", async () => {
    world = await start({ CALENDAR_SECRET: SECRET });
    const issue = world.sandbox.issues(REPO).find((candidate) => candidate.body?.includes("series=berlin occurrence=2020-10-23"));
    const line = (issue?.body ?? "").split("\n").find((text) => text.includes("**Calendar:**")) ?? "";
    expect(line).toMatch(/^- \*\*Calendar:\*\* 📅 Add to calendar: \[Google Calendar\]\(https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&text=[^)]+\)$/);

    const command = world.sandbox.comment(REPO, issue?.number ?? 0, "/meeting calendar", { user: "alice", association: "MEMBER" });
    await world.sandbox.webhooksIdle();
    const comments = world.sandbox.comments(REPO, issue?.number ?? 0);
    expect(comments.find((comment) => comment.id === command.id)?.reactions.map((reaction) => reaction.content)).toEqual(["confused"]);
    expect(comments.at(-1)?.body).toMatch(/^This meeting-bot has no public URL, so it serves no calendar feed: its operator can set `PUBLIC_URL`/);

    // Nobody was given a feed URL, and none is served, even with the right token.
    expect((await feed(world, `rust-lang/crates-io-cargo-teams/berlin.ics?token=${token("berlin")}`)).status).toBe(404);
    expect((await feed(world, `rust-lang/crates-io-cargo-teams/berlin/2020-10-23.ics?token=${token("berlin")}`)).status).toBe(404);
  });

  it("an event's SEQUENCE grows with every change of its meeting (skip, unskip, move), so subscribed calendars take each one", async () => {
    world = await start();
    const issue = world.sandbox.issues(REPO).find((candidate) => candidate.body?.includes("series=berlin occurrence=2020-10-23"))?.number ?? 0;
    const seen: Array<[string | null, number, string]> = [];
    const look = async () => {
      world?.clock.advance({ minutes: 6 }); // past the feed's five-minute cache
      const event = parse((await feed(world as MeetingWorld, `rust-lang/crates-io-cargo-teams/berlin.ics?token=${token("berlin")}`)).text).find((candidate) => candidate.uid.startsWith("2020-10-30"));
      seen.push([event?.status ?? null, event?.sequence ?? -1, event?.start ?? ""]);
    };
    await look();
    await say(world, issue, "/meeting skip 2020-10-30");
    await look();
    await say(world, issue, "/meeting unskip 2020-10-30");
    await look();
    await say(world, issue, "/meeting skip 2020-10-30");
    await look();
    await say(world, issue, "/meeting unskip 2020-10-30");
    await look();
    // A move is a change too: the meeting of the 23rd, moved twice.
    await say(world, issue, "/meeting move 2020-10-22");
    await say(world, issue, "/meeting move 2020-10-21");
    world.clock.advance({ minutes: 6 });
    const moved = parse((await feed(world, `rust-lang/crates-io-cargo-teams/berlin.ics?token=${token("berlin")}`)).text).find((candidate) => candidate.uid.startsWith("2020-10-23"));
    expect(moved).toMatchObject({ start: "2020-10-21T16:00:00.000Z", sequence: 2 });
    expect(seen).toEqual([
      ["CONFIRMED", 0, "2020-10-30T17:00:00.000Z"],
      ["CANCELLED", 1, "2020-10-30T17:00:00.000Z"],
      ["CONFIRMED", 2, "2020-10-30T17:00:00.000Z"],
      ["CANCELLED", 3, "2020-10-30T17:00:00.000Z"],
      ["CONFIRMED", 4, "2020-10-30T17:00:00.000Z"],
    ]);
  });
});
