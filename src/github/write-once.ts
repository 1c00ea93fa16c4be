import { isTransientError } from "./is-transient-error.js";

/**
 * Perform a write that must not happen twice. Octokit's retry plugin would re-send a POST after a
 * 5xx even when GitHub had committed it; so the write goes out once (`request: { retries: 0 }`
 * in `attempt`), and when its outcome is unknown (5xx, timeout, lost response) `lookup` checks
 * whether it landed. Found: that is the result. Not found: with `retries` left, wait and write
 * again (looking once more first, since a slow write may land late); else the error is rethrown,
 * and the caller tries again later, when a fresh lookup comes first.
 */
export async function writeOnce<T>(
  attempt: () => Promise<T>,
  lookup: () => Promise<T | null>,
  options: { retries?: number; delayMs?: number } = {},
): Promise<{ result: T; recovered: boolean }> {
  const retries = options.retries ?? 0;
  for (let tries = 0; ; tries++) {
    try {
      return { result: await attempt(), recovered: false };
    } catch (error) {
      if (!isTransientError(error)) throw error;
      if (tries < retries) await new Promise((resolve) => setTimeout(resolve, (options.delayMs ?? 1_000) * (tries + 1)));
      const landed = await lookup();
      if (landed !== null) return { result: landed, recovered: true };
      if (tries >= retries) throw error;
    }
  }
}

/** Per-request option for Octokit: do not let the retry plugin repeat this request. */
export const NO_RETRY = { request: { retries: 0 } } as const;
