/**
 * Did a request fail in a way that says nothing about whether GitHub acted on it? A 5xx, a
 * timeout or a dropped connection may come after GitHub committed a write, so before writing
 * again the caller must look at what is there.
 */
export function isTransientError(error: unknown): boolean {
  const status = statusOf(error);
  if (status === undefined) return true; // no response at all: network error, reset, timeout
  return status >= 500;
}

/** A rate limit: primary (remaining 0) or secondary ("You have exceeded a secondary rate limit"). */
export function isRateLimitError(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 429) return true;
  if (status !== 403) return false;
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {};
  const message = String((error as { message?: unknown }).message ?? "");
  return headers["retry-after"] !== undefined || headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(message);
}

/**
 * Seconds GitHub asked us to wait, from `retry-after` or `x-ratelimit-reset`; undefined if it did
 * not say. The reset is an instant on GitHub's clock: it is measured from the response's `date`
 * when there is one, so a skewed local clock neither waits hours nor retries at once.
 */
export function retryAfterSeconds(error: unknown, nowMs: number): number | undefined {
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } } | null | undefined)?.response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter;
  const reset = Number(headers["x-ratelimit-reset"]);
  const serverNowMs = Date.parse(headers.date ?? "");
  const fromMs = Number.isFinite(serverNowMs) ? serverNowMs : nowMs;
  if (headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset)) return Math.max(1, Math.ceil(reset - fromMs / 1000));
  return undefined;
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}
