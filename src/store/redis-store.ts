import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Lease, QueueEntry, Store } from "./store.js";

// Delete (or extend) the lease only if we still own it: a lease that expired and was taken by
// another replica must not be released or prolonged by the old holder.
const RELEASE_IF_OWNER = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const EXTEND_IF_OWNER = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
// Take the due entries and claim them in one step, so two replicas never take the same entry: each
// taken entry stays in the queue, due again when the claim ends (its taker may die).
const TAKE_DUE = `
local ids = redis.call("zrangebyscore", KEYS[1], "-inf", ARGV[1], "LIMIT", 0, tonumber(ARGV[3]))
local taken = {}
for _, id in ipairs(ids) do
  local payload = redis.call("hget", KEYS[2], id)
  if payload then
    local due = redis.call("zscore", KEYS[1], id)
    redis.call("zadd", KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), id)
    table.insert(taken, id)
    table.insert(taken, payload)
    table.insert(taken, due)
  else
    redis.call("zrem", KEYS[1], id)
  end
end
return taken`;
/** A queue untouched this long is dropped whole (its newest entry is then long given up). */
const QUEUE_TTL_MS = 7 * 24 * 3_600_000;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The multi-replica store, shared by every replica. Keys (all under the prefix, all expiring):
 * `lease:<key>` and `seen:<key>` (SET NX PX), `cache:<key>` (SET PX), and per delayed queue
 * `queue:<name>` (a sorted set of ids by due time) with `queue:<name>:jobs` (a hash of payloads).
 */
export class RedisStore implements Store {
  readonly shared = true;
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #where: string;
  #lastError: Error | undefined;

  constructor(redis: Redis, options: { prefix?: string; where?: string } = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? "meeting-bot:";
    this.#where = options.where ?? "Redis";
    // ioredis reconnects by itself; keep the last error for the message `connect` gives.
    this.#redis.on("error", (error: Error) => {
      this.#lastError = error;
    });
  }

  static fromUrl(url: string, options: { prefix?: string } = {}): RedisStore {
    return new RedisStore(new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false }), { ...options, where: redactUrl(url) });
  }

  async connect(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.#redis.ping(), timeout]);
    } catch (error) {
      const cause = this.#lastError ?? error;
      throw new Error(
        `meeting-bot cannot reach Redis at ${this.#where} (REDIS_URL): ${(cause as Error).message}. ` +
          "Start Redis there or fix REDIS_URL; to run a single process without Redis, unset REDIS_URL.",
        { cause },
      );
    } finally {
      clearTimeout(timer);
    }
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
      extend: async (ttl) => (await this.#redis.eval(EXTEND_IF_OWNER, 1, redisKey, token, ttl)) === 1,
    };
  }

  async remember(key: string, ttlMs: number): Promise<boolean> {
    const ok = await this.#redis.set(`${this.#prefix}seen:${key}`, "1", "PX", ttlMs, "NX");
    return ok === "OK";
  }

  async isRemembered(key: string): Promise<boolean> {
    return (await this.#redis.exists(`${this.#prefix}seen:${key}`)) === 1;
  }

  async forget(key: string): Promise<void> {
    await this.#redis.del(`${this.#prefix}seen:${key}`);
  }

  async get(key: string): Promise<string | null> {
    return this.#redis.get(`${this.#prefix}cache:${key}`);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#redis.set(`${this.#prefix}cache:${key}`, value, "PX", ttlMs);
  }

  async schedule(queue: string, entry: QueueEntry): Promise<void> {
    const [due, jobs] = this.#queueKeys(queue);
    await this.#redis
      .multi()
      .zadd(due, entry.dueAtMs, entry.id)
      .hset(jobs, entry.id, entry.payload)
      .pexpire(due, QUEUE_TTL_MS)
      .pexpire(jobs, QUEUE_TTL_MS)
      .exec();
  }

  async takeDue(queue: string, nowMs: number, claimMs: number, limit: number): Promise<QueueEntry[]> {
    const [due, jobs] = this.#queueKeys(queue);
    const flat = (await this.#redis.eval(TAKE_DUE, 2, due, jobs, nowMs, claimMs, limit)) as string[];
    const taken: QueueEntry[] = [];
    for (let index = 0; index < flat.length; index += 3) {
      taken.push({ id: flat[index] as string, payload: flat[index + 1] as string, dueAtMs: Number(flat[index + 2]) });
    }
    return taken;
  }

  async unschedule(queue: string, id: string): Promise<void> {
    const [due, jobs] = this.#queueKeys(queue);
    await this.#redis.multi().zrem(due, id).hdel(jobs, id).exec();
  }

  async queueSize(queue: string): Promise<{ size: number; nextDueAtMs: number | undefined }> {
    const [due] = this.#queueKeys(queue);
    const [size, first] = await Promise.all([this.#redis.zcard(due), this.#redis.zrange(due, 0, 0, "WITHSCORES")]);
    return { size, nextDueAtMs: first[1] === undefined ? undefined : Number(first[1]) };
  }

  async close(): Promise<void> {
    if (this.#redis.status === "end") return;
    // QUIT waits for Redis; when it is not connected, just stop reconnecting.
    if (this.#redis.status !== "ready") {
      this.#redis.disconnect();
      return;
    }
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }

  #queueKeys(queue: string): [string, string] {
    return [`${this.#prefix}queue:${queue}`, `${this.#prefix}queue:${queue}:jobs`];
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "the URL in REDIS_URL";
  }
}
