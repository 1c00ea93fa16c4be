import { afterEach, describe, expect, it } from "@jest/globals";
import { agendaItems } from "../../src/core/apply-agenda-commands.js";
import { parseMarkers } from "../../src/core/markers.js";
import { startLocalApp } from "../../src/demo/start-local-app.js";
import type { AuthorAssociation } from "../../src/sandbox/state.js";
import { captureLog } from "../helpers/capture-log.js";
import { closeChecked } from "../helpers/close-checked.js";
import { CONFIG, REPO, seedCratesIo, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";
import { postConcurrently } from "../helpers/post-deliveries.js";
import { notCollectedFrom001 } from "../helpers/collected-from-001.js";

/*
 * `/meeting skip|unskip|cancel|move|help` over HTTP against the sandbox. The crates.io series
 * meets on Fridays at 20:30 UTC; #001 (issue #1, hand-made) was on 2020-09-11, and the app opens
 * the next issue when the previous meeting ends. In these worlds #002 (issue #2) is the upcoming
 * meeting, on 2020-09-18, and issue #3 is a discussion.
 */

const AFTER_001 = "2020-09-11T21:31:00Z";
const ENV = { PUBLIC_URL: "https://meetings.example.com", CALENDAR_SECRET: "calendar-secret-for-tests" };

let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

async function withUpcomingMeeting(config = CONFIG, start = AFTER_001): Promise<MeetingWorld> {
  const w = await startMeetingWorld(start, (sandbox) => seedCratesIo(sandbox, { config }), { env: ENV });
  await w.bot.tick();
  w.sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "Let's talk.", user: "carol" });
  await w.sandbox.webhooksIdle();
  return w;
}

async function say(w: MeetingWorld, issue: number, body: string, user = "alice", association: AuthorAssociation = "MEMBER") {
  const comment = w.sandbox.comment(REPO, issue, body, { user, association });
  await w.sandbox.webhooksIdle();
  return comment;
}

const meetings = (w: MeetingWorld) => w.sandbox.issues(REPO).filter((issue) => issue.labels.some((label) => label.name === "meeting"));
const titles = (w: MeetingWorld) => meetings(w).map((issue) => issue.title);
const bodyOf = (w: MeetingWorld, issue: number) => w.sandbox.issue(REPO, issue).body ?? "";
const items = (w: MeetingWorld, issue: number, section: string) =>
  agendaItems(bodyOf(w, issue), section).map((item) => item.text.replace(/\s*<!--[^]*?-->$/, "").replace(/\s*_\(carried \d+×\)_$/, "")).filter(notCollectedFrom001);
const botComments = (w: MeetingWorld, issue: number) => w.sandbox.comments(REPO, issue).filter((comment) => comment.user.login === "meeting-bot[bot]").map((comment) => comment.body);
const reactionsOn = (w: MeetingWorld, issue: number, id: number) => w.sandbox.comments(REPO, issue).find((comment) => comment.id === id)?.reactions.map((reaction) => reaction.content) ?? [];
const decisions = (w: MeetingWorld, issue: number) => parseMarkers(bodyOf(w, issue)).filter((fields) => fields.skip || fields.unskip || fields.move);

async function tickAt(w: MeetingWorld, iso: string) {
  w.clock.set(iso);
  await w.bot.tick();
  await w.sandbox.webhooksIdle();
}

describe("/meeting skip", () => {
  it("skips the upcoming meeting whose issue exists: notice, comment, closed; its agenda and carried items and its number go to the next meeting", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/agenda add Decide on the 2.0 date");
    const command = await say(world, 3, "/meeting skip");

    const skipped = world.sandbox.issue(REPO, 2);
    expect(skipped.state).toBe("closed");
    expect(skipped.stateReason).toBe("not_planned");
    expect(skipped.title).toBe("Crates.io Weekly Team Meeting: no meeting on Friday, September 18, 2020 (skipped)");
    expect(bodyOf(world, 2).startsWith("> ⏭️ **No meeting on Friday, September 18, 2020**: skipped by @alice.\n\n")).toBe(true);
    expect(decisions(world, 2)).toEqual([expect.objectContaining({ series: "weekly", skip: "2020-09-18", by: "alice", number: "002" })]);
    expect(botComments(world, 2)).toEqual([expect.stringMatching(/^No meeting on Friday, September 18, 2020: skipped by @alice\. Its open items move to the next meeting \(Friday, September 25, 2020\) when its issue opens\./)]);
    expect(reactionsOn(world, 3, command.id)).toEqual(["+1"]);
    expect(botComments(world, 3).at(-1)).toMatch(/^Skipped: no meeting on Friday, September 18, 2020\. \[Crates\.io Weekly Team Meeting #002\]\(.*\/issues\/2\) is closed; its open items move to the next meeting \(Friday, September 25, 2020\) when its issue opens\.$/);

    // The next meeting's issue opens when the skipped one would have ended, numbered #002 (the skipped one gave its number up).
    await tickAt(world, "2020-09-18T20:00:00Z");
    expect(meetings(world)).toHaveLength(2);
    await tickAt(world, "2020-09-18T21:31:00Z");
    const next = meetings(world)[2];
    expect(next?.title).toBe("Crates.io Weekly Team Meeting #002");
    expect(next?.body).toContain("Friday, September 25, 2020, 20:30 UTC");
    // Rotation follows the number: #002's moderator (bob) takes this meeting.
    expect(next?.body).toContain("- **Moderator:** @bob");
    expect(items(world, next?.number ?? 0, "Proposed Agenda")).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(items(world, next?.number ?? 0, "Action Items")).toEqual([
      "Try to nail down the next zoom meeting through Discord",
      "Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings",
    ]);
    // Nothing more for the skipped meeting, ever.
    await tickAt(world, "2020-09-19T12:00:00Z");
    expect(meetings(world)).toHaveLength(3);
  });

  it("an /agenda command after the skip goes to the next meeting that takes place, whose issue opens early with the skipped meeting's items", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/agenda add Decide on the 2.0 date");
    await say(world, 3, "/meeting skip\n/agenda add Benchmarks");
    const next = meetings(world)[2];
    expect(next?.title).toBe("Crates.io Weekly Team Meeting #002");
    expect(items(world, next?.number ?? 0, "Proposed Agenda")).toEqual(["Decide on the 2.0 date (@alice, from #3)", "Benchmarks (@alice, from #3)"]);
    expect(bodyOf(world, next?.number ?? 0)).not.toContain("carry=later");
  });

  it("skips a meeting whose issue does not exist yet: recorded in the newest issue, carried forward, and no issue is ever opened for it", async () => {
    world = await withUpcomingMeeting();
    const command = await say(world, 3, "/meeting skip 2020-10-02");
    expect(reactionsOn(world, 3, command.id)).toEqual(["+1"]);
    expect(botComments(world, 3).at(-1)).toBe("Skipped: there will be no meeting on Friday, October 2, 2020, and no issue for it. The next meeting is Friday, October 9, 2020.");
    expect(decisions(world, 2)).toEqual([expect.objectContaining({ skip: "2020-10-02", by: "alice" })]);

    await tickAt(world, "2020-09-18T21:31:00Z"); // #003 (Sep 25) opens and carries the decision forward
    const third = meetings(world)[2];
    expect(third?.title).toBe("Crates.io Weekly Team Meeting #003");
    expect(decisions(world, third?.number ?? 0)).toEqual([expect.objectContaining({ skip: "2020-10-02" })]);

    await tickAt(world, "2020-09-25T21:31:00Z"); // Oct 2 would be due: skipped
    expect(meetings(world)).toHaveLength(3);
    await tickAt(world, "2020-10-02T21:31:00Z"); // Oct 9's issue: #004, after #003
    const fourth = meetings(world)[3];
    expect(fourth?.title).toBe("Crates.io Weekly Team Meeting #004");
    expect(fourth?.body).toContain("Friday, October 9, 2020");
    expect(fourth?.body).toContain(`previous=${third?.number}`);
    expect(world.sandbox.issue(REPO, third?.number ?? 0).state).toBe("closed");
  });

  it("a restart between the skip and the creation time: the new process reads the skip from GitHub", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/meeting skip 2020-09-25");
    await world.stopApp();
    const { log } = captureLog();
    const restarted = await startLocalApp({ now: world.clock.now, log, throttle: false, env: ENV, sandbox: { running: world.sandbox, privateKey: world.privateKey } });
    try {
      world.clock.set("2020-09-18T21:31:00Z");
      await restarted.bot.tick();
      await world.sandbox.webhooksIdle();
      expect(meetings(world)).toHaveLength(2);
      world.clock.set("2020-09-25T21:31:00Z");
      await restarted.bot.tick();
      await world.sandbox.webhooksIdle();
      expect(titles(world).at(-1)).toBe("Crates.io Weekly Team Meeting #003");
      expect(meetings(world).at(-1)?.body).toContain("Friday, October 2, 2020");
    } finally {
      await restarted.stopApp();
    }
  });

  it("says so, with 👍, when the meeting is already skipped, by the config or by an earlier command", async () => {
    world = await withUpcomingMeeting();
    const configured = await say(world, 3, "/meeting skip 2020-12-25");
    expect(reactionsOn(world, 3, configured.id)).toEqual(["+1"]);
    expect(botComments(world, 3).at(-1)).toBe("There is no meeting on Friday, December 25, 2020 anyway: `schedule.skip` in `.github/meeting-bot.yml` skips it.");
    await say(world, 3, "/meeting skip 2020-10-02");
    const again = await say(world, 3, "/meeting skip 2020-10-02", "bob");
    expect(reactionsOn(world, 3, again.id)).toEqual(["+1"]);
    expect(botComments(world, 3).at(-1)).toBe("The meeting on Friday, October 2, 2020 is already skipped (by @alice).");
    expect(decisions(world, 2)).toHaveLength(1);
  });

  it("refuses, with 😕 and a reason: a date the series does not meet on, a meeting that took place, someone outside the team", async () => {
    world = await withUpcomingMeeting();
    const thursday = await say(world, 3, "/meeting skip 2020-10-01");
    expect(reactionsOn(world, 3, thursday.id)).toEqual(["confused"]);
    expect(botComments(world, 3).at(-1)).toBe("The series does not meet on 2020-10-01; did you mean Friday, October 2, 2020 (2020-10-02)?");
    await say(world, 3, "/meeting skip 2020-09-11");
    expect(botComments(world, 3).at(-1)).toBe("The meeting on Friday, September 11, 2020 has already taken place; only meetings still to come can be skipped.");
    const outsider = await say(world, 3, "/meeting skip", "mallory", "NONE");
    expect(reactionsOn(world, 3, outsider.id)).toEqual(["confused"]);
    expect(botComments(world, 3).at(-1)).toContain("Sorry @mallory, only the team can change the meetings");
    expect(world.sandbox.issue(REPO, 2).state).toBe("open");
  });

  it("redelivery and the same command twice at once change nothing twice", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/meeting skip");
    const delivery = world.sandbox.deliveries.filter((d) => d.event === "issue_comment" && d.action === "created").at(-1);
    await world.sandbox.redeliver(delivery?.id ?? "");
    await world.sandbox.webhooksIdle();
    expect(botComments(world, 2)).toHaveLength(1);
    expect(botComments(world, 3)).toHaveLength(1);
    expect(decisions(world, 2)).toHaveLength(1);
  });

  it("a command that failed half-way (GitHub kept failing the comment) is run again by the app and finishes, nothing twice", async () => {
    world = await withUpcomingMeeting();
    world.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", times: 3, fault: { kind: "status", status: 502 } });
    await say(world, 3, "/meeting skip");
    // Recorded and closed, but no comment yet; the command waits for its retry.
    expect(decisions(world, 2)).toHaveLength(1);
    expect(world.sandbox.issue(REPO, 2).state).toBe("closed");
    expect(botComments(world, 2)).toEqual([]);
    expect(world.logs.map((line) => line.msg)).toContain("/meeting command failed (GitHub error); trying again in 60 s");
    await tickAt(world, "2020-09-11T21:33:00Z");
    expect(decisions(world, 2)).toHaveLength(1);
    expect(botComments(world, 2)).toEqual([expect.stringMatching(/^No meeting on Friday, September 18, 2020: skipped by @alice\./)]);
    expect(botComments(world, 3)).toHaveLength(1);
  });

  it("a skip run again by the app after a later unskip of the same meeting does not undo the unskip, nor take the meeting's number", async () => {
    world = await withUpcomingMeeting();
    world.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", times: 3, fault: { kind: "status", status: 502 } });
    await say(world, 3, "/meeting skip");
    expect(world.sandbox.issue(REPO, 2).state).toBe("closed"); // recorded and closed; its comment waits for the retry
    world.clock.set("2020-09-11T21:32:00Z");
    const unskip = await say(world, 3, "/meeting unskip", "bob");
    expect(reactionsOn(world, 3, unskip.id)).toEqual(["+1"]);
    expect(world.sandbox.issue(REPO, 2).state).toBe("open");

    await tickAt(world, "2020-09-11T21:33:00Z"); // the skip's retry
    const meeting = world.sandbox.issue(REPO, 2);
    expect(meeting.state).toBe("open");
    expect(meeting.title).toBe("Crates.io Weekly Team Meeting #002");
    expect(bodyOf(world, 2)).not.toContain("No meeting on");
    expect(decisions(world, 2).map((fields) => (fields.skip ? "skip" : "unskip"))).toEqual(["skip", "unskip"]);
    expect(botComments(world, 3).at(-1)).toBe("Nothing more to do: @bob's later `/meeting unskip` of the meeting of 2020-09-18 stands.");
    expect(botComments(world, 2).filter((body) => body.startsWith("No meeting on"))).toEqual([]);

    // The meeting takes place: the next issue opens after it, as #003.
    await tickAt(world, "2020-09-18T21:31:00Z");
    expect(titles(world).at(-1)).toBe("Crates.io Weekly Team Meeting #003");
    expect(meetings(world).at(-1)?.body).toContain("Friday, September 25, 2020");
  });

  it("two commands at once, each a read-modify-write of the same issue: both land", async () => {
    world = await withUpcomingMeeting();
    world.sandbox.setDeliveryMode("capture");
    world.sandbox.clearDeliveries();
    world.sandbox.comment(REPO, 3, "/meeting skip 2020-10-02", { user: "alice", association: "MEMBER" });
    world.sandbox.comment(REPO, 3, "/meeting skip 2020-10-09", { user: "bob", association: "MEMBER" });
    world.sandbox.comment(REPO, 3, "/agenda add Roadmap", { user: "carol", association: "MEMBER" });
    const captured = world.sandbox.deliveries.filter((delivery) => delivery.event === "issue_comment");
    world.sandbox.setDeliveryMode("send");
    expect(await postConcurrently(captured, world.webhookUrl)).toEqual([200, 200, 200]);
    await world.sandbox.webhooksIdle();
    expect(decisions(world, 2).map((fields) => fields.skip).sort()).toEqual(["2020-10-02", "2020-10-09"]);
    expect(items(world, 2, "Proposed Agenda")).toEqual(["Roadmap (@carol, from #3)"]);
  });
});

describe("/meeting with two replicas", () => {
  it("a skip made by one replica is seen by the other, whose /agenda then goes to the next meeting that takes place", async () => {
    world = await withUpcomingMeeting();
    const { log } = captureLog();
    const other = await startLocalApp({ now: world.clock.now, log, throttle: false, env: ENV, sandbox: { running: world.sandbox, privateKey: world.privateKey } });
    try {
      // Replica B learns that #2 is the upcoming meeting's issue (and keeps it in memory).
      await say(world, 3, "/agenda add Decide on the 2.0 date");
      expect(items(world, 2, "Proposed Agenda")).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
      // Replica A skips it.
      world.sandbox.setWebhookUrl(world.webhookUrl);
      await say(world, 3, "/meeting skip");
      expect(world.sandbox.issue(REPO, 2).state).toBe("closed");
      // Replica B reads the skip in #2's body and adds to the next meeting's issue, which opens with #2's items.
      world.sandbox.setWebhookUrl(other.webhookUrl);
      await say(world, 3, "/agenda add Roadmap");
      const next = meetings(world)[2]?.number ?? 0;
      expect(items(world, 2, "Proposed Agenda")).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
      expect(items(world, next, "Proposed Agenda")).toEqual(["Decide on the 2.0 date (@alice, from #3)", "Roadmap (@alice, from #3)"]);
      // Neither replica's scheduler opens an issue for the skipped meeting.
      world.clock.set("2020-09-18T21:31:00Z");
      await other.bot.tick();
      await world.bot.tick();
      await world.sandbox.webhooksIdle();
      expect(meetings(world)).toHaveLength(3);
    } finally {
      await other.stopApp();
    }
  });
});

describe("/meeting cancel and /meeting unskip", () => {
  it("cancel on the meeting issue skips that meeting; unskip reopens it as it was, and it goes on as usual", async () => {
    world = await withUpcomingMeeting();
    const before = world.sandbox.issue(REPO, 2);
    await say(world, 2, "/agenda add Roadmap");
    await say(world, 2, "/meeting cancel");
    expect(world.sandbox.issue(REPO, 2).state).toBe("closed");
    expect(botComments(world, 2)).toEqual([expect.stringMatching(/^No meeting on Friday, September 18, 2020: skipped by @alice\./)]);

    const unskip = await say(world, 2, "/meeting unskip");
    expect(reactionsOn(world, 2, unskip.id)).toEqual(["+1"]);
    const issue = world.sandbox.issue(REPO, 2);
    expect(issue.state).toBe("open");
    expect(issue.title).toBe(before.title);
    expect(bodyOf(world, 2)).not.toContain("No meeting on");
    expect(items(world, 2, "Proposed Agenda")).toEqual(["Roadmap (@alice)"]);
    expect(botComments(world, 2).at(-1)).toMatch(/^The meeting on Friday, September 18, 2020 takes place after all: unskipped by @alice\./);

    await tickAt(world, "2020-09-18T21:31:00Z");
    expect(titles(world).at(-1)).toBe("Crates.io Weekly Team Meeting #003");
    expect(world.sandbox.issue(REPO, 2).state).toBe("closed");
  });

  it("cancel elsewhere than on a meeting issue is refused with what to write instead", async () => {
    world = await withUpcomingMeeting();
    const command = await say(world, 3, "/meeting cancel");
    expect(reactionsOn(world, 3, command.id)).toEqual(["confused"]);
    expect(botComments(world, 3).at(-1)).toContain("/meeting skip 2026-12-25");
  });

  it("unskip of a meeting skipped before its issue existed: the issue opens at its time after all", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/meeting skip 2020-09-25");
    await say(world, 3, "/meeting unskip 2020-09-25");
    expect(botComments(world, 3).at(-1)).toBe("Unskipped: the meeting on Friday, September 25, 2020 takes place after all; its issue opens at the usual time.");
    await tickAt(world, "2020-09-18T21:31:00Z");
    expect(meetings(world).at(-1)?.body).toContain("Friday, September 25, 2020");
  });

  it("unskip after an /agenda opened the next meeting's issue early: the skipped issue is back with its items, the later one gives back the number and waits for it", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/agenda add Decide on the 2.0 date");
    await say(world, 3, "/meeting skip");
    await tickAt(world, "2020-09-14T10:00:00Z");
    await say(world, 3, "/agenda add Roadmap"); // opens the Sep 25 issue early, as #002, with #2's items
    const later = meetings(world)[2]?.number ?? 0;
    expect(world.sandbox.issue(REPO, later).title).toBe("Crates.io Weekly Team Meeting #002");
    expect(items(world, later, "Proposed Agenda")).toEqual(["Decide on the 2.0 date (@alice, from #3)", "Roadmap (@alice, from #3)"]);

    const command = await say(world, 3, "/meeting unskip");
    expect(reactionsOn(world, 3, command.id)).toEqual(["+1"]);
    expect(botComments(world, 3).at(-1)).toMatch(/^Unskipped: the meeting on Friday, September 18, 2020 takes place after all; \[Crates\.io Weekly Team Meeting #002\]\(.*\/issues\/2\) is open again\. \[Crates\.io Weekly Team Meeting #002\]\(.*\) follows it, as Crates\.io Weekly Team Meeting #003\.$/);
    const restored = world.sandbox.issue(REPO, 2);
    expect([restored.state, restored.title]).toEqual(["open", "Crates.io Weekly Team Meeting #002"]);
    expect(items(world, 2, "Proposed Agenda")).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    // The later issue: #003, the items it had taken over gone back (they are in #2), what was added to it kept.
    const follows = world.sandbox.issue(REPO, later);
    expect(follows.title).toBe("Crates.io Weekly Team Meeting #003");
    expect(items(world, later, "Proposed Agenda")).toEqual(["Roadmap (@alice, from #3)"]);
    expect(items(world, later, "Action Items")).toEqual([]);
    expect(follows.body).toContain("- **Moderator:** @carol\n"); // #003's turn (it was @bob's as #002)
    expect(follows.body).toContain("- **Previous meeting:** #2");
    expect(parseMarkers(follows.body ?? "").filter((fields) => fields.occurrence).at(-1)).toEqual(expect.objectContaining({ previous: "2", carry: "later" }));
    expect(botComments(world, later).at(-1)).toMatch(/^The meeting on Friday, September 18, 2020 takes place after all \(unskipped by @alice\), so this meeting is now Crates\.io Weekly Team Meeting #003 and follows it\./);
    // A redelivery changes nothing twice (no #004, no second comment).
    const delivery = world.sandbox.deliveries.find((d) => d.event === "issue_comment" && d.body.includes(`"id":${command.id},`));
    expect(delivery).toBeDefined();
    await world.sandbox.redeliver(delivery?.id ?? "");
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.issue(REPO, later).title).toBe("Crates.io Weekly Team Meeting #003");
    expect(botComments(world, later)).toHaveLength(1);
    expect(items(world, later, "Proposed Agenda")).toEqual(["Roadmap (@alice, from #3)"]);

    // While the meeting of the 18th runs, /agenda goes to the later issue, under its new title.
    world.clock.set("2020-09-18T20:45:00Z");
    await say(world, 3, "/agenda add Benchmarks");
    expect(botComments(world, 3).at(-1)).toMatch(/^Added to \[Crates\.io Weekly Team Meeting #003\]/);
    // The meeting of the 18th is held; when it ends its unfinished items go to #003, nothing twice, no new issue.
    await tickAt(world, "2020-09-18T21:31:00Z");
    expect(meetings(world)).toHaveLength(3);
    expect(world.sandbox.issue(REPO, 2).state).toBe("closed");
    expect(items(world, later, "Proposed Agenda")).toEqual(["Roadmap (@alice, from #3)", "Benchmarks (@alice, from #3)"]);
    expect(items(world, later, "Action Items")).toEqual([
      "Try to nail down the next zoom meeting through Discord",
      "Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings",
    ]);
    expect(botComments(world, 2).at(-1)).toContain(`Next meeting: #${later}`);
  });

  it("an unskip that failed half-way through giving the place back is finished by the app's retry, nothing twice", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/meeting skip");
    await tickAt(world, "2020-09-14T10:00:00Z");
    await say(world, 3, "/agenda add Roadmap");
    const later = meetings(world)[2]?.number ?? 0;
    // GitHub keeps failing the comment on the later issue: its body and title are done, the comment waits.
    world.sandbox.faults.add({ method: "POST", route: new RegExp(`/issues/${later}/comments$`), times: 3, fault: { kind: "status", status: 502 } });
    await say(world, 3, "/meeting unskip");
    expect(world.sandbox.issue(REPO, later).title).toBe("Crates.io Weekly Team Meeting #003");
    expect(botComments(world, later)).toEqual([]);
    await tickAt(world, "2020-09-14T10:02:00Z"); // the retry
    expect(world.sandbox.issue(REPO, later).title).toBe("Crates.io Weekly Team Meeting #003");
    expect(botComments(world, later)).toEqual([expect.stringMatching(/^The meeting on Friday, September 18, 2020 takes place after all \(unskipped by @alice\), so this meeting is now Crates\.io Weekly Team Meeting #003 and follows it\./)]);
    expect(items(world, later, "Proposed Agenda")).toEqual(["Roadmap (@alice, from #3)"]);
    expect(world.sandbox.issue(REPO, 2).state).toBe("open");
    expect(botComments(world, 3).at(-1)).toMatch(/^Unskipped: the meeting on Friday, September 18, 2020 takes place after all/);
  });

  it("unskip of a meeting skipped before its issue existed, after an /agenda opened the following meeting's issue: its issue opens, the later one follows it", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/meeting skip 2020-09-25");
    await tickAt(world, "2020-09-18T20:45:00Z"); // #002 is under way: the upcoming meeting is October 2nd's
    await say(world, 3, "/agenda add Roadmap");
    const later = meetings(world)[2]?.number ?? 0;
    expect(world.sandbox.issue(REPO, later).title).toBe("Crates.io Weekly Team Meeting #003");
    expect(bodyOf(world, later)).toContain("Friday, October 2, 2020");

    const command = await say(world, 3, "/meeting unskip 2020-09-25");
    expect(reactionsOn(world, 3, command.id)).toEqual(["+1"]);
    const reopened = meetings(world)[3];
    expect(reopened?.title).toBe("Crates.io Weekly Team Meeting #003");
    expect(reopened?.body).toContain("Friday, September 25, 2020");
    expect(world.sandbox.issue(REPO, later).title).toBe("Crates.io Weekly Team Meeting #004");
    expect(bodyOf(world, later)).toContain(`- **Previous meeting:** #${reopened?.number}`);
    expect(items(world, later, "Proposed Agenda")).toEqual(["Roadmap (@alice, from #3)"]);

    await tickAt(world, "2020-09-18T21:31:00Z"); // #002 ends: its items go to Sep 25's issue
    await tickAt(world, "2020-09-25T21:31:00Z"); // Sep 25 ends: its items go to October 2nd's
    expect(meetings(world)).toHaveLength(4);
    expect(world.sandbox.issue(REPO, reopened?.number ?? 0).state).toBe("closed");
    expect(items(world, later, "Action Items")).toEqual([
      "Try to nail down the next zoom meeting through Discord",
      "Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings",
    ]);
    expect(items(world, reopened?.number ?? 0, "Action Items")).toHaveLength(2);
  });
});

describe("/meeting move", () => {
  // A Berlin series at 18:00 local: Friday 2020-10-23 is in summer time (CEST, 16:00 UTC); clocks go back on Sunday 25th.
  const BERLIN = CONFIG.replace("timezone: UTC", "timezone: Europe/Berlin").replace('time: "20:30"', 'time: "18:00"');
  const AFTER_OCT_16 = "2020-10-16T17:01:00Z";

  it("moves the meeting across a DST change: every rendered value is rewritten in place, what people wrote is not; the next issue waits for the moved meeting", async () => {
    world = await withUpcomingMeeting(BERLIN, AFTER_OCT_16);
    const meeting = meetings(world)[1]?.number ?? 0;
    expect(bodyOf(world, meeting)).toContain("- **Date/Time:** Friday, October 23, 2020, 18:00 CEST");
    await say(world, 3, "/agenda add Can we keep Friday, October 23, 2020, 18:00 CEST?");
    const command = await say(world, 3, "/meeting move 2020-10-26");
    expect(reactionsOn(world, 3, command.id)).toEqual(["+1"]);
    const body = bodyOf(world, meeting);
    expect(body).toContain("- **Date/Time:** Monday, October 26, 2020, 18:00 CET ([in your time zone](https://www.timeanddate.com/worldclock/fixedtime.html?iso=20201026T1700&p1=1440))");
    expect(body).toContain("    - **America/Los_Angeles:** Monday, October 26, 2020, 10:00 PDT");
    expect(body).toContain("    - **Asia/Tokyo:** Tuesday, October 27, 2020, 02:00 UTC+9");
    expect(body).not.toContain("October 23, 2020, 18:00 CEST (");
    expect(items(world, meeting, "Proposed Agenda")).toEqual(["Can we keep Friday, October 23, 2020, 18:00 CEST? (@alice, from #3)"]);
    expect(decisions(world, meeting)).toEqual([expect.objectContaining({ move: "2020-10-23", to: "2020-10-26T17:00:00Z" })]);
    expect(botComments(world, meeting)).toEqual([expect.stringMatching(/^Moved by @alice: this meeting is now on Monday, October 26, 2020, 18:00 CET \(instead of Friday, October 23, 2020, 18:00 CEST\)\./)]);
    expect(botComments(world, 3).at(-1)).toMatch(/^Moved: \[Crates\.io Weekly Team Meeting #002\]\(.*\) is now on Monday, October 26, 2020, 18:00 CET/);

    // The regular next meeting (Friday 30th) opens once the moved one has ended, not on Friday 23rd.
    await tickAt(world, "2020-10-23T17:01:00Z");
    expect(meetings(world)).toHaveLength(2);
    await tickAt(world, "2020-10-26T18:01:00Z");
    expect(meetings(world).at(-1)?.body).toContain("Friday, October 30, 2020, 18:00 CET");
  });

  it("a move made on one replica: the other replica's scheduler does not open the next issue at the regular time", async () => {
    world = await withUpcomingMeeting(BERLIN, AFTER_OCT_16);
    const { log } = captureLog();
    const other = await startLocalApp({ now: world.clock.now, log, throttle: false, env: ENV, sandbox: { running: world.sandbox, privateKey: world.privateKey } });
    try {
      await other.bot.tick(); // B knows the schedule as it was: the next issue due when Friday's meeting ends
      world.sandbox.setWebhookUrl(world.webhookUrl);
      await say(world, 3, "/meeting move 2020-10-26");
      world.clock.set("2020-10-23T17:01:00Z");
      await other.bot.tick();
      await world.sandbox.webhooksIdle();
      expect(meetings(world)).toHaveLength(2);
      world.clock.set("2020-10-26T18:01:00Z");
      await other.bot.tick();
      await world.sandbox.webhooksIdle();
      expect(meetings(world)).toHaveLength(3);
      expect(meetings(world).at(-1)?.body).toContain("Friday, October 30, 2020, 18:00 CET");
      expect(meetings(world).at(-1)?.body).not.toContain("carry=later");
    } finally {
      await other.stopApp();
    }
  });

  it("a skip or unskip may name a moved meeting by its new date", async () => {
    world = await withUpcomingMeeting(BERLIN, AFTER_OCT_16);
    const meeting = meetings(world)[1]?.number ?? 0;
    await say(world, 3, "/meeting move 2020-10-26");
    const skip = await say(world, 3, "/meeting skip 2020-10-26");
    expect(reactionsOn(world, 3, skip.id)).toEqual(["+1"]);
    expect(botComments(world, 3).at(-1)).toMatch(/^Skipped: no meeting on Monday, October 26, 2020\./);
    expect(world.sandbox.issue(REPO, meeting).state).toBe("closed");
    const unskip = await say(world, 3, "/meeting unskip 2020-10-26");
    expect(reactionsOn(world, 3, unskip.id)).toEqual(["+1"]);
    expect(world.sandbox.issue(REPO, meeting).state).toBe("open");
  });

  it("refuses a move past the next regular meeting, or into the past", async () => {
    world = await withUpcomingMeeting(BERLIN, AFTER_OCT_16);
    const late = await say(world, 3, "/meeting move 2020-10-30 19:00");
    expect(reactionsOn(world, 3, late.id)).toEqual(["confused"]);
    expect(botComments(world, 3).at(-1)).toBe(
      "Not moved: Friday, October 30, 2020, 19:00 CET is not before the next regular meeting (Friday, October 30, 2020, 18:00 CET). A meeting moves only within its own week; to leave it out, `/meeting skip 2020-10-23`.",
    );
    await say(world, 3, "/meeting move 2020-10-15");
    expect(botComments(world, 3).at(-1)).toBe("Not moved: Thursday, October 15, 2020, 18:00 CEST has passed. Choose a time still to come.");
  });

  it("a move before the issue exists is recorded in the newest issue and rendered when the issue opens", async () => {
    // Issues open three days ahead at 09:00: on Saturday the 17th, the meeting of the 23rd has none yet.
    const ahead = BERLIN.replace("\n    timezones:", '\n    creation:\n      daysBefore: 3\n      time: "09:00"\n    timezones:');
    world = await withUpcomingMeeting(ahead, "2020-10-13T07:01:00Z");
    await tickAt(world, "2020-10-17T10:00:00Z");
    expect(meetings(world)).toHaveLength(2);
    await say(world, 3, "/meeting move 2020-10-22 17:00");
    expect(botComments(world, 3).at(-1)).toBe("Moved: the meeting of Friday, October 23, 2020, 18:00 CEST is now on Thursday, October 22, 2020, 17:00 CEST. Its issue will say so when it opens.");
    expect(decisions(world, 2)).toEqual([expect.objectContaining({ move: "2020-10-23", to: "2020-10-22T15:00:00Z" })]);
    await tickAt(world, "2020-10-20T07:01:00Z");
    const moved = meetings(world).at(-1);
    expect(moved?.title).toBe("Crates.io Weekly Team Meeting #003");
    expect(moved?.body).toContain("- **Date/Time:** Thursday, October 22, 2020, 17:00 CEST");
  });
});

describe("/meeting in a pull request's diff or review", () => {
  it("skips from a diff comment; the answer is a reply in the pull request's conversation", async () => {
    world = await withUpcomingMeeting();
    const pull = world.sandbox.createIssue(REPO, { title: "Holiday calendar", body: "", user: "carol", pullRequest: true });
    await world.sandbox.webhooksIdle();
    world.sandbox.reviewComment(REPO, pull.number, "We are all away that week.\n/meeting skip 2020-10-02", { user: "alice", association: "MEMBER" });
    await world.sandbox.webhooksIdle();
    expect(decisions(world, 2)).toEqual([expect.objectContaining({ skip: "2020-10-02", cmd: expect.stringMatching(/^review-comment-\d+-2$/) })]);
    expect(botComments(world, pull.number)).toEqual([expect.stringMatching(/^👍 \[@alice's review comment\]\(.*\): Skipped: there will be no meeting on Friday, October 2, 2020/)]);
  });
});

describe("/meeting in a pull request review's summary", () => {
  it("skips from a review's summary; the answer is one reply in the pull request's conversation, linking the review", async () => {
    world = await withUpcomingMeeting();
    const pull = world.sandbox.createIssue(REPO, { title: "Holiday calendar", body: "", user: "carol", pullRequest: true });
    await world.sandbox.webhooksIdle();
    world.sandbox.review(REPO, pull.number, "Looks good.\n\n/meeting skip 2020-10-02", { user: "bob", association: "COLLABORATOR" });
    await world.sandbox.webhooksIdle();
    expect(decisions(world, 2)).toEqual([expect.objectContaining({ skip: "2020-10-02", by: "bob", cmd: expect.stringMatching(/^review-\d+-3$/) })]);
    expect(botComments(world, pull.number)).toEqual([expect.stringMatching(/^👍 \[@bob's review\]\(http[^)]*#pullrequestreview-\d+\): Skipped: there will be no meeting on Friday, October 2, 2020/)]);
  });
});

describe("location rules across a skip", () => {
  it("a skipped first Friday of the month hands the first-of-month location to the next meeting that takes place", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/meeting skip 2020-10-02");
    await tickAt(world, "2020-09-18T21:31:00Z"); // September 25th: Discord
    expect(meetings(world).at(-1)?.body).toContain("- **Location:** Discord:");
    await tickAt(world, "2020-10-02T21:31:00Z"); // October 9th is now the month's first meeting: Zoom
    const ninth = meetings(world).at(-1);
    expect(ninth?.body).toContain("Friday, October 9, 2020");
    expect(ninth?.body).toContain("- **Location:** Zoom: the link is posted in #crates-io-team on Discord shortly before the call");
  });
});

describe("/meeting help", () => {
  it("answers /meeting and an unknown subcommand with the commands", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/meeting");
    const bad = await say(world, 3, "/meeting skp");
    expect(botComments(world, 3)[0]).toContain("`/meeting skip` or `/meeting skip 2026-12-25`");
    expect(botComments(world, 3)[1]).toContain("unknown subcommand `skp`; did you mean `/meeting skip`?");
    expect(reactionsOn(world, 3, bad.id)).toEqual(["confused"]);
  });
});
