import { LeaseBusyError } from "./lease-busy-error.js";
import type { Store } from "./store.js";

/** Run `work` holding the lease on `key`; LeaseBusyError when another holder has it. */
export async function withLease<T>(store: Store, key: string, ttlMs: number, work: () => Promise<T>): Promise<T> {
  const lease = await store.acquire(key, ttlMs);
  if (!lease) throw new LeaseBusyError(key);
  try {
    return await work();
  } finally {
    await lease.release();
  }
}
