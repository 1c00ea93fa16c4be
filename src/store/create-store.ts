import { MemoryStore } from "./memory-store.js";
import { RedisStore } from "./redis-store.js";
import type { Store } from "./store.js";

/** Redis when REDIS_URL is set (the same variable Probot uses for its rate-limit clustering), else memory. */
export function createStore(env: { REDIS_URL?: string | undefined }, options: { prefix?: string } = {}): Store {
  return env.REDIS_URL ? RedisStore.fromUrl(env.REDIS_URL, options) : new MemoryStore();
}
