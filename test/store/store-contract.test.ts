import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import { createStore } from "../../src/store/create-store.js";
import { LeaseBusyError } from "../../src/store/lease-busy-error.js";
import { MemoryStore } from "../../src/store/memory-store.js";
import { RedisStore } from "../../src/store/redis-store.js";
import type { Lease, Store } from "../../src/store/store.js";
import { withLease } from "../../src/store/with-lease.js";

/**
 * One contract, every Store. Redis runs only when REDIS_URL is set (CI starts one); each run uses
 * its own key prefix, so parallel runs against one server do not see each other's keys.
 */
const redisUrl = process.env.REDIS_URL;
const TTL = 50;
// Redis expires keys in real time: poll for at most this long after a lease's ttl.
const REDIS_EXPIRY_WAIT = 300;

interface Harness {
  setUp(): Promise<Store>;
  tearDown(): Promise<void>;
  /**
   * Let a `TTL` pass, then `attempt` until it yields a value: memory moves its clock past the
   * ttl and tries once; Redis polls (briefly) until the key has expired.
   */
  afterTtl<T>(attempt: () => Promise<T | null>): Promise<T | null>;
  /** Let less than a ttl pass. */
  beforeTtl(): Promise<void>;
}

function memoryHarness(): Harness {
  let clock = 1_000_000;
  let store: MemoryStore | undefined;
  return {
    setUp: async () => (store = new MemoryStore({ now: () => clock })),
    tearDown: async () => store?.close(),
    afterTtl: async (attempt) => {
      clock += TTL;
      return attempt();
    },
    beforeTtl: async () => {
      clock += TTL - 1;
    },
  };
}

function redisHarness(url: string): Harness {
  const prefix = `meeting-bot-test:${process.pid}:${randomUUID()}:`;
  let redis: Redis | undefined;
  return {
    setUp: async () => {
      redis = new Redis(url, { maxRetriesPerRequest: 1 });
      return new RedisStore(redis, { prefix });
    },
    tearDown: async () => {
      if (!redis) return;
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
    afterTtl: async (attempt) => {
      const deadline = Date.now() + TTL + REDIS_EXPIRY_WAIT;
      await sleep(TTL);
      for (;;) {
        const result = await attempt();
        if (result !== null || Date.now() > deadline) return result;
        await sleep(5);
      }
    },
    // Nothing to wait for: right after acquiring, less than a ttl has passed.
    beforeTtl: async () => {},
  };
}

const implementations: Array<{ name: string; enabled: boolean; harness: () => Harness }> = [
  { name: "MemoryStore", enabled: true, harness: memoryHarness },
  { name: "RedisStore", enabled: redisUrl !== undefined, harness: () => redisHarness(redisUrl ?? "") },
];

describe.each(implementations)("$name", ({ enabled, harness: makeHarness }) => {
  (enabled ? describe : describe.skip)("Store contract", () => {
    const harness = makeHarness();
    let store: Store;
    beforeAll(async () => {
      store = await harness.setUp();
    });
    afterAll(async () => {
      await harness.tearDown();
    });

    describe("leases", () => {
      it("acquires a free key, refuses it while held, and frees it on release", async () => {
        const lease = await store.acquire("a", 60_000);
        expect(lease).not.toBeNull();
        expect(await store.acquire("a", 60_000)).toBeNull();
        // Another key is independent.
        const other = await store.acquire("a2", 60_000);
        expect(other).not.toBeNull();

        await lease?.release();
        const again = await store.acquire("a", 60_000);
        expect(again).not.toBeNull();
        await again?.release();
        await other?.release();
      });

      it("releasing twice is harmless", async () => {
        const lease = (await store.acquire("twice", 60_000)) as Lease;
        await lease.release();
        const next = (await store.acquire("twice", 60_000)) as Lease;
        await lease.release();
        // The second release of the old lease did not free the new holder's.
        expect(await store.acquire("twice", 60_000)).toBeNull();
        await next.release();
      });

      it("expires after its ttl, and not before", async () => {
        const lease = await store.acquire("ttl", TTL);
        expect(lease).not.toBeNull();
        await harness.beforeTtl();
        expect(await store.acquire("ttl", TTL)).toBeNull();
        const next = await harness.afterTtl(() => store.acquire("ttl", 60_000));
        expect(next).not.toBeNull();
        await next?.release();
      });

      it("a stale holder's release does not release the new holder's lease", async () => {
        const stale = (await store.acquire("stale", TTL)) as Lease;
        const current = await harness.afterTtl(() => store.acquire("stale", 60_000));
        expect(current).not.toBeNull();

        await stale.release();
        expect(await store.acquire("stale", 60_000)).toBeNull();

        await current?.release();
        const after = await store.acquire("stale", 60_000);
        expect(after).not.toBeNull();
        await after?.release();
      });
    });

    describe("remember and forget", () => {
      it("is true the first time and false while remembered", async () => {
        expect(await store.remember("seen", 60_000)).toBe(true);
        expect(await store.remember("seen", 60_000)).toBe(false);
        expect(await store.remember("seen", 60_000)).toBe(false);
        expect(await store.remember("seen-other", 60_000)).toBe(true);
      });

      it("forget makes the key new again; forgetting an unknown key is harmless", async () => {
        expect(await store.remember("forgotten", 60_000)).toBe(true);
        await store.forget("forgotten");
        expect(await store.remember("forgotten", 60_000)).toBe(true);
        expect(await store.remember("forgotten", 60_000)).toBe(false);
        await expect(store.forget("never-remembered")).resolves.toBeUndefined();
      });

      it("remembers for its ttl only", async () => {
        expect(await store.remember("brief", TTL)).toBe(true);
        await harness.beforeTtl();
        expect(await store.remember("brief", TTL)).toBe(false);
        expect(await harness.afterTtl(async () => ((await store.remember("brief", 60_000)) ? true : null))).toBe(true);
      });

      it("keeps leases and remembered keys apart", async () => {
        expect(await store.remember("shared-name", 60_000)).toBe(true);
        const lease = await store.acquire("shared-name", 60_000);
        expect(lease).not.toBeNull();
        await store.forget("shared-name");
        // Forgetting the seen-key left the lease alone.
        expect(await store.acquire("shared-name", 60_000)).toBeNull();
        await lease?.release();
        expect(await store.remember("shared-name", 60_000)).toBe(true);
      });
    });

    describe("seen keys, lease extension, cache", () => {
      it("isRemembered reads a key without recording it", async () => {
        expect(await store.isRemembered("peek")).toBe(false);
        expect(await store.isRemembered("peek")).toBe(false);
        expect(await store.remember("peek", 60_000)).toBe(true);
        expect(await store.isRemembered("peek")).toBe(true);
      });

      it("a lease can be extended by its holder only", async () => {
        const lease = (await store.acquire("extend", TTL)) as Lease;
        expect(await lease.extend(60_000)).toBe(true);
        // Past the first ttl, the extended lease still holds.
        expect(await harness.afterTtl(async () => ((await store.acquire("extend", 60_000)) === null ? null : "taken"))).toBeNull();
        await lease.release();
        expect(await lease.extend(60_000)).toBe(false);
      });

      it("caches a value for its ttl", async () => {
        expect(await store.get("etag")).toBeNull();
        await store.set("etag", '{"etag":"W/\\"1\\""}', TTL);
        expect(await store.get("etag")).toBe('{"etag":"W/\\"1\\""}');
        expect(await harness.afterTtl(async () => ((await store.get("etag")) === null ? "gone" : null))).toBe("gone");
      });
    });

    describe("delayed queue", () => {
      it("hands out due entries earliest first, claims them, and keeps the rest", async () => {
        await store.schedule("q1", { id: "b", payload: "B", dueAtMs: 2_000 });
        await store.schedule("q1", { id: "a", payload: "A", dueAtMs: 1_000 });
        await store.schedule("q1", { id: "later", payload: "L", dueAtMs: 9_000 });
        expect(await store.queueSize("q1")).toEqual({ size: 3, nextDueAtMs: 1_000 });
        expect(await store.takeDue("q1", 5_000, 60_000, 10)).toEqual([
          { id: "a", payload: "A", dueAtMs: 1_000 },
          { id: "b", payload: "B", dueAtMs: 2_000 },
        ]);
        // Claimed: not handed out again until the claim ends, then again (its taker may have died).
        expect(await store.takeDue("q1", 5_000, 60_000, 10)).toEqual([]);
        expect((await store.takeDue("q1", 65_000, 60_000, 10)).map((entry) => entry.id)).toEqual(["later", "a", "b"]);
        await store.unschedule("q1", "a");
        await store.unschedule("q1", "b");
        await store.unschedule("q1", "later");
        expect(await store.queueSize("q1")).toEqual({ size: 0, nextDueAtMs: undefined });
      });

      it("replaces an entry with the same id, takes at most `limit`, and keeps queues apart", async () => {
        await store.schedule("q2", { id: "x", payload: "first", dueAtMs: 1 });
        await store.schedule("q2", { id: "x", payload: "second", dueAtMs: 2 });
        await store.schedule("q2", { id: "y", payload: "Y", dueAtMs: 3 });
        await store.schedule("q3", { id: "x", payload: "other queue", dueAtMs: 1 });
        expect(await store.takeDue("q2", 10, 1_000, 1)).toEqual([{ id: "x", payload: "second", dueAtMs: 2 }]);
        expect(await store.queueSize("q2")).toEqual({ size: 2, nextDueAtMs: 3 });
        expect(await store.takeDue("q3", 10, 1_000, 5)).toEqual([{ id: "x", payload: "other queue", dueAtMs: 1 }]);
      });

      it("connect resolves for a reachable store", async () => {
        await expect(store.connect()).resolves.toBeUndefined();
      });
    });

    describe("withLease", () => {
      it("runs the work holding the lease and releases it afterwards", async () => {
        const result = await withLease(store, "work", 60_000, async () => {
          // Held while the work runs.
          expect(await store.acquire("work", 60_000)).toBeNull();
          return 42;
        });
        expect(result).toBe(42);
        const after = await store.acquire("work", 60_000);
        expect(after).not.toBeNull();
        await after?.release();
      });

      it("throws LeaseBusyError naming the key, without running the work, when the lease is held", async () => {
        const held = (await store.acquire("busy", 60_000)) as Lease;
        let ran = false;
        const attempt = withLease(store, "busy", 60_000, async () => {
          ran = true;
        });
        await expect(attempt).rejects.toBeInstanceOf(LeaseBusyError);
        await expect(attempt).rejects.toMatchObject({ name: "LeaseBusyError", key: "busy", message: "another process is working on busy" });
        expect(ran).toBe(false);
        // The busy attempt did not take the holder's lease away.
        expect(await store.acquire("busy", 60_000)).toBeNull();
        await held.release();
      });

      it("releases the lease when the work throws, and rethrows the work's error", async () => {
        const failure = new Error("work failed");
        await expect(
          withLease(store, "throws", 60_000, async () => {
            throw failure;
          }),
        ).rejects.toBe(failure);
        const after = await store.acquire("throws", 60_000);
        expect(after).not.toBeNull();
        await after?.release();
      });
    });
  });
});

(redisUrl ? describe : describe.skip)("RedisStore between replicas", () => {
  const url = redisUrl ?? "";
  const prefix = `meeting-bot-test:${process.pid}:${randomUUID()}:`;
  let a: RedisStore;
  let b: RedisStore;
  let elsewhere: RedisStore;
  beforeAll(() => {
    a = RedisStore.fromUrl(url, { prefix });
    b = RedisStore.fromUrl(url, { prefix });
    elsewhere = RedisStore.fromUrl(url, { prefix: `${prefix}other:` });
  });
  afterAll(async () => {
    const cleanup = new Redis(url);
    const keys = await cleanup.keys(`${prefix}*`);
    if (keys.length > 0) await cleanup.del(...keys);
    await Promise.all([a.close(), b.close(), elsewhere.close(), cleanup.quit()]);
  });

  it("two connections with one prefix share leases and seen-keys", async () => {
    const lease = (await a.acquire("job", 60_000)) as Lease;
    expect(lease).not.toBeNull();
    expect(await b.acquire("job", 60_000)).toBeNull();
    await lease.release();
    const taken = await b.acquire("job", 60_000);
    expect(taken).not.toBeNull();
    await taken?.release();

    expect(await a.remember("delivery-1", 60_000)).toBe(true);
    expect(await b.remember("delivery-1", 60_000)).toBe(false);
  });

  it("another prefix is another namespace", async () => {
    const lease = (await a.acquire("prefixed", 60_000)) as Lease;
    const separate = await elsewhere.acquire("prefixed", 60_000);
    expect(separate).not.toBeNull();
    await Promise.all([lease.release(), separate?.release()]);
  });

  it("createStore picks Redis when REDIS_URL is set", async () => {
    const store = createStore({ REDIS_URL: url }, { prefix });
    try {
      expect(store).toBeInstanceOf(RedisStore);
      expect(await store.remember("delivery-1", 60_000)).toBe(false);
    } finally {
      await store.close();
    }
  });
});

describe("RedisStore.connect", () => {
  it("names the unreachable Redis (without its password) and the fix", async () => {
    const unreachable = RedisStore.fromUrl("redis://:hunter2@127.0.0.1:1/0");
    const failure = unreachable.connect();
    await expect(failure).rejects.toThrow(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/0 \(REDIS_URL\): .*ECONNREFUSED.*unset REDIS_URL/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
    await unreachable.close();
  });
});

describe("createStore", () => {
  it.each([
    ["no REDIS_URL", {}],
    ["REDIS_URL undefined", { REDIS_URL: undefined }],
    ["REDIS_URL empty", { REDIS_URL: "" }],
  ])("is in memory with %s", async (_label, env) => {
    const store = createStore(env);
    expect(store).toBeInstanceOf(MemoryStore);
    await store.close();
  });
});
