import { isTransientError } from "./is-transient-error.js";

/**
 * Perform a write that must not happen twice. Octokit's retry plugin would re-send a POST after a
 * 5xx even when GitHub had committed it; so the write goes out once (`request: { retries: 0 }`
 * in `attempt`), and when its outcome is unknown (5xx, timeout, lost response) `lookup` checks
 * whether it landed. Found: that is the result. Not found: the error is rethrown, and the caller
 * tries again later, when a fresh lookup comes first.
 */
export async function writeOnce<T>(attempt: () => Promise<T>, lookup: () => Promise<T | null>): Promise<{ result: T; recovered: boolean }> {
  try {
    return { result: await attempt(), recovered: false };
  } catch (error) {
    if (!isTransientError(error)) throw error;
    const landed = await lookup();
    if (landed === null) throw error;
    return { result: landed, recovered: true };
  }
}

/** Per-request option for Octokit: do not let the retry plugin repeat this request. */
export const NO_RETRY = { request: { retries: 0 } } as const;
