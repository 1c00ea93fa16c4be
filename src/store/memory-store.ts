import type { Lease, QueueEntry, Store } from "./store.js";

/** The single-process store: Maps with expiry times, read from an injectable clock. */
export class MemoryStore implements Store {
  readonly shared = false;
  readonly #entries = new Map<string, { token: symbol; expiresAt: number; value?: string }>();
  readonly #queues = new Map<string, Map<string, QueueEntry>>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async connect(): Promise<void> {}

  async acquire(key: string, ttlMs: number): Promise<Lease | null> {
    const name = `lease:${key}`;
    const token = this.#claim(name, ttlMs);
    if (!token) return null;
    const owned = () => this.#entries.get(name)?.token === token && this.#live(name);
    return {
      release: async () => {
        if (owned()) this.#entries.delete(name);
      },
      extend: async (ttl) => {
        if (!owned()) return false;
        this.#entries.set(name, { token, expiresAt: this.#now() + ttl });
        return true;
      },
    };
  }

  async remember(key: string, ttlMs: number): Promise<boolean> {
    return this.#claim(`seen:${key}`, ttlMs) !== null;
  }

  async isRemembered(key: string): Promise<boolean> {
    return this.#live(`seen:${key}`);
  }

  async forget(key: string): Promise<void> {
    this.#entries.delete(`seen:${key}`);
  }

  async get(key: string): Promise<string | null> {
    const entry = this.#entries.get(`cache:${key}`);
    return entry && entry.expiresAt > this.#now() ? (entry.value ?? null) : null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#entries.set(`cache:${key}`, { token: CACHED, expiresAt: this.#now() + ttlMs, value });
    if (this.#entries.size > 10_000) this.#sweep(this.#now());
  }

  async schedule(queue: string, entry: QueueEntry): Promise<void> {
    let entries = this.#queues.get(queue);
    if (!entries) this.#queues.set(queue, (entries = new Map()));
    entries.set(entry.id, { ...entry });
  }

  async takeDue(queue: string, nowMs: number, claimMs: number, limit: number): Promise<QueueEntry[]> {
    const entries = this.#queues.get(queue);
    if (!entries) return [];
    const due = [...entries.values()].filter((entry) => entry.dueAtMs <= nowMs).sort((a, b) => a.dueAtMs - b.dueAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit);
    for (const entry of due) entries.set(entry.id, { ...entry, dueAtMs: nowMs + claimMs });
    return due;
  }

  async unschedule(queue: string, id: string): Promise<void> {
    this.#queues.get(queue)?.delete(id);
  }

  async queueSize(queue: string): Promise<{ size: number; nextDueAtMs: number | undefined }> {
    const entries = [...(this.#queues.get(queue)?.values() ?? [])];
    return { size: entries.length, nextDueAtMs: entries.length === 0 ? undefined : Math.min(...entries.map((entry) => entry.dueAtMs)) };
  }

  async close(): Promise<void> {
    this.#entries.clear();
    this.#queues.clear();
  }

  #live(key: string): boolean {
    const entry = this.#entries.get(key);
    return entry !== undefined && entry.expiresAt > this.#now();
  }

  #claim(key: string, ttlMs: number): symbol | null {
    const now = this.#now();
    if (this.#live(key)) return null;
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

const CACHED = Symbol("cached");
