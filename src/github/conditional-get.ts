import type { Store } from "../store/store.js";
import type { GitHubClient } from "./github-client.js";
import { statusOf } from "./is-transient-error.js";

/** Cached answers live this long after their last use (with Redis, shared by replicas and restarts). */
const CACHE_TTL_MS = 7 * 24 * 3_600_000;

export interface ConditionalResult<T> {
  data: T;
  /** False when GitHub answered 304: nothing changed since the cached answer. */
  changed: boolean;
}

/**
 * A GET that GitHub answers 304 ("Not Modified", which does not count against the rate limit)
 * when the resource is unchanged since the last answer: the answer and its ETag are kept in the
 * store under `cacheKey` and sent back as `If-None-Match`. Errors (404 included) are thrown.
 */
export async function conditionalGet<T>(
  octokit: GitHubClient,
  store: Store,
  cacheKey: string,
  route: string,
  parameters: Record<string, unknown>,
): Promise<ConditionalResult<T>> {
  const key = `etag:${cacheKey}`;
  const cached = parse<T>(await store.get(key));
  try {
    const response = await octokit.request(route, { ...parameters, headers: cached ? { "if-none-match": cached.etag } : {} });
    const etag = response.headers.etag;
    if (etag) await store.set(key, JSON.stringify({ etag, data: response.data }), CACHE_TTL_MS);
    return { data: response.data as T, changed: true };
  } catch (error) {
    if (statusOf(error) !== 304 || !cached) throw error;
    await store.set(key, JSON.stringify(cached), CACHE_TTL_MS); // used: keep it
    return { data: cached.data, changed: false };
  }
}

function parse<T>(text: string | null): { etag: string; data: T } | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as { etag: string; data: T };
  } catch {
    return undefined;
  }
}
