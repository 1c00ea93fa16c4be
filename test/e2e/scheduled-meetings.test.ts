import { afterEach, describe, expect, it } from "@jest/globals";
import { closeChecked } from "../helpers/close-checked.js";
import { LEVEL } from "../helpers/capture-log.js";
import { CONFIG, CONFIG_PATH, REPO, seedCratesIo, startMeetingWorld, TEMPLATE_PATH, type MeetingWorld } from "../helpers/meeting-world.js";

// Meeting #001 was Friday 2020-09-11 20:30–21:30 UTC; #002's issue is due when #001 ends.
const AFTER_001 = "2020-09-11T21:31:00Z";

let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

const meetingIssues = (w: MeetingWorld) => w.sandbox.issues(REPO).filter((issue) => issue.labels.some((label) => label.name === "meeting"));

describe("scheduled meeting issues, end to end over HTTP against the sandbox", () => {
  it("creates #002 from #001 with carry-over, labels, link and close", async () => {
    world = await startMeetingWorld(AFTER_001);
    await world.bot.tick();

    const issues = meetingIssues(world);
    expect(issues.map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    const [first, second] = issues as [(typeof issues)[0], (typeof issues)[0]];
    const body = second.body ?? "";
    expect(body).toContain("**Date/Time:** Friday, September 18, 2020, 20:30 UTC");
    expect(body).toContain("- [ ] Try to nail down the next zoom meeting through Discord");
    expect(body).toContain("- [ ] Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings");
    expect(body).toContain(`**Previous meeting:** #${first.number}`);
    expect(body).toContain("<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z previous=1 -->");
    expect(second.labels.map((label) => label.name)).toEqual(["meeting"]);
    expect(second.user.login).toBe("meeting-bot[bot]");

    expect(first.state).toBe("closed");
    expect(first.stateReason).toBe("completed");
    const links = world.sandbox.comments(REPO, first.number);
    expect(links).toHaveLength(1);
    expect(links[0]?.body).toContain(`Next meeting: #${second.number}`);
  });

  it("does nothing more on a second tick, nor after a restart", async () => {
    world = await startMeetingWorld(AFTER_001);
    await world.bot.tick();
    world.sandbox.resetLog();
    world.clock.advance({ minutes: 5 });
    await world.bot.tick();
    // Nothing due: the scheduler sleeps until the next creation time without calling GitHub.
    expect(world.sandbox.countRequests()).toBe(0);

    // A restart (a new process with empty memory) checks once and creates nothing.
    await world.stopApp();
    const restarted = await startMeetingWorld(world.clock.now().toISO() ?? "", undefined, {
      sandbox: { running: world.sandbox, privateKey: world.privateKey },
    });
    try {
      await restarted.bot.tick();
      await restarted.bot.tick();
    } finally {
      await restarted.stopApp();
    }
    expect(meetingIssues(world)).toHaveLength(2);
    expect(world.sandbox.comments(REPO, 1)).toHaveLength(1);
    expect(world.sandbox.countRequests({ method: "POST", route: "/repos/{owner}/{repo}/issues" })).toBe(0);
  });

  it("after downtime over several creation times, creates exactly one issue, for the latest occurrence", async () => {
    // Down from before #002's creation (Sept 11) until Oct 2, after the Sept 18/25 and Oct 2 meetings:
    // one issue, for the meeting due now (Oct 9), numbered after the last meeting issue.
    world = await startMeetingWorld("2020-10-02T22:00:00Z");
    await world.bot.tick();
    await world.bot.tick();
    const issues = meetingIssues(world);
    expect(issues).toHaveLength(2);
    const latest = issues[1];
    expect(latest?.title).toBe("Crates.io Weekly Team Meeting #002");
    expect(latest?.body).toContain("occurrence=2020-10-09T20:30:00Z");
    expect(latest?.body).toContain("Friday, October 9, 2020");
  });

  it("leaves a repo without config alone", async () => {
    world = await startMeetingWorld(AFTER_001, (sandbox) => {
      const installation = sandbox.addInstallation({ account: "someone", type: "User" });
      sandbox.addRepository(installation.id, "project", { defaultBranch: "main" });
      sandbox.putFile("someone/project", TEMPLATE_PATH, "# hello\n");
    });
    await world.bot.tick();
    expect(world.sandbox.issues("someone/project")).toHaveLength(0);
    expect(world.sandbox.requests.filter((request) => request.method !== "GET" && !request.path.includes("access_tokens"))).toEqual([]);
  });

  it("logs one clear error for a broken config, naming the repo and file, and creates nothing", async () => {
    world = await startMeetingWorld(AFTER_001, (sandbox) =>
      seedCratesIo(sandbox, { config: CONFIG.replace('timezone: UTC', 'timezone: Europe/Berln') }),
    );
    await world.bot.tick();
    world.clock.advance({ days: 7 });
    await world.bot.tick();
    expect(meetingIssues(world)).toHaveLength(1);
    const errors = world.logs.filter((line) => line.level >= LEVEL.error);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain(REPO);
    expect(errors[0]?.msg).toContain(CONFIG_PATH);
    expect(errors[0]?.msg).toContain('unknown time zone "Europe/Berln"');
  });

  it("serves several installations and repos, each from its own config", async () => {
    world = await startMeetingWorld(AFTER_001, (sandbox) => {
      seedCratesIo(sandbox);
      const other = sandbox.addInstallation({ account: "nodejs", type: "Organization" });
      sandbox.addRepository(other.id, "tsc", { defaultBranch: "main" });
      sandbox.putFile("nodejs/tsc", CONFIG_PATH, CONFIG.replace("Crates.io Weekly Team Meeting", "TSC Meeting"));
      sandbox.putFile("nodejs/tsc", TEMPLATE_PATH, "---\ntitle: 'TSC Meeting {{date}}'\n---\n## Agenda\n\n### Action Items\n");
    });
    await world.bot.tick();
    expect(meetingIssues(world).map((issue) => issue.title)).toContain("Crates.io Weekly Team Meeting #002");
    const tsc = world.sandbox.issues("nodejs/tsc");
    expect(tsc.map((issue) => issue.title)).toEqual(["TSC Meeting Friday, September 18, 2020"]);
  });
});
