import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Lease, Store } from "./store.js";

// Delete the lease only if we still own it: a lease that expired and was taken by another
// replica must not be released by the old holder.
const RELEASE_IF_OWNER = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** The multi-replica store: SET NX PX leases and seen-keys in Redis, shared by every replica. */
export class RedisStore implements Store {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, options: { prefix?: string } = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? "meeting-bot:";
  }

  static fromUrl(url: string, options: { prefix?: string } = {}): RedisStore {
    return new RedisStore(new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false }), options);
  }

  async acquire(key: string, ttlMs: number): Promise<Lease | null> {
    const redisKey = `${this.#prefix}lease:${key}`;
    const token = randomUUID();
    const ok = await this.#redis.set(redisKey, token, "PX", ttlMs, "NX");
    if (ok !== "OK") return null;
    return {
      release: async () => {
        await this.#redis.eval(RELEASE_IF_OWNER, 1, redisKey, token);
      },
    };
  }

  async remember(key: string, ttlMs: number): Promise<boolean> {
    const ok = await this.#redis.set(`${this.#prefix}seen:${key}`, "1", "PX", ttlMs, "NX");
    return ok === "OK";
  }

  async forget(key: string): Promise<void> {
    await this.#redis.del(`${this.#prefix}seen:${key}`);
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }
}
