import { afterEach, describe, expect, it } from "@jest/globals";
import { agendaItems } from "../../src/core/apply-agenda-commands.js";
import { closeChecked } from "../helpers/close-checked.js";
import { CONFIG, REPO, seedCratesIo, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";

/*
 * `/agenda` targets the next meeting that has not started. While meeting #002 runs (Friday
 * 20:30–21:30 UTC), that is #003, whose issue is due only when #002 ends. A command then opens
 * #003 early, but #002 is still being written: its items are carried, and it is linked and
 * closed, at #003's creation time, so nothing the team writes during the meeting is lost.
 */

const AFTER_001 = "2020-09-11T21:31:00Z";
const DURING_002 = "2020-09-18T20:45:00Z";
const AFTER_002 = "2020-09-18T21:31:00Z";
const DISCORD = "Try to nail down the next zoom meeting through Discord";
const ZOOM = "Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings";
// #001's TODOs outside its Action Items, collected into #002 (README: Calls to action) and carried from there like any item.
const TODOS = [
  "Need to figure out how to better handle large bursts of download requests … maybe generate a cache to buffer requests?",
  "create and propose a meeting structure template optimized for note taking",
  "create and propose a meeting notes structure",
  "create documentation on how new developers can setup their environments and develop",
].map((text) => `${text} _(from Outcomes in #1)_`);

let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

const meetings = (w: MeetingWorld) => w.sandbox.issues(REPO).filter((issue) => issue.labels.some((label) => label.name === "meeting"));
const section = (w: MeetingWorld, issue: number, name: string) => agendaItems(w.sandbox.issue(REPO, issue).body ?? "", name).map((item) => item.text.replace(/\s*<!--[^]*?-->$/, "").trimEnd());
const botComments = (w: MeetingWorld, issue: number) => w.sandbox.comments(REPO, issue).filter((comment) => comment.user.login === "meeting-bot[bot]");

/** #002 (issue #2) exists; issue #3 is a discussion; the clock is in the middle of meeting #002. */
async function duringMeeting002(config = CONFIG, created = AFTER_001): Promise<MeetingWorld> {
  const w = await startMeetingWorld(created, (sandbox) => seedCratesIo(sandbox, { config }));
  await w.bot.tick();
  w.sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "", user: "carol" });
  await w.sandbox.webhooksIdle();
  w.clock.set(DURING_002);
  return w;
}

async function say(w: MeetingWorld, issue: number, body: string) {
  w.sandbox.comment(REPO, issue, body, { user: "alice", association: "MEMBER" });
  await w.sandbox.webhooksIdle();
}

/** During the meeting the notetaker ticks one action item off and adds a new one. */
function takeNotes(w: MeetingWorld) {
  const body = w.sandbox.issue(REPO, 2).body ?? "";
  if (!body.includes(`- [ ] ${DISCORD}`)) throw new Error("#002 should carry the Discord item");
  // The whole line: its hidden carried-count marker stays with the item it counts. (The agenda has
  // the item too, collected from #001's NEXT WEEK MEETING:, without that marker.)
  const line = new RegExp(`^- \\[ \\] ${DISCORD} <!-- meeting-bot:carried.*$`, "m");
  w.sandbox.editIssue(REPO, 2, { body: body.replace(line, (done) => `${done.replace("- [ ]", "- [x]")}\n- [ ] Alice writes the release notes`) }, { user: "dave" });
}

describe("an /agenda command during a meeting opens the next issue early; its carry-over waits for the meeting to end", () => {
  it("opens #003 with the item at once, leaves #002 alone, and carries #002's items as they are when it ends", async () => {
    world = await duringMeeting002();
    await say(world, 3, "/agenda add Decide on the 2.0 date");

    expect(meetings(world).map((issue) => issue.title)).toEqual([
      "Crates.io Weekly Team Meeting #001",
      "Crates.io Weekly Team Meeting #002",
      "Crates.io Weekly Team Meeting #003",
    ]);
    expect(section(world, 4, "Proposed Agenda")).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(section(world, 4, "Action Items")).toEqual([]);
    expect(world.sandbox.issue(REPO, 4).body).toContain("**Previous meeting:** #2");
    expect(world.sandbox.issue(REPO, 4).body).toContain("<!-- meeting-bot:series=weekly occurrence=2020-09-25T20:30:00Z previous=2 carry=later -->");
    expect(world.sandbox.issue(REPO, 2).state).toBe("open");
    expect(botComments(world, 2)).toEqual([]);

    takeNotes(world);
    await world.bot.tick(); // still during the meeting: nothing changes
    expect(section(world, 4, "Action Items")).toEqual([]);
    expect(world.sandbox.issue(REPO, 2).state).toBe("open");

    world.clock.set(AFTER_002);
    await world.bot.tick();
    await world.sandbox.webhooksIdle();
    const body = world.sandbox.issue(REPO, 4).body ?? "";
    expect(section(world, 4, "Action Items")).toEqual(["Alice writes the release notes", ZOOM, ...TODOS]);
    expect(body).not.toContain(DISCORD);
    expect(section(world, 4, "Proposed Agenda")).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(body.trimEnd().endsWith("<!-- meeting-bot:series=weekly occurrence=2020-09-25T20:30:00Z previous=2 -->")).toBe(true);
    expect(body).not.toContain("carry=later");
    expect(world.sandbox.issue(REPO, 2).state).toBe("closed");
    expect(botComments(world, 2).map((comment) => comment.body)).toEqual([expect.stringContaining("Next meeting: #4")]);
    expect(world.logs.some((line) => line.msg === "carried 6 unfinished items from #2 into #4, opened before its creation time")).toBe(true);

    // Done once: later ticks and commands write nothing more to #004's carried sections.
    world.sandbox.resetLog();
    world.clock.set("2020-09-18T22:00:00Z");
    await world.bot.tick();
    expect(world.sandbox.requests.filter((request) => request.method !== "GET")).toEqual([]);
    await say(world, 3, "/agenda add Benchmarks");
    expect(section(world, 4, "Action Items")).toEqual(["Alice writes the release notes", ZOOM, ...TODOS]);
    expect(section(world, 4, "Proposed Agenda")).toEqual(["Decide on the 2.0 date (@alice, from #3)", "Benchmarks (@alice, from #3)"]);
  });

  it("with `creation.daysBefore: 3`, a command right after the meeting opens the next issue; the carry-over comes at the creation time", async () => {
    // #002's issue was opened Tuesday 09:00, three days before the meeting.
    world = await duringMeeting002(CONFIG.replace("\n    timezones:", '\n    creation:\n      daysBefore: 3\n      time: "09:00"\n    timezones:'), "2020-09-15T09:01:00Z");
    world.clock.set("2020-09-19T10:00:00Z"); // Saturday: #003's issue is due Tuesday 09:00
    takeNotes(world);
    await say(world, 3, "/agenda add Decide on the 2.0 date");
    expect(section(world, 4, "Action Items")).toEqual([]);
    expect(world.sandbox.issue(REPO, 2).state).toBe("open");

    world.clock.set("2020-09-22T09:00:00Z");
    await world.bot.tick();
    expect(section(world, 4, "Action Items")).toEqual(["Alice writes the release notes", ZOOM, ...TODOS]);
    expect(world.sandbox.issue(REPO, 2).state).toBe("closed");
  });

  it("the app down over #003's creation time and #004's: the catch-up finishes #003 first, so the items travel #002 → #003 → #004", async () => {
    world = await duringMeeting002();
    await say(world, 3, "/agenda add Decide on the 2.0 date");
    takeNotes(world);
    world.clock.set("2020-09-25T21:31:00Z"); // #004's issue is due; #003's creation time passed unseen
    await world.bot.tick();
    await world.sandbox.webhooksIdle();
    const titles = meetings(world).map((issue) => issue.title);
    expect(titles).toEqual([1, 2, 3, 4].map((n) => `Crates.io Weekly Team Meeting #00${n}`));
    const fourth = meetings(world)[3]?.number ?? 0;
    expect(section(world, 4, "Action Items")).toEqual(["Alice writes the release notes", ZOOM, ...TODOS]);
    // Carried #001 → #002 → #003 → #004: three meetings, flagged (carryOver.flagAfter, default 3).
    expect(section(world, fourth, "Action Items")).toEqual(["Alice writes the release notes", `${ZOOM} _(carried 3×)_`, ...TODOS]);
    expect(world.sandbox.issue(REPO, fourth).body).toContain(`### Action Items\n\n> **Carried 3 meetings or more**: do it, drop it, or open an issue for it.\n> - ${ZOOM.slice(0, 99)}… (3×)\n`);
    expect(world.sandbox.issue(REPO, 2).state).toBe("closed");
    expect(world.sandbox.issue(REPO, 4).state).toBe("closed");
  });

  it("the agenda label during the meeting: the same early issue, the same carry-over later", async () => {
    world = await duringMeeting002();
    world.sandbox.editIssue(REPO, 3, { labels: ["meeting-agenda"] }, { user: "alice" });
    await world.sandbox.webhooksIdle();
    // Listed as a new issue lists every labelled thread: credited to its author.
    expect(section(world, 4, "Proposed Agenda")).toEqual(["#3 Release plan for 2.0 (@carol)"]);
    takeNotes(world);
    world.clock.set(AFTER_002);
    await world.bot.tick();
    expect(section(world, 4, "Action Items")).toEqual(["Alice writes the release notes", ZOOM, ...TODOS]);
    expect(section(world, 4, "Proposed Agenda")).toEqual(["#3 Release plan for 2.0 (@carol)"]);
  });
});
