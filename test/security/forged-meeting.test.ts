import { afterEach, describe, expect, it } from "@jest/globals";
import { parseMarkers } from "../../src/core/markers.js";
import { REPO, seedCratesIo, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";

/*
 * Anyone can open an issue, and the meeting label comes with it when the meeting template lists
 * it (GitHub applies a template's labels whoever uses the template). So the label alone must not
 * make an issue a meeting: an outsider's issue with a copied or forged hidden marker must not
 * stand in for a meeting the app creates, nor be taken as the previous meeting.
 */

let world: MeetingWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const marker = (occurrence: string, previous?: number) =>
  `<!-- meeting-bot:series=weekly occurrence=${occurrence}${previous === undefined ? "" : ` previous=${previous}`} -->`;

describe("forged meeting issues", () => {
  it("an outsider's labelled issue with a forged marker is neither this meeting nor the previous one", async () => {
    world = await startMeetingWorld("2020-09-11T21:31:00Z");
    const { sandbox } = world;
    await world.bot.tick(); // #2: meeting #002, 2020-09-18
    sandbox.editIssue(REPO, 2, { body: `${sandbox.issue(REPO, 2).body ?? ""}\n### Action Items\n\n- [ ] Real action from #002\n` }, { user: "alice" });
    // Opened from the meeting template by an outsider: the `meeting` label comes with it.
    const stand = sandbox.createIssue(REPO, {
      title: "Crates.io Weekly Team Meeting #003",
      body: `## Proposed Agenda\n\n- [ ] pwned agenda\n\n${marker("2020-09-25T20:30:00Z", 2)}\n`,
      labels: ["meeting"],
      user: "mallory",
    });
    const previous = sandbox.createIssue(REPO, {
      title: "Crates.io Weekly Team Meeting #999",
      body: `### Action Items\n\n- [ ] pwned action\n\n${marker("2020-09-18T20:30:00Z", 1)}\n`,
      labels: ["meeting"],
      user: "mallory",
    });
    await sandbox.webhooksIdle();

    // After #002 ends, the app creates #003 for 2020-09-25.
    world.clock.set("2020-09-18T21:31:00Z");
    await world.bot.tick();

    const created = sandbox.issues(REPO).filter((issue) => issue.user.login === "meeting-bot[bot]");
    expect(created.map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #002", "Crates.io Weekly Team Meeting #003"]);
    const next = created[1]!;
    expect(next.body).toContain("- [ ] Real action from #002");
    expect(next.body).not.toContain("pwned");
    expect(parseMarkers(next.body ?? "").filter((fields) => fields.series)).toEqual([
      { series: "weekly", occurrence: "2020-09-25T20:30:00Z", previous: "2" },
    ]);
    // The real previous meeting is linked and closed; the outsider's issues are left alone.
    expect(sandbox.issue(REPO, 2).state).toBe("closed");
    for (const forged of [stand, previous]) {
      expect(sandbox.issue(REPO, forged.number).state).toBe("open");
      expect(sandbox.comments(REPO, forged.number)).toEqual([]);
    }

    // /agenda lands on the real meeting issue, not the forged one.
    sandbox.comment(REPO, next.number, "/agenda add Real topic", { user: "alice", association: "MEMBER" });
    await sandbox.webhooksIdle();
    expect(sandbox.issue(REPO, next.number).body).toContain("Real topic (@alice)");
    expect(sandbox.issue(REPO, stand.number).body).not.toContain("Real topic");
  });

  it("30 outsiders' issues from the meeting template cannot push the real previous meeting out of sight", async () => {
    world = await startMeetingWorld("2020-09-11T21:31:00Z");
    const { sandbox } = world;
    await world.bot.tick(); // #2: meeting #002
    const spam = Array.from({ length: 30 }, (_, i) =>
      sandbox.createIssue(REPO, { title: "Crates.io Weekly Team Meeting #999", body: `### Action Items\n\n- [ ] pwned ${i}\n`, labels: ["meeting"], user: `spammer${i}` }),
    );
    await sandbox.webhooksIdle();
    world.clock.set("2020-09-18T21:31:00Z");
    await world.bot.tick();

    const created = sandbox.issues(REPO).filter((issue) => issue.user.login === "meeting-bot[bot]");
    expect(created.map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #002", "Crates.io Weekly Team Meeting #003"]);
    expect(created[1]?.body).toContain("- [ ] Try to nail down the next zoom meeting through Discord");
    expect(created[1]?.body).not.toContain("pwned");
    expect(sandbox.issue(REPO, 2).state).toBe("closed");
    for (const issue of spam) expect(sandbox.comments(REPO, issue.number)).toEqual([]);
    // One listing, of the app's own issues, found everything.
    expect(sandbox.requests.filter((request) => request.route === "/repos/{owner}/{repo}/issues" && request.method === "GET" && request.query.includes("creator="))).toHaveLength(2);
  });

  it("a deployment started before its first installation knows its login (GET /app) and still lists meetings by creator", async () => {
    // Register, start, then install: at start the installation listing is empty.
    world = await startMeetingWorld("2020-09-11T21:31:00Z", () => undefined);
    const { sandbox } = world;
    expect(sandbox.requests.filter((request) => request.method === "GET" && request.route === "/app")).toHaveLength(1);
    seedCratesIo(sandbox);
    await sandbox.webhooksIdle(); // installation.created, installation_repositories.added: the app reads the repo
    await world.bot.tick(); // #002, first run: the team's #001 is found
    const spam = Array.from({ length: 30 }, (_, i) =>
      sandbox.createIssue(REPO, { title: "Crates.io Weekly Team Meeting #999", body: `### Action Items\n\n- [ ] pwned ${i}\n`, labels: ["meeting"], user: `spammer${i}` }),
    );
    await sandbox.webhooksIdle();
    world.clock.set("2020-09-18T21:31:00Z");
    await world.bot.tick(); // #003, without a restart in between
    const created = sandbox.issues(REPO).filter((issue) => issue.user.login === "meeting-bot[bot]");
    expect(created.map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #002", "Crates.io Weekly Team Meeting #003"]);
    expect(created[1]?.body).not.toContain("pwned");
    for (const issue of spam) expect(sandbox.comments(REPO, issue.number)).toEqual([]);
    const listings = sandbox.requests.filter((request) => request.route === "/repos/{owner}/{repo}/issues" && request.method === "GET");
    expect(listings.filter((request) => request.query.includes("creator=meeting-bot%5Bbot%5D"))).toHaveLength(2);
    // The login was asked once, at start.
    expect(sandbox.requests.filter((request) => request.method === "GET" && request.route === "/app")).toHaveLength(1);
  });

  it("first run: an outsider's issue opened from the template during the team's meeting is not adopted as the next meeting's", async () => {
    world = await startMeetingWorld("2020-09-11T20:45:00Z"); // during the team's hand-run meeting #001
    const { sandbox } = world;
    sandbox.createIssue(REPO, { title: "Crates.io Weekly Team Meeting #002", body: "hijacked", labels: ["meeting"], user: "mallory" });
    world.clock.set("2020-09-11T21:31:00Z");
    await world.bot.tick();
    const created = sandbox.issues(REPO).filter((issue) => issue.user.login === "meeting-bot[bot]");
    expect(created.map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #002"]);
    expect(created[0]?.body).toContain("- [ ] Try to nail down the next zoom meeting through Discord");
  });

  it("first run: an outsider's newer title-matching issue is not taken for the team's previous meeting", async () => {
    world = await startMeetingWorld("2020-09-11T21:31:00Z", (sandbox) => {
      seedCratesIo(sandbox);
      sandbox.createIssue(REPO, { title: "Crates.io Weekly Team Meeting #041", body: "### Action Items\n\n- [ ] pwned\n", labels: ["meeting"], user: "mallory", createdAt: new Date("2020-09-10T10:00:00Z") });
    });
    await world.bot.tick();
    const created = world.sandbox.issues(REPO).filter((issue) => issue.user.login === "meeting-bot[bot]");
    expect(created.map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #002"]);
    expect(created[0]?.body).not.toContain("pwned");
    expect(world.sandbox.issue(REPO, 1).state).toBe("closed");
  });
});
