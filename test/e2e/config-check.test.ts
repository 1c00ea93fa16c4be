import { afterEach, describe, expect, it } from "@jest/globals";
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { closeChecked } from "../helpers/close-checked.js";
import { CONFIG, CONFIG_PATH, EXAMPLE_TEMPLATE, REPO, seedCratesIo, startMeetingWorld, TEMPLATE_PATH, type MeetingWorld } from "../helpers/meeting-world.js";

/*
 * The "meeting-bot" check run, end to end over HTTP: pull requests and default-branch pushes that
 * change the config, a template it names, or a file it `_extends` get one; others cost nothing.
 */

const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as Array<{ name: string; examples: unknown[] }>;
let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

const AFTER_001 = "2020-09-12T00:00:00Z";
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;
const runs = (w: MeetingWorld, repo = REPO) => w.sandbox.checkRuns(repo).filter((run) => run.name === "meeting-bot");
const head = (w: MeetingWorld, branch: string, repo = REPO) => w.sandbox.state.repository(repo).heads.get(branch);

describe("the meeting-bot check run", () => {
  it("a valid change in a pull request: success, read from the pull request's head, with the next issue and five dates; once per commit", async () => {
    world = await startMeetingWorld(AFTER_001);
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace('time: "20:30"', 'time: "21:15"'), { branch: "later" });
    world.sandbox.openPullRequest(REPO, { title: "Meet at 21:15", head: "later", user: "jtgeibel" });
    await world.sandbox.webhooksIdle();

    const [run, ...more] = runs(world);
    expect(more).toEqual([]);
    expect(run).toMatchObject({ headSha: head(world, "later"), status: "completed", conclusion: "success", annotations: [] });
    expect(run?.output.title).toBe("Next: Crates.io Weekly Team Meeting #002");
    expect(run?.output.summary).toContain("Meets Friday, September 18, 2020, 21:15 UTC");
    expect(run?.output.summary).toContain("5. Friday, October 16, 2020, 21:15 UTC");
    expect(run?.output.summary).toContain("| Asia/Tokyo | Saturday, September 19, 2020, 06:15 UTC+9 |");
    expect(run?.output.text).toContain("- [ ] Try to nail down the next zoom meeting through Discord");

    // GitHub redelivers the event: the same outcome is there already, nothing is written.
    const opened = world.sandbox.deliveries.find((delivery) => delivery.event === "pull_request" && delivery.action === "opened");
    await world.sandbox.redeliver(opened?.id ?? "");
    expect(runs(world)).toHaveLength(1);
    expect(world.sandbox.countRequests({ method: "POST", route: "/repos/{owner}/{repo}/check-runs" })).toBe(1);
  });

  it("an invalid change: failure with every problem at its file and line; each push to the pull request is checked again", async () => {
    world = await startMeetingWorld(AFTER_001);
    const broken = CONFIG.replace("timezone: UTC", "timezone: Europe/Berln").replace('time: "20:30"', 'time: "25:00"');
    world.sandbox.putFile(REPO, CONFIG_PATH, broken, { branch: "tz" });
    world.sandbox.openPullRequest(REPO, { title: "Berlin time", head: "tz", user: "jtgeibel" });
    await world.sandbox.webhooksIdle();
    const [first] = runs(world);
    expect(first?.conclusion).toBe("failure");
    expect(first?.output.title).toBe("2 problems in .github/meeting-bot.yml");
    expect(first?.annotations.map((a) => [a.path, a.start_line, a.annotation_level, a.title, a.message])).toEqual([
      [CONFIG_PATH, lineOf(broken, "25:00"), "failure", "series[0].schedule.time", '"25:00" is not a time; write HH:mm in 24-hour form, e.g. "20:30"'],
      [CONFIG_PATH, lineOf(broken, "Europe/Berln"), "failure", "series[0].schedule.timezone", 'unknown time zone "Europe/Berln"; use an IANA name such as "Europe/Berlin"'],
    ]);

    // The config is fixed, but the template loses a section and gets a typo: checked at the new head.
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace("timezone: UTC", "timezone: Europe/Berlin"), { branch: "tz", push: true });
    const template = EXAMPLE_TEMPLATE.replace("- **Date/Time:** {{date}}", "- **Date/Time:** {{dat}}").replace("### Open Discussion\n", "");
    world.sandbox.putFile(REPO, TEMPLATE_PATH, template, { branch: "tz", push: true });
    await world.sandbox.webhooksIdle();
    const latest = runs(world).at(-1);
    expect(latest?.headSha).toBe(head(world, "tz"));
    expect(latest?.conclusion).toBe("failure");
    expect(latest?.annotations.map((a) => [a.path, a.start_line, a.message.split(";")[0]])).toEqual([
      [TEMPLATE_PATH, lineOf(template, "{{dat}}"), "unknown placeholder {{dat}}"],
      // Reported at the body's first line: a missing section has no line of its own.
      [TEMPLATE_PATH, 7, expect.stringContaining('the template has no "Open Discussion" section')],
    ].sort((a, b) => Number(a[1]) - Number(b[1])));
    // The default branch was never read for these: main still has the valid files.
    expect(world.sandbox.readFile(REPO, TEMPLATE_PATH)).toBe(EXAMPLE_TEMPLATE);

    world.sandbox.putFile(REPO, TEMPLATE_PATH, EXAMPLE_TEMPLATE, { branch: "tz", push: true });
    await world.sandbox.webhooksIdle();
    expect(runs(world).at(-1)).toMatchObject({ headSha: head(world, "tz"), conclusion: "success" });
    expect(runs(world).at(-1)?.output.summary).toContain("Meets Friday, September 18, 2020, 20:30 CEST");
  });

  it("a config that does not validate and a broken template in one pull request: every problem at once, in both files, read from the head", async () => {
    world = await startMeetingWorld(AFTER_001);
    const broken = CONFIG.replace("timezone: UTC", "timezone: Europe/Berln");
    const template = EXAMPLE_TEMPLATE.replace("- **Date/Time:** {{date}}", "- **Date/Time:** {{dat}}");
    world.sandbox.putFile(REPO, CONFIG_PATH, broken, { branch: "both" });
    world.sandbox.putFile(REPO, TEMPLATE_PATH, template, { branch: "both" });
    world.sandbox.openPullRequest(REPO, { title: "Berlin, and a typo", head: "both", user: "jtgeibel" });
    await world.sandbox.webhooksIdle();
    const [run] = runs(world);
    expect(run?.conclusion).toBe("failure");
    expect(run?.output.title).toBe(`2 problems in ${TEMPLATE_PATH}, ${CONFIG_PATH}`);
    expect(run?.annotations.map((a) => [a.path, a.start_line, a.message.split(";")[0]])).toEqual([
      [TEMPLATE_PATH, lineOf(template, "{{dat}}"), "unknown placeholder {{dat}}"],
      [CONFIG_PATH, lineOf(broken, "Europe/Berln"), 'unknown time zone "Europe/Berln"'],
    ]);
  });

  it("more problems than GitHub takes in one request (50 annotations): all of them, created then added by an update; a redelivery writes nothing", async () => {
    world = await startMeetingWorld(AFTER_001);
    const typos = Array.from({ length: 61 }, (_, index) => `- {{placeholder_${index + 1}}}`).join("\n");
    const template = `${EXAMPLE_TEMPLATE}\n${typos}\n`;
    world.sandbox.putFile(REPO, TEMPLATE_PATH, template, { branch: "typos" });
    world.sandbox.openPullRequest(REPO, { title: "Many typos", head: "typos", user: "jtgeibel" });
    await world.sandbox.webhooksIdle();
    const [run, ...more] = runs(world);
    expect(more).toEqual([]);
    expect(run?.output.title).toBe(`61 problems in ${TEMPLATE_PATH}`);
    expect(run?.annotations).toHaveLength(61);
    expect(run?.annotations.at(-1)).toMatchObject({ path: TEMPLATE_PATH, start_line: lineOf(template, "{{placeholder_61}}") });
    expect(world.sandbox.countRequests({ method: "POST", route: "/repos/{owner}/{repo}/check-runs" })).toBe(1);
    expect(world.sandbox.countRequests({ method: "PATCH", route: "/repos/{owner}/{repo}/check-runs/{check_run_id}" })).toBe(1);
    const opened = world.sandbox.deliveries.find((delivery) => delivery.event === "pull_request" && delivery.action === "opened");
    await world.sandbox.redeliver(opened?.id ?? "");
    expect(runs(world)).toHaveLength(1);
    expect(world.sandbox.countRequests({ method: "PATCH", route: "/repos/{owner}/{repo}/check-runs/{check_run_id}" })).toBe(1);
  });

  it("a push whose commit list may be cut (20 commits listed, the template's change not among them) is still checked, and the setup re-read", async () => {
    world = await startMeetingWorld(AFTER_001);
    world.sandbox.setDeliveryMode("capture");
    const template = EXAMPLE_TEMPLATE.replace("- **Date/Time:** {{date}}", "- **Date/Time:** {{dat}}");
    world.sandbox.putFile(REPO, TEMPLATE_PATH, template, { push: true, user: "jtgeibel" });
    const push = world.sandbox.deliveries.at(-1);
    if (!push || push.event !== "push") throw new Error("no push delivery");
    // As GitHub lists a long push: 20 commits, none of them the one that changed the template.
    const payload = JSON.parse(push.body) as { commits: Array<Record<string, unknown>> };
    const [listed] = payload.commits;
    payload.commits = Array.from({ length: 20 }, (_, index) => ({ ...listed, id: `${index}`.padStart(40, "a"), added: [], removed: [], modified: [`src/part-${index}.rs`] }));
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { ...push.headers, "x-hub-signature-256": `sha256=${createHmac("sha256", world.webhookSecret).update(body).digest("hex")}` };
    delete headers["x-hub-signature"];
    const response = await fetch(world.webhookUrl, { method: "POST", headers, body });
    expect(response.status).toBe(200);
    await world.sandbox.webhooksIdle();
    const [run] = runs(world);
    expect(run).toMatchObject({ headSha: head(world, "main"), conclusion: "failure" });
    expect(run?.annotations.map((a) => [a.path, a.start_line])).toEqual([[TEMPLATE_PATH, lineOf(template, "{{dat}}")]]);
    // The app re-read the setup too: it knows the template is broken.
    expect(world.logs.map((line) => line.msg)).toContainEqual(expect.stringContaining("no meeting issues until it is fixed"));
  });

  it("\"Re-run\" on the check run (check_run.rerequested) checks the commit again and writes a new run; another app's run is left alone", async () => {
    world = await startMeetingWorld(AFTER_001);
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace('time: "20:30"', 'time: "21:15"'), { branch: "later" });
    world.sandbox.openPullRequest(REPO, { title: "Meet at 21:15", head: "later", user: "jtgeibel" });
    await world.sandbox.webhooksIdle();
    const [first] = runs(world);
    const opened = world.sandbox.deliveries.find((delivery) => delivery.event === "pull_request" && delivery.action === "opened");
    const { repository, installation, sender } = JSON.parse(opened?.body ?? "{}") as Record<string, unknown>;
    const rerequest = async (app: string) => {
      // GitHub's own example of the event, pointed at this repository and run.
      const example = examples.find((event) => event.name === "check_run")?.examples.find((payload) => (payload as { action?: string }).action === "rerequested") as { check_run: Record<string, unknown> };
      const body = JSON.stringify({ ...example, action: "rerequested", check_run: { ...example.check_run, id: first?.id, name: "meeting-bot", head_sha: first?.headSha, app: { ...(example.check_run.app as object), slug: app } }, repository, installation, sender });
      const signature = `sha256=${createHmac("sha256", world?.webhookSecret ?? "").update(body).digest("hex")}`;
      const headers = { "content-type": "application/json", "x-github-event": "check_run", "x-github-delivery": `rerun-${app}`, "x-hub-signature-256": signature };
      const response = await fetch(world?.webhookUrl ?? "", { method: "POST", headers, body });
      expect(response.status).toBe(200);
      await world?.sandbox.webhooksIdle();
    };
    await rerequest("someone-else");
    expect(runs(world)).toHaveLength(1);
    await rerequest("meeting-bot");
    const again = runs(world);
    expect(again).toHaveLength(2);
    expect(again[1]).toMatchObject({ headSha: first?.headSha, conclusion: "success" });
    expect(again[1]?.output.title).toBe("Next: Crates.io Weekly Team Meeting #002");
  });

  it("a push to the default branch that breaks a template: failure on that commit, at the line", async () => {
    world = await startMeetingWorld(AFTER_001);
    const template = EXAMPLE_TEMPLATE.replace("- **Moderator:** {{moderator}}", "- **Moderator:** {{moderater}}");
    world.sandbox.putFile(REPO, TEMPLATE_PATH, template, { push: true, user: "jtgeibel" });
    await world.sandbox.webhooksIdle();
    const [run] = runs(world);
    expect(run).toMatchObject({ headSha: head(world, "main"), conclusion: "failure" });
    expect(run?.annotations).toEqual([
      expect.objectContaining({ path: TEMPLATE_PATH, start_line: lineOf(template, "{{moderater}}"), message: expect.stringContaining("unknown placeholder {{moderater}}; did you mean {{moderator}}?") }),
    ]);
  });

  it("changes that touch no part of the setup get no check run and cost one request (the pull request's files)", async () => {
    world = await startMeetingWorld(AFTER_001);
    world.sandbox.resetLog();
    world.sandbox.putFile(REPO, "README.md", "# crates.io\n", { branch: "docs" });
    world.sandbox.openPullRequest(REPO, { title: "Docs", head: "docs", user: "jtgeibel" });
    world.sandbox.putFile(REPO, "CONTRIBUTING.md", "Be kind.\n", { push: true });
    await world.sandbox.webhooksIdle();
    expect(runs(world)).toEqual([]);
    expect(world.sandbox.requests.map((request) => `${request.method} ${request.route}`)).toEqual(["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"]);
  });

  it("a pull request to the organization's defaults, which a team config `_extends`, is checked for that team", async () => {
    const ORG = "rust-lang/.github";
    const DEFAULTS = "meeting-bot/defaults.yml";
    world = await startMeetingWorld(AFTER_001, (sandbox) => {
      seedCratesIo(sandbox, { config: `_extends: .github:${DEFAULTS}\n` });
      sandbox.addRepository(sandbox.state.repository(REPO).installationId, ".github", { defaultBranch: "main" });
      sandbox.putFile(ORG, DEFAULTS, CONFIG);
    });
    const broken = CONFIG.replace("weekday: friday", "weekday: friyay");
    world.sandbox.putFile(ORG, DEFAULTS, broken, { branch: "weekday" });
    world.sandbox.openPullRequest(ORG, { title: "Move the meeting", head: "weekday", user: "jtgeibel" });
    await world.sandbox.webhooksIdle();
    const [run] = runs(world, ORG);
    expect(run).toMatchObject({ headSha: head(world, "weekday", ORG), conclusion: "failure" });
    expect(run?.annotations.map((a) => [a.path, a.start_line, a.title])).toEqual([[DEFAULTS, lineOf(broken, "friyay"), "series[0].schedule.weekday"]]);
    expect(runs(world)).toEqual([]);
  });
});
