import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { Redis } from "ioredis";
import { parseMarkers } from "../../src/core/markers.js";
import { startSandbox, type Delivery, type Sandbox } from "../../src/sandbox/index.js";
import { startAppProcess, type AppProcess } from "../helpers/app-process.js";
import { privateKey } from "../helpers/keys.js";
import { CONFIG_PATH, EXAMPLE_TEMPLATE, REPO, TEMPLATE_PATH } from "../helpers/meeting-world.js";
import { commentDelivery, configDueNow, until } from "../helpers/replica-helpers.js";

/**
 * `/meeting` commands with two replicas as an operator runs them: two `probot run ./lib/index.js`
 * processes (the built code), one real Redis (REDIS_URL; this file uses its database 10 and
 * empties it), one GitHub (the sandbox over HTTP). The test posts each signed delivery to the
 * process it chooses, as GitHub's load balancer would; the same delivery to both at once is a
 * redelivery racing the original.
 */
const redisUrl = process.env.REDIS_URL;
const SECRET = "meeting-replicas-secret";
const DB = 10;
jest.setTimeout(180_000);

let sandbox: Sandbox;
let admin: Redis;
const apps: AppProcess[] = [];

const withDb = (url: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${DB}`;
  return parsed.toString();
};



/** A comment by a team member, captured (not delivered), and its signed delivery. */
function comment(issue: number, text: string): { id: number; delivery: Delivery } {
  const written = sandbox.comment(REPO, issue, text, { user: "alice", association: "MEMBER" });
  return { id: written.id, delivery: commentDelivery(sandbox, written.id) };
}

async function post(delivery: Delivery, app: AppProcess): Promise<number> {
  const response = await fetch(app.webhookUrl, { method: "POST", headers: delivery.headers, body: delivery.body });
  await response.arrayBuffer();
  return response.status === 202 ? 200 : response.status;
}

const meetings = () => sandbox.issues(REPO).filter((issue) => issue.user.login === "meeting-bot[bot]" && issue.labels.some((label) => label.name === "meeting"));
const botComments = (issue: number) => sandbox.comments(REPO, issue).filter((c) => c.user.login === "meeting-bot[bot]").map((c) => c.body);
const reactions = (issue: number, id: number) => sandbox.comments(REPO, issue).find((c) => c.id === id)?.reactions.filter((r) => r.user.login === "meeting-bot[bot]").map((r) => r.content) ?? [];
const decisions = (issue: number) => parseMarkers(sandbox.issue(REPO, issue).body ?? "").filter((fields) => fields.skip || fields.unskip);

(redisUrl ? describe : describe.skip)("/meeting with two app processes over one real Redis (REDIS_URL)", () => {
  let a: AppProcess;
  let b: AppProcess;

  beforeAll(async () => {
    admin = new Redis(withDb(redisUrl as string), { maxRetriesPerRequest: 1 });
    await admin.flushdb();
    sandbox = await startSandbox({ appId: 779, privateKey, webhookSecret: SECRET });
    sandbox.setDeliveryMode("capture");
    const installation = sandbox.addInstallation({ account: "rust-lang", type: "Organization" });
    sandbox.addRepository(installation.id, "crates-io-cargo-teams", { defaultBranch: "main" });
    sandbox.putFile(REPO, CONFIG_PATH, configDueNow("roles:\n  moderator: [alice, bob]\n"));
    sandbox.putFile(REPO, TEMPLATE_PATH, EXAMPLE_TEMPLATE);
    const env = {
      APP_ID: "779",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: sandbox.url.replace("http://", ""),
      GHE_PROTOCOL: "http",
      REDIS_URL: withDb(redisUrl as string),
    };
    [a, b] = await Promise.all([startAppProcess("A", env), startAppProcess("B", env)]);
    apps.push(a, b);
  });

  afterAll(async () => {
    for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill("SIGKILL");
    await Promise.all(apps.map((app) => app.exited));
    await sandbox?.close();
    await admin?.flushdb();
    admin?.disconnect();
  });

  it("a skip delivered to both processes at once is made once; the other process's /agenda goes to the next meeting; an unskip on the first process gives the place back", async () => {
    const meeting = await until(apps, "the meeting issue", () => meetings()[0]);
    await until(apps, "both processes to load the config", () => (a.output().includes("meeting config loaded") && b.output().includes("meeting config loaded") ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(meetings()).toHaveLength(1);
    const title = meeting.title;

    // The skip, and a redelivery of it racing it on the other replica.
    const skip = comment(meeting.number, "/meeting skip");
    expect(await Promise.all([post(skip.delivery, a), post(skip.delivery, b)])).toEqual([200, 200]);
    await until(apps, "the skip", () => (sandbox.issue(REPO, meeting.number).state === "closed" && botComments(meeting.number).length >= 1 && reactions(meeting.number, skip.id).length >= 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(decisions(meeting.number)).toEqual([expect.objectContaining({ skip: expect.any(String), by: "alice" })]);
    expect(botComments(meeting.number).filter((body) => body.startsWith("No meeting on"))).toHaveLength(1);
    expect(reactions(meeting.number, skip.id)).toEqual(["+1"]);

    // B reads the skip from GitHub: its /agenda opens the next meeting's issue, which takes the skipped one's number.
    const agenda = comment(meeting.number, "/agenda add Roadmap");
    expect(await post(agenda.delivery, b)).toBe(200);
    const next = await until(apps, "the next meeting's issue", () => meetings().find((issue) => issue.number !== meeting.number));
    await until(apps, "the item", () => (sandbox.issue(REPO, next.number).body?.includes("- [ ] Roadmap (@alice") ? true : undefined));
    expect(sandbox.issue(REPO, next.number).title).toBe(title);

    // A unskips: the skipped meeting's issue is back, the next one follows it with the next number.
    const unskip = comment(meeting.number, "/meeting unskip");
    expect(await post(unskip.delivery, a)).toBe(200);
    await until(apps, "the unskip", () => (sandbox.issue(REPO, meeting.number).state === "open" && reactions(meeting.number, unskip.id).length >= 1 ? true : undefined));
    expect(sandbox.issue(REPO, meeting.number).title).toBe(title);
    await until(apps, "the renumbered next issue", () => (sandbox.issue(REPO, next.number).title !== title ? true : undefined));
    expect(sandbox.issue(REPO, next.number).title).toBe(title.replace(/#(\d+)$/, (_, n: string) => `#${Number(n) + 1}`));
    expect(sandbox.issue(REPO, next.number).body).toContain("Roadmap");
    expect(meetings()).toHaveLength(2);
    for (const app of [a, b]) expect(app.output()).not.toMatch(/"level":50/);
  });
});
