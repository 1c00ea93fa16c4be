import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { Redis } from "ioredis";
import { startSandbox, type Delivery, type Sandbox } from "../../src/sandbox/index.js";
import { freePort, startAppProcess, type AppProcess } from "../helpers/app-process.js";
import { privateKey } from "../helpers/keys.js";
import { CONFIG_PATH, EXAMPLE_TEMPLATE, REPO, TEMPLATE_PATH } from "../helpers/meeting-world.js";
import { commentDelivery, configDueNow, until } from "../helpers/replica-helpers.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

/**
 * Replicas as an operator runs them: app processes started from the built code (`probot run
 * ./lib/index.js`), one real Redis (REDIS_URL, the one CI starts; this file uses its database 9 and
 * empties it), one GitHub (the sandbox, over HTTP). Deliveries are signed by the sandbox and posted
 * by the test to the process it chooses, as GitHub's load balancer would, so bursts arrive at once.
 * The processes reach Redis through a TCP proxy, so the test can restart "the Redis" (drop every
 * connection and the data) without disturbing other tests that share it.
 */
const redisUrl = process.env.REDIS_URL;
const SECRET = "replicas-secret";
const DB = 9;
jest.setTimeout(180_000);

let sandbox: Sandbox;
let proxy: TcpProxy;
let admin: Redis;
const apps: AppProcess[] = [];
let a: AppProcess;
let b: AppProcess;
let meetingNumber = 0;

const redisTarget = () => {
  const url = new URL(redisUrl as string);
  return { host: url.hostname, port: Number(url.port || 6379) };
};
const env = (redis = `redis://127.0.0.1:${proxy.port}/${DB}`) => ({
  APP_ID: "778",
  PRIVATE_KEY: privateKey,
  WEBHOOK_SECRET: SECRET,
  GHE_HOST: sandbox.url.replace("http://", ""),
  GHE_PROTOCOL: "http",
  REDIS_URL: redis,
});
async function start(name: string): Promise<AppProcess> {
  const app = await startAppProcess(name, env());
  apps.push(app);
  return app;
}



/** Comments (captured, not delivered) and their signed deliveries. */
function comments(prefix: string, count: number): Array<{ id: number; text: string; delivery: Delivery }> {
  return Array.from({ length: count }, (_, index) => {
    const text = `${prefix} topic ${index + 1}`;
    const comment = sandbox.comment(REPO, meetingNumber, `/agenda add ${text}`, { user: "alice", association: "MEMBER" });
    return { id: comment.id, text, delivery: commentDelivery(sandbox, comment.id) };
  });
}

/**
 * POST a delivery to a process as GitHub does: "ok" for 200, or 202 (Probot answers 202 when the
 * handler runs longer than 9 s, as throttled writes make it in a burst, and keeps going), else the
 * status, or "failed" when the connection failed.
 */
async function post(delivery: Delivery, app: AppProcess): Promise<"ok" | number | "failed"> {
  try {
    const response = await fetch(app.webhookUrl, { method: "POST", headers: delivery.headers, body: delivery.body });
    await response.arrayBuffer();
    return response.status === 200 || response.status === 202 ? "ok" : response.status;
  } catch {
    return "failed";
  }
}
const landed = (burst: Array<{ id: number; text: string }>) => () => (burst.every(({ id, text }) => timesListed(text) >= 1 && thumbsUp(id) >= 1) ? true : undefined);

const body = () => sandbox.issue(REPO, meetingNumber).body ?? "";
const timesListed = (text: string) => body().split(`- [ ] ${text} (@alice)`).length - 1;
const thumbsUp = (commentId: number) =>
  (sandbox.comments(REPO, meetingNumber).find((comment) => comment.id === commentId)?.reactions ?? []).filter(
    (reaction) => reaction.content === "+1" && reaction.user.login === "meeting-bot[bot]",
  ).length;
const edits = () => sandbox.requests.filter((request) => request.method === "PATCH" && request.path === `/repos/${REPO}/issues/${meetingNumber}`).length;

(redisUrl ? describe : describe.skip)("replicas: app processes over one real Redis (REDIS_URL)", () => {
  beforeAll(async () => {
    admin = new Redis(`${redisUrl}`, { db: DB, maxRetriesPerRequest: 1 });
    await admin.flushdb();
    proxy = await startTcpProxy(redisTarget());
    sandbox = await startSandbox({ appId: 778, privateKey, webhookSecret: SECRET });
    sandbox.setDeliveryMode("capture");
    const installation = sandbox.addInstallation({ account: "rust-lang", type: "Organization" });
    sandbox.addRepository(installation.id, "crates-io-cargo-teams", { defaultBranch: "main" });
    sandbox.putFile(REPO, CONFIG_PATH, configDueNow());
    sandbox.putFile(REPO, TEMPLATE_PATH, EXAMPLE_TEMPLATE);
  });

  afterAll(async () => {
    for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill("SIGKILL");
    await Promise.all(apps.map((app) => app.exited));
    await sandbox?.close();
    await proxy?.close();
    await admin?.flushdb();
    admin?.disconnect();
  });

  it("(a) two processes starting at once catch up the meeting due now: one issue", async () => {
    [a, b] = await Promise.all([start("A"), start("B")]);
    const meeting = await until(apps, "the meeting issue", () => sandbox.issues(REPO).find((issue) => issue.user.login === "meeting-bot[bot]"));
    meetingNumber = meeting.number;
    // Both read the config and checked the series; give the slower one time to finish its check.
    await until(apps, "both processes to load the config", () => (a.output().includes("meeting config loaded") && b.output().includes("meeting config loaded") ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(sandbox.issues(REPO).filter((issue) => issue.user.login === "meeting-bot[bot]")).toHaveLength(1);
  });

  it("(b) 50 /agenda add deliveries at once, split across the processes: every item exactly once, in a handful of writes", async () => {
    const burst = comments("b", 50);
    const before = edits();
    const statuses = await Promise.all(burst.map(({ delivery }, index) => post(delivery, index % 2 === 0 ? a : b)));
    expect(statuses).toEqual(burst.map(() => "ok"));
    await until(apps, "every item and reaction", landed(burst), 90_000);
    for (const { id, text } of burst) {
      expect(timesListed(text)).toBe(1);
      expect(thumbsUp(id)).toBe(1);
    }
    const writes = edits() - before;
    expect(writes).toBeLessThanOrEqual(12);
    console.info(`(b) 50 commands over 2 processes: ${writes} body writes`);
  });

  it("(c) after the throttle's Redis keys expired (a quiet spell), a command and a due meeting both succeed on the first attempt", async () => {
    // What a quiet spell longer than the throttle's idle expiry (2 minutes) leaves in Redis: no Bottleneck keys.
    const keys = await admin.keys("b_*");
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) await admin.pexpire(key, 1);
    await until(apps, "the throttle's keys to expire", async () => ((await admin.keys("b_*_settings")).length === 0 ? true : undefined));

    const [command] = comments("c", 1);
    expect(await post(command!.delivery, a)).toBe("ok");
    await until(apps, "the item", landed([command!]), 30_000);
    expect(timesListed(command!.text)).toBe(1);

    // A second repository, installed now, whose meeting issue is due: created by its first attempt.
    const triage = "rust-lang/triage";
    sandbox.addRepository(sandbox.state.repository(REPO).installationId, "triage", { defaultBranch: "main" });
    sandbox.putFile(triage, CONFIG_PATH, configDueNow());
    sandbox.putFile(triage, TEMPLATE_PATH, EXAMPLE_TEMPLATE);
    const added = sandbox.deliveries.filter((d) => d.event === "installation_repositories").at(-1) as Delivery;
    expect(await post(added, b)).toBe("ok");
    await until(apps, "the triage meeting issue", () => sandbox.issues(triage).find((issue) => issue.user.login === "meeting-bot[bot]"), 30_000);
    for (const app of [a, b]) {
      expect(app.output()).not.toContain("SETTINGS_KEY_NOT_FOUND");
      expect(app.output()).not.toContain("could not ensure the meeting issue");
    }
  });

  it("(d) a process killed with SIGKILL mid-burst: every command lands exactly once (the survivor, a retry, GitHub's redelivery)", async () => {
    const burst = comments("d", 12);
    const posted = burst.map(({ delivery }, index) => post(delivery, index % 2 === 0 ? a : b));
    await new Promise((resolve) => setTimeout(resolve, 300));
    a.child.kill("SIGKILL");
    const statuses = await Promise.all(posted);
    // GitHub shows the deliveries that got no answer as failed; someone presses "Redeliver": it reaches the survivor.
    const redelivered = await Promise.all(burst.map(({ delivery }, index) => (statuses[index] === "ok" ? "ok" : post(delivery, b))));
    expect(redelivered).toEqual(burst.map(() => "ok"));
    // Commands the dead process was running wait for its run lease (30 s) to lapse, then B runs them.
    await until(apps, "every item and reaction", landed(burst), 90_000);
    for (const { id, text } of burst) {
      expect(timesListed(text)).toBe(1);
      expect(thumbsUp(id)).toBe(1);
    }
    a = await start("A2");
  });

  it("(e) Redis restarted between two deliveries: the processes reconnect, nothing is lost or doubled", async () => {
    const [first, second] = comments("e", 2);
    expect(await post(first!.delivery, a)).toBe("ok");
    await until(apps, "the first item", landed([first!]), 30_000);
    // A restart without persistence (as CI runs it): every connection dropped, every key gone.
    await proxy.cut();
    await admin.flushdb();
    await admin.script("FLUSH");
    await proxy.resume();
    expect(await post(second!.delivery, b)).toBe("ok");
    // GitHub redelivers the first (the "seen" key went with the restart): the item is not added twice.
    expect(await post(first!.delivery, a)).toBe("ok");
    await until(apps, "the second item", landed([second!]), 30_000);
    for (const { id, text } of [first!, second!]) {
      expect(timesListed(text)).toBe(1);
      expect(thumbsUp(id)).toBe(1);
    }
  });

  it("SIGTERM during a burst: the process finishes or hands over what it started and exits within seconds; nothing lost or half-written", async () => {
    const burst = comments("s", 12);
    const posted = burst.map(({ delivery }) => post(delivery, a));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalledAt = Date.now();
    a.child.kill("SIGTERM");
    const statuses = await Promise.all(posted);
    const { code, atMs } = await a.exited;
    expect(code).toBe(0);
    expect(atMs - signalledAt).toBeLessThan(10_000);
    // Deliveries the stopping process did not answer are redelivered to the other replica.
    const redelivered = await Promise.all(burst.map(({ delivery }, index) => (statuses[index] === "ok" ? "ok" : post(delivery, b))));
    expect(redelivered).toEqual(burst.map(() => "ok"));
    await until(apps, "every item and reaction", landed(burst), 90_000);
    for (const { id, text } of burst) {
      expect(timesListed(text)).toBe(1);
      expect(thumbsUp(id)).toBe(1);
    }
    console.info(`SIGTERM: exited ${code} after ${atMs - signalledAt} ms; ${statuses.filter((s) => s === "ok").length} of 12 answered by the stopping process`);
  });

  it("(f) Redis unreachable at start: a clear error and exit status 1, not a silent fall-back to memory", async () => {
    const closed = await freePort();
    const app = await startAppProcess("no-redis", env(`redis://127.0.0.1:${closed}/${DB}`), { waitForListening: false });
    apps.push(app);
    const { code } = await app.exited;
    expect(code).toBe(1);
    expect(app.output()).toContain(`cannot reach Redis at redis://127.0.0.1:${closed}/${DB} (REDIS_URL)`);
    expect(app.output()).toContain("unset REDIS_URL");
    expect(app.output()).not.toContain("Listening on");
  });
});
