/**
 * Where replicas agree on who does what. GitHub holds the state; the store only holds short-lived
 * coordination: leases (locks), "seen once" keys, cached reads (ETags) and work waiting for a later
 * attempt. The embedded default is in memory (one process); with REDIS_URL it is Redis, and every
 * key it writes is namespaced (`meeting-bot:` by default) and expires (README, "Several replicas").
 */
export interface Store {
  /** True when the store outlives this process and is shared by replicas (Redis); false in memory. */
  readonly shared: boolean;
  /** Resolve once the store can be used; reject with a message that says what to fix (Redis unreachable). */
  connect(): Promise<void>;
  /** Take an exclusive lease on `key` for `ttlMs`; null when another holder has it. */
  acquire(key: string, ttlMs: number): Promise<Lease | null>;
  /** Record `key` for `ttlMs`: true the first time, false while it is remembered. */
  remember(key: string, ttlMs: number): Promise<boolean>;
  /** Whether `key` is remembered, without recording it. */
  isRemembered(key: string): Promise<boolean>;
  /** Forget a remembered key (e.g. when the work it guarded failed and must be retried). */
  forget(key: string): Promise<void>;
  /** A cached value (e.g. a response and its ETag); null when absent or expired. */
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Put `id` in the delayed queue `queue`, due at `dueAtMs` (replacing an entry with the same id). */
  schedule(queue: string, entry: QueueEntry): Promise<void>;
  /**
   * Take out up to `limit` entries due at `nowMs`, earliest first. Each is claimed for `claimMs`:
   * it stays in the queue, due again after the claim, so work taken by a process that dies is not
   * lost. Call `unschedule` when it is done, or `schedule` to move it.
   */
  takeDue(queue: string, nowMs: number, claimMs: number, limit: number): Promise<QueueEntry[]>;
  unschedule(queue: string, id: string): Promise<void>;
  /** Entries in the queue, and the earliest due time (undefined when empty). */
  queueSize(queue: string): Promise<{ size: number; nextDueAtMs: number | undefined }>;
  close(): Promise<void>;
}

export interface Lease {
  /** Release the lease if this holder still owns it. */
  release(): Promise<void>;
  /** Push the expiry to `ttlMs` from now if this holder still owns it; false when it was lost. */
  extend(ttlMs: number): Promise<boolean>;
}

/** One piece of delayed work: an id (the de-duplication key) and its payload as JSON text. */
export interface QueueEntry {
  id: string;
  payload: string;
  dueAtMs: number;
}
