/**
 * Where replicas agree on who does what. GitHub holds the state; the store only
 * holds short-lived coordination: leases (locks) and "seen once" keys.
 * The embedded default is in memory (one process); with REDIS_URL it is Redis.
 */
export interface Store {
  /** Take an exclusive lease on `key` for `ttlMs`; null when another holder has it. */
  acquire(key: string, ttlMs: number): Promise<Lease | null>;
  /** Record `key` for `ttlMs`: true the first time, false while it is remembered. */
  remember(key: string, ttlMs: number): Promise<boolean>;
  /** Forget a remembered key (e.g. when the work it guarded failed and must be retried). */
  forget(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface Lease {
  /** Release the lease if this holder still owns it. */
  release(): Promise<void>;
}
