import { afterEach, describe, expect, it } from "@jest/globals";
import { createHmac } from "node:crypto";
import { LEVEL } from "../helpers/capture-log.js";
import { closeChecked } from "../helpers/close-checked.js";
import { startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";
import { seedHistory } from "../helpers/seed-history.js";
import { neutralizeMarkers } from "../../src/core/markers.js";
import type { Sandbox } from "../../src/sandbox/index.js";

/*
 * The onboarding issue, end to end over HTTP: the app is running when a repository with a history
 * of hand-made meeting issues is added to its installation (GitHub sends
 * installation_repositories.added); it reads the history and opens one "Set up meeting-bot" issue.
 */

const ORG = "platform-team";
const REPO = `${ORG}/ops`;
const CONFIG_PATH = ".github/meeting-bot.yml";
let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

/** Start the app on an installation without repositories, at `now`. */
async function startApp(now: string): Promise<MeetingWorld> {
  return startMeetingWorld(now, (sandbox) => {
    sandbox.addInstallation({ account: ORG, type: "Organization" });
  });
}

/** Add a repository to the installation with a history already in it, as GitHub does: one installation_repositories.added. */
async function addRepositoryWith(sandbox: Sandbox, seed: (sandbox: Sandbox) => void, options: { archived?: boolean } = {}): Promise<string> {
  const installation = [...sandbox.state.installations.values()][0];
  if (!installation) throw new Error("no installation");
  sandbox.setDeliveryMode("capture");
  sandbox.addRepository(installation.id, "ops", { defaultBranch: "main", ...options });
  const added = sandbox.deliveries.at(-1);
  seed(sandbox);
  sandbox.setDeliveryMode("send");
  if (!added || added.event !== "installation_repositories") throw new Error("no installation_repositories delivery");
  await sandbox.redeliver(added.id);
  return added.id;
}

const onboardingIssues = (sandbox: Sandbox) => sandbox.issues(REPO).filter((issue) => issue.title === "Set up meeting-bot");
/** The prefilled file of a "create new file" link in the issue body. */
function linkedFile(body: string, path: string): string {
  const match = new RegExp(`\\(([^)\\s]*/new/main\\?filename=${encodeURIComponent(path).replace(/[.]/g, "\\.")}&value=[^)\\s]*)\\)`).exec(body);
  if (!match) throw new Error(`no link for ${path} in:\n${body}`);
  return new URL(match[1] as string).searchParams.get("value") ?? "";
}

describe("the onboarding issue", () => {
  it("weekly meetings, numbered titles: one issue with both files, one-click links, the first meeting as it will be created; adding them sets the repository up", async () => {
    world = await startApp("2026-03-04T12:00:00Z");
    const numbers = new Map<number, number>();
    await addRepositoryWith(world.sandbox, (sandbox) => seedHistory(sandbox, REPO, "weekly-numbered-label").forEach((to, from) => numbers.set(from, to)));
    await world.sandbox.webhooksIdle();

    const [onboarding, ...more] = onboardingIssues(world.sandbox);
    expect(more).toEqual([]);
    if (!onboarding) throw new Error("no onboarding issue");
    expect(onboarding.user.login).toBe("meeting-bot[bot]");
    const body = onboarding.body ?? "";
    expect(body).toContain("6 past meeting issues show that the team meets here");
    expect(body).toContain("**Not interested? Close this issue**: meeting-bot will not ask again.");
    expect(body).toContain("- Meetings are on Tuesdays: 6 of 6 meeting dates in titles and notes fall on one.");
    const config = linkedFile(body, CONFIG_PATH);
    const template = linkedFile(body, ".github/ISSUE_TEMPLATE/meeting.md");
    expect(config).toContain("weekday: tuesday\n      time: \"15:00\"\n      timezone: UTC\n");
    expect(body).toContain(`\`\`\`yaml\n${config}\`\`\``);
    expect(template).toContain("title: 'Platform Team Weekly #{{number}}'");
    expect(body).toContain("gh issue list --state all --limit 200 --json number,title,body,createdAt,labels,author > meeting-history.json\nnpx meeting-bot init --from meeting-history.json --write");
    // The first issue: numbered after the team's last (#014), for the next Tuesday, carrying its open items.
    expect(body).toContain("**Platform Team Weekly \\#015** · labels `meeting`");
    expect(body).toContain("Meets Tuesday, March 10, 2026, 15:00 UTC");
    expect(body).toContain(`- **Previous meeting:** #${numbers.get(105)}`);

    // The template is listed first: a team following the links in order has a working setup when the config lands.
    expect(body.indexOf("### 1. `.github/ISSUE_TEMPLATE/meeting.md`")).toBeGreaterThan(0);
    expect(body.indexOf("### 2. `.github/meeting-bot.yml`")).toBeGreaterThan(body.indexOf("### 1. `.github/ISSUE_TEMPLATE/meeting.md`"));
    // Someone follows both links in that order (GitHub commits each file to the default branch: two pushes).
    world.sandbox.putFile(REPO, ".github/ISSUE_TEMPLATE/meeting.md", template, { push: true, user: "maria" });
    world.sandbox.putFile(REPO, CONFIG_PATH, config, { push: true, user: "maria" });
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.issue(REPO, onboarding.number).state).toBe("closed");
    expect(world.sandbox.comments(REPO, onboarding.number).map((comment) => comment.body)).toEqual([
      "`.github/meeting-bot.yml` is on the default branch: meeting-bot is set up and opens each meeting issue on schedule. Closing this issue.",
    ]);
    await world.bot.tick();
    const created = world.sandbox.issues(REPO).filter((issue) => issue.user.login === "meeting-bot[bot]" && issue.title !== "Set up meeting-bot");
    expect(created.map((issue) => issue.title)).toEqual(["Platform Team Weekly #015"]);
    // Exactly the preview: the body shown in the onboarding issue is the body created.
    expect(body).toContain(`\`\`\`markdown\n${neutralizeMarkers(created[0]?.body ?? "-")}\`\`\``);
    expect(world.logs.filter((line) => line.level >= LEVEL.error)).toEqual([]);
  });

  it("the same title every week: the date is added, yet the app adopts the team's hand-made issue of this week, then follows it and carries its open items; config before template still closes the onboarding issue", async () => {
    // Tuesday, February 3: the team opened its issue for Wednesday's meeting by hand yesterday.
    world = await startApp("2026-02-03T10:00:00Z");
    const numbers = new Map<number, number>();
    await addRepositoryWith(world.sandbox, (sandbox) => seedHistory(sandbox, REPO, "same-title-each-week").forEach((to, from) => numbers.set(from, to)));
    await world.sandbox.webhooksIdle();
    const [onboarding] = onboardingIssues(world.sandbox);
    if (!onboarding) throw new Error("no onboarding issue");
    const body = onboarding.body ?? "";
    expect(body).toContain("**Design review meeting 2026-02-11** · labels `meeting`");
    const config = linkedFile(body, CONFIG_PATH);
    const template = linkedFile(body, ".github/ISSUE_TEMPLATE/meeting.md");
    expect(template).toContain("title: 'Design review meeting {{date:yyyy-MM-dd}}'");

    // Out of order: the config lands first (its template missing: not ready yet), then the template.
    world.sandbox.putFile(REPO, CONFIG_PATH, config, { push: true, user: "maya" });
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.issue(REPO, onboarding.number).state).toBe("open");
    world.sandbox.putFile(REPO, ".github/ISSUE_TEMPLATE/meeting.md", template, { push: true, user: "maya" });
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.issue(REPO, onboarding.number).state).toBe("closed");

    const created = () => world?.sandbox.issues(REPO).filter((issue) => issue.user.login === "meeting-bot[bot]" && issue.title !== "Set up meeting-bot") ?? [];
    const last = numbers.get(312) as number;
    // This week's meeting has its hand-made issue ("Design review meeting", no date): no duplicate.
    await world.bot.tick();
    expect(created()).toEqual([]);
    expect(world.sandbox.issue(REPO, last).state).toBe("open");

    // After Wednesday's meeting, next week's issue: it follows the hand-made one and carries its open items.
    world.clock.set("2026-02-04T18:00:00Z");
    await world.bot.tick();
    expect(created().map((issue) => issue.title)).toEqual(["Design review meeting 2026-02-11"]);
    const next = created()[0]?.body ?? "";
    expect(next).toContain("- [ ] Ask legal about the cookie banner");
    expect(next).toContain("- [ ] Try the new icon set on the settings page");
    expect(next).toContain(`Previous meeting: #${last}`);
    expect(world.sandbox.issue(REPO, last).state).toBe("closed");
    await world.bot.tick();
    expect(created()).toHaveLength(1);
    // The one error: the config alone on the default branch, which names a template not there yet.
    expect(world.logs.filter((line) => line.level >= LEVEL.error).map((line) => line.msg)).toEqual([expect.stringContaining(".github/ISSUE_TEMPLATE/meeting.md does not exist on the default branch")]);
  });

  it("fortnightly meetings with dated titles and a zone in the notes: every 2 weeks, in that zone", async () => {
    world = await startApp("2026-03-06T12:00:00Z");
    await addRepositoryWith(world.sandbox, (sandbox) => seedHistory(sandbox, REPO, "fortnightly-dated-titles"));
    await world.sandbox.webhooksIdle();
    const [onboarding] = onboardingIssues(world.sandbox);
    const config = linkedFile(onboarding?.body ?? "", CONFIG_PATH);
    expect(config).toContain("      weekday: thursday\n      time: \"17:00\"\n      timezone: Europe/Berlin\n      every: 2\n      anchor: 2026-03-05\n");
    expect(onboarding?.body).toContain("**Docs sync 2026-03-19** · labels `docs-sync`");
  });

  it("the zone named in the notes, not beside the time", async () => {
    world = await startApp("2026-03-05T12:00:00Z");
    await addRepositoryWith(world.sandbox, (sandbox) => seedHistory(sandbox, REPO, "zone-named-in-notes"));
    await world.sandbox.webhooksIdle();
    const config = linkedFile(onboardingIssues(world.sandbox)[0]?.body ?? "", CONFIG_PATH);
    expect(config).toContain("timezone: America/New_York");
  });

  it("nothing in a repository without evidence of meetings: two reads, no write", async () => {
    world = await startApp("2026-03-04T12:00:00Z");
    world.sandbox.resetLog();
    await addRepositoryWith(world.sandbox, (sandbox) => seedHistory(sandbox, REPO, "no-evidence"));
    await world.sandbox.webhooksIdle();
    expect(onboardingIssues(world.sandbox)).toEqual([]);
    const repoRequests = world.sandbox.requests.filter((request) => request.path.startsWith(`/repos/${REPO}/`));
    expect(repoRequests.map((request) => `${request.method} ${request.route}`)).toEqual([
      "GET /repos/{owner}/{repo}/contents/{path}",
      "GET /repos/{owner}/{repo}/issues",
      "GET /repos/{owner}/{repo}/contents/{path}",
    ]);
  });

  it("nothing when the meeting-like issues are not the team's: anyone can open issues with counting titles", async () => {
    world = await startApp("2026-03-04T12:00:00Z");
    await addRepositoryWith(world.sandbox, (sandbox) => seedHistory(sandbox, REPO, "titles-only-no-label", { outsiders: true }));
    await world.sandbox.webhooksIdle();
    expect(onboardingIssues(world.sandbox)).toEqual([]);
  });

  it.each([
    ["a team that stopped meeting (newest meeting 300 days ago)", "dormant-team", "2026-03-02T12:00:00Z", "the team does not seem to meet here any more"],
    ["weak evidence (three issues about a meeting room and invites, labelled meeting)", "weak-meeting-label", "2026-02-25T12:00:00Z", "The evidence is weak"],
    ["sync chores and a release call", "no-onboarding-sync-chores", "2026-02-24T12:00:00Z", undefined],
  ])("nothing for %s", async (_name, fixture, now, logged) => {
    world = await startApp(now);
    await addRepositoryWith(world.sandbox, (sandbox) => seedHistory(sandbox, REPO, fixture));
    await world.sandbox.webhooksIdle();
    expect(onboardingIssues(world.sandbox)).toEqual([]);
    expect(world.sandbox.countRequests({ method: "POST", route: "/repos/{owner}/{repo}/issues" })).toBe(0);
    if (logged) expect(world.logs.map((line) => line.msg)).toContainEqual(expect.stringMatching(new RegExp(`^not offering a setup: .*${logged}`)));
  });

  it("nothing in an archived repository, whatever its history", async () => {
    world = await startApp("2026-03-04T12:00:00Z");
    await addRepositoryWith(world.sandbox, (sandbox) => seedHistory(sandbox, REPO, "weekly-numbered-label"), { archived: true });
    await world.sandbox.webhooksIdle();
    expect(onboardingIssues(world.sandbox)).toEqual([]);
    expect(world.logs.map((line) => line.msg)).toContain("not offering a setup: the repository is archived");
  });

  it("an installation bringing several repositories: one that cannot be read does not keep the others from their offer", async () => {
    world = await startApp("2026-03-04T12:00:00Z");
    const sandbox = world.sandbox;
    const installation = [...sandbox.state.installations.values()][0];
    if (!installation) throw new Error("no installation");
    sandbox.setDeliveryMode("capture");
    sandbox.addRepository(installation.id, "ops", { defaultBranch: "main" });
    sandbox.addRepository(installation.id, "web", { defaultBranch: "main" });
    seedHistory(sandbox, REPO, "weekly-numbered-label");
    seedHistory(sandbox, `${ORG}/web`, "weekly-numbered-label");
    sandbox.setDeliveryMode("send");
    // As GitHub sends an organisation-wide change: one delivery naming both repositories.
    const [first, second] = sandbox.deliveries.filter((delivery) => delivery.event === "installation_repositories").slice(-2);
    const payload = JSON.parse(first?.body ?? "{}") as { repositories_added: unknown[] };
    payload.repositories_added = [...payload.repositories_added, ...(JSON.parse(second?.body ?? "{}") as { repositories_added: unknown[] }).repositories_added];
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { ...first?.headers, "x-hub-signature-256": `sha256=${createHmac("sha256", world.webhookSecret).update(body).digest("hex")}` };
    delete headers["x-hub-signature"];
    sandbox.faults.add({ method: "GET", route: new RegExp(`^/repos/${REPO}/contents/`), fault: { kind: "status", status: 500 } });
    const response = await fetch(world.webhookUrl, { method: "POST", headers, body });
    expect(response.ok).toBe(true);
    // Probot answers at once and handles the event after: wait for the second repository's offer (bounded).
    const offered = () => sandbox.issues(`${ORG}/web`).filter((issue) => issue.title === "Set up meeting-bot");
    for (let waited = 0; offered().length === 0 && waited < 25_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(offered()).toHaveLength(1);
    expect(onboardingIssues(sandbox)).toEqual([]);
    expect(world.logs.map((line) => line.msg)).toContainEqual(expect.stringContaining("could not read a repository added to the installation"));
  });

  it("never where a config exists", async () => {
    world = await startApp("2026-03-04T12:00:00Z");
    await addRepositoryWith(world.sandbox, (sandbox) => {
      seedHistory(sandbox, REPO, "weekly-numbered-label");
      sandbox.putFile(REPO, CONFIG_PATH, "schedule: { weekday: tuesday }\n");
      sandbox.putFile(REPO, ".github/ISSUE_TEMPLATE/meeting.md", "## Agenda\n\n## Action Items\n\n## Open Discussion\n");
    });
    await world.sandbox.webhooksIdle();
    expect(onboardingIssues(world.sandbox)).toEqual([]);
  });

  it("one issue only, across redelivery and a restart; a closed one is respected, also after a config came and went", async () => {
    world = await startApp("2026-03-04T12:00:00Z");
    const delivery = await addRepositoryWith(world.sandbox, (sandbox) => seedHistory(sandbox, REPO, "weekly-numbered-label"));
    await world.sandbox.webhooksIdle();
    await world.sandbox.redeliver(delivery);
    expect(onboardingIssues(world.sandbox)).toHaveLength(1);

    // A new process (memory empty) gets the same delivery again.
    await world.stopApp();
    const restarted = await startMeetingWorld("2026-03-04T13:00:00Z", undefined, { sandbox: { running: world.sandbox, privateKey: world.privateKey } });
    try {
      await restarted.sandbox.redeliver(delivery);
      expect(onboardingIssues(world.sandbox)).toHaveLength(1);

      // "No thanks": closed by a maintainer. The repository is removed and added again: nothing.
      const [onboarding] = onboardingIssues(world.sandbox);
      world.sandbox.editIssue(REPO, onboarding?.number ?? 0, { state: "closed", stateReason: "not_planned" }, { user: "maria" });
      await restarted.sandbox.redeliver(delivery);
      expect(onboardingIssues(world.sandbox).map((issue) => issue.state)).toEqual(["closed"]);

      // A config is added, then deleted: the app does not offer a setup again.
      world.sandbox.putFile(REPO, CONFIG_PATH, "schedule: { weekday: tuesday }\ncarryOver: []\n", { push: true });
      world.sandbox.putFile(REPO, ".github/ISSUE_TEMPLATE/meeting.md", "## Agenda\n", { push: true });
      await world.sandbox.webhooksIdle();
      world.sandbox.deleteFile(REPO, CONFIG_PATH, { push: true });
      await restarted.sandbox.redeliver(delivery);
      expect(onboardingIssues(world.sandbox)).toHaveLength(1);
    } finally {
      await restarted.stopApp();
    }
  });
});
