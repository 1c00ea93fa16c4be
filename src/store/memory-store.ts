import type { Lease, Store } from "./store.js";

/** The single-process store: a Map of keys with expiry times, read from an injectable clock. */
export class MemoryStore implements Store {
  readonly #entries = new Map<string, { token: symbol; expiresAt: number }>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async acquire(key: string, ttlMs: number): Promise<Lease | null> {
    const token = this.#claim(`lease:${key}`, ttlMs);
    if (!token) return null;
    return {
      release: async () => {
        if (this.#entries.get(`lease:${key}`)?.token === token) this.#entries.delete(`lease:${key}`);
      },
    };
  }

  async remember(key: string, ttlMs: number): Promise<boolean> {
    return this.#claim(`seen:${key}`, ttlMs) !== null;
  }

  async forget(key: string): Promise<void> {
    this.#entries.delete(`seen:${key}`);
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }

  #claim(key: string, ttlMs: number): symbol | null {
    const now = this.#now();
    const existing = this.#entries.get(key);
    if (existing && existing.expiresAt > now) return null;
    const token = Symbol(key);
    this.#entries.set(key, { token, expiresAt: now + ttlMs });
    if (this.#entries.size > 10_000) this.#sweep(now);
    return token;
  }

  // Expired keys are dropped lazily so a long-running process does not grow without bound.
  #sweep(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
