import { afterEach, describe, expect, it } from "@jest/globals";
import { startLocalApp } from "../../src/demo/start-local-app.js";
import type { LoggedRequest } from "../../src/sandbox/index.js";
import { MemoryStore } from "../../src/store/memory-store.js";
import { captureLog } from "../helpers/capture-log.js";
import { closeChecked } from "../helpers/close-checked.js";
import { CONFIG, CONFIG_PATH, EXAMPLE_TEMPLATE, REPO, TEMPLATE_PATH, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";

/**
 * The periodic reconcile (node-cron in production; called directly here): it finds what webhooks
 * the app missed told, and an unchanged world costs only conditional requests answered 304.
 */
let world: MeetingWorld | undefined;
afterEach(async () => {
  world = await closeChecked(world);
});

const countedAgainstRateLimit = (requests: readonly LoggedRequest[]) => requests.filter((request) => request.auth === "installation" && request.status !== 304);

describe("reconcile", () => {
  it("when nothing changed: one conditional request per list and per repo, all 304, none against the rate limit", async () => {
    world = await startMeetingWorld("2020-09-11T21:31:00Z");
    world.sandbox.resetLog();
    const report = await world.bot.reconcile();
    expect(report).toEqual({ installations: 1, repositories: 1, refreshed: 0, removed: 0, failed: 0 });
    expect(world.sandbox.requests.map((request) => `${request.method} ${request.route} ${request.status}`)).toEqual([
      "GET /app/installations 304",
      "GET /installation/repositories 304",
      "GET /repos/{owner}/{repo}/git/ref/{ref} 304",
    ]);
    expect(countedAgainstRateLimit(world.sandbox.requests)).toEqual([]);
  });

  it("applies a config push whose webhook was missed, reading only what changed", async () => {
    world = await startMeetingWorld("2020-09-11T21:31:00Z");
    const { sandbox } = world;
    expect(world.bot.repos.get(REPO)?.setup).toMatchObject({ status: "ready" });
    sandbox.setDeliveryMode("off"); // the app is down, or the delivery failed
    sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace('time: "20:30"', 'time: "18:00"'), { push: true });
    sandbox.setDeliveryMode("send");
    sandbox.resetLog();
    const report = await world.bot.reconcile();
    expect(report.refreshed).toBe(1);
    const setup = world.bot.repos.get(REPO)?.setup;
    expect(setup?.status === "ready" && setup.config.series[0]?.schedule.time).toBe("18:00");
    // The moved head, then the config (changed) and the template (unchanged, but at a new commit).
    expect(sandbox.requests.filter((request) => request.status === 200).map((request) => request.route)).toEqual([
      "/repos/{owner}/{repo}/git/ref/{ref}",
      "/repos/{owner}/{repo}/contents/{path}",
      "/repos/{owner}/{repo}/contents/{path}",
    ]);
  });

  it("finds an installation added and a repository removed while the app was not listening", async () => {
    world = await startMeetingWorld("2020-09-11T21:31:00Z");
    const { sandbox } = world;
    sandbox.setDeliveryMode("off");
    const other = sandbox.addInstallation({ account: "tokio-rs", type: "Organization" });
    sandbox.addRepository(other.id, "tokio", { defaultBranch: "master" });
    sandbox.putFile("tokio-rs/tokio", CONFIG_PATH, CONFIG);
    sandbox.putFile("tokio-rs/tokio", TEMPLATE_PATH, EXAMPLE_TEMPLATE);
    sandbox.removeRepository(REPO);
    sandbox.setDeliveryMode("send");
    const report = await world.bot.reconcile();
    expect(report).toMatchObject({ installations: 2, repositories: 1, refreshed: 1, removed: 1 });
    expect(world.bot.repos.get("tokio-rs/tokio")?.setup.status).toBe("ready");
    expect(world.bot.repos.has(REPO)).toBe(false);
    await world.bot.tick(); // the new repository's first meeting issue
    expect(sandbox.issues("tokio-rs/tokio").filter((issue) => issue.user.login === "meeting-bot[bot]")).toHaveLength(1);
  });

  it("a restart with the ETags and files known to the store (Redis) reads every config without a request against the rate limit", async () => {
    // Stands for the Redis both processes share: it outlives the first process.
    const store = new (class extends MemoryStore {
      override async close(): Promise<void> {}
    })();
    world = await startMeetingWorld("2020-09-11T21:31:00Z", undefined, { store });
    const { sandbox, privateKey } = world;
    await world.stopApp();
    sandbox.resetLog();
    const { log } = captureLog();
    const restarted = await startLocalApp({ now: world.clock.now, log, throttle: false, store, sandbox: { running: sandbox, privateKey } });
    try {
      expect(restarted.bot.repos.get(REPO)?.setup.status).toBe("ready");
      expect(sandbox.requests.filter((request) => request.route === "/repos/{owner}/{repo}/contents/{path}")).toEqual([]);
      expect(countedAgainstRateLimit(sandbox.requests)).toEqual([]);
    } finally {
      await restarted.stopApp();
    }
  });

  it("a replica not elected for a reconcile takes up what the elected one read, from the store, without a request", async () => {
    const store = new (class extends MemoryStore {
      override async close(): Promise<void> {}
    })();
    world = await startMeetingWorld("2020-09-11T21:31:00Z", undefined, { store });
    const { sandbox, privateKey } = world;
    const other = await startLocalApp({ now: world.clock.now, log: captureLog().log, throttle: false, store, sandbox: { running: sandbox, privateKey } });
    try {
      sandbox.setDeliveryMode("off");
      sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace('time: "20:30"', 'time: "18:00"'), { push: true });
      expect((await world.bot.reconcile()).refreshed).toBe(1); // the elected replica
      const time = (app: { bot: { repos: ReadonlyMap<string, { setup: { status: string; config?: { series: Array<{ schedule: { time: string } }> } } }> } }) =>
        app.bot.repos.get(REPO)?.setup.config?.series[0]?.schedule.time;
      expect(time(other)).toBe("20:30");
      sandbox.resetLog();
      expect(await other.bot.syncFromStore()).toBe(1);
      expect(time(other)).toBe("18:00");
      expect(sandbox.requests).toEqual([]);
      expect(await other.bot.syncFromStore()).toBe(0);
    } finally {
      sandbox.setDeliveryMode("send");
      await other.stopApp();
    }
  });
});
