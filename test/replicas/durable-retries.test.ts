import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import { startLocalApp, type LocalApp } from "../../src/demo/start-local-app.js";
import { RedisStore } from "../../src/store/redis-store.js";
import { captureLog } from "../helpers/capture-log.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { REPO, seedCratesIo } from "../helpers/meeting-world.js";

/**
 * A command waiting for its retry (GitHub failed it) lives in Redis: the process that took it
 * stops, another starts, and the new one runs it, once.
 */
const redisUrl = process.env.REDIS_URL;
const prefix = `meeting-bot-test:${process.pid}:${randomUUID()}:`;
const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

(redisUrl ? describe : describe.skip)("command retries in Redis (REDIS_URL)", () => {
  it("survive a restart and are run once by the next process", async () => {
    const clock = new FakeClock("2020-09-11T21:31:00Z");
    const store = () => new RedisStore(new Redis(redisUrl as string, { maxRetriesPerRequest: 1 }), { prefix });
    const first = await startLocalApp({ now: clock.now, log: captureLog().log, throttle: false, retryBaseMs: 1, store: store(), seed: (sandbox) => seedCratesIo(sandbox) });
    let second: LocalApp | undefined;
    const { sandbox } = first;
    try {
      await first.bot.tick(); // meeting #002
      // GitHub fails the command's reaction through Octokit's own retries: the command waits for the app's retry.
      sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", times: 4, fault: { kind: "status", status: 502 } });
      const comment = sandbox.comment(REPO, 2, "/agenda add Survive the restart", { user: "alice", association: "MEMBER" });
      await sandbox.webhooksIdle();
      expect(await first.bot.commands.retries.size()).toBe(1);
      expect(await redis!.zcard(`${prefix}queue:agenda-commands`)).toBe(1);

      await first.stopApp(); // a deploy: the process that knew of it is gone
      second = await startLocalApp({ now: clock.now, log: captureLog().log, throttle: false, store: store(), sandbox: { running: sandbox, privateKey: first.privateKey } });
      clock.advance({ minutes: 1 });
      await second.bot.tick();
      await second.bot.tick(); // nothing more to do

      expect(sandbox.issue(REPO, 2).body?.split("- [ ] Survive the restart (@alice)")).toHaveLength(2);
      const reactions = sandbox.comments(REPO, 2).find((c) => c.id === comment.id)?.reactions ?? [];
      expect(reactions.filter((reaction) => reaction.content === "+1")).toHaveLength(1);
      expect(await second.bot.commands.retries.size()).toBe(0);
    } finally {
      await second?.stopApp();
      await first.close();
    }
  });
});
