/**
 * GitHub's primary rate limit, per caller (the app's JWT or one installation): `limit` requests per hour
 * window, counted from the first request. When exhausted, requests get 403 "API rate limit exceeded".
 */
export interface RateLimitState {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { used: number; reset: number }>();

  constructor(
    public limit: number,
    private readonly clock: () => number,
  ) {}

  private window(key: string): { used: number; reset: number } {
    const now = Math.floor(this.clock() / 1000);
    const existing = this.windows.get(key);
    if (existing && existing.reset > now) return existing;
    const fresh = { used: 0, reset: now + 3600 };
    this.windows.set(key, fresh);
    return fresh;
  }

  peek(key: string): RateLimitState {
    const window = this.window(key);
    return { limit: this.limit, used: window.used, remaining: Math.max(0, this.limit - window.used), reset: window.reset };
  }

  /** Counts one request; returns undefined when the caller is over the limit. */
  consume(key: string): RateLimitState | undefined {
    const window = this.window(key);
    if (window.used >= this.limit) return undefined;
    window.used += 1;
    return this.peek(key);
  }

  /** Gives back one request: a conditional request answered 304 does not count (as on GitHub). */
  refund(key: string): RateLimitState {
    const window = this.window(key);
    window.used = Math.max(0, window.used - 1);
    return this.peek(key);
  }

  reset(): void {
    this.windows.clear();
  }
}
