import type { GitHubClient } from "./github-client.js";

type Fetch = typeof globalThis.fetch;

const limited = new WeakSet<object>();

/**
 * Give every request of this client its own deadline. Octokit has none by default, so a request
 * GitHub never answers would hold a scheduler tick (and its lease) forever. Each attempt gets
 * `ms`, retries included; a request that runs out fails like a lost connection (status 500), which
 * callers already treat as "outcome unknown": look before writing again.
 *
 * That includes the installation-token request (POST /app/installations/{id}/access_tokens):
 * @octokit/auth-app sends it from its request hook with `request.defaults(…)` of the request it
 * wraps, which carries this client's hooks, so it gets this deadline and Octokit's retries too.
 * A token endpoint that never answers thus fails a request after at most 4 × 4 attempts.
 */
export function withRequestTimeout<T extends GitHubClient>(octokit: T, ms: number): T {
  if (limited.has(octokit)) return octokit;
  limited.add(octokit);
  octokit.hook.before("request", (options) => {
    const request = (options.request ?? {}) as { fetch?: Fetch; signal?: AbortSignal };
    const inner: Fetch = request.fetch ?? globalThis.fetch;
    const fetch: Fetch = (url, init) => {
      const deadline = AbortSignal.timeout(ms);
      const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
      return inner(url, { ...init, signal });
    };
    // A new object: `options.request` may be shared with other requests through the defaults.
    options.request = { ...request, fetch } as typeof options.request;
  });
  return octokit;
}
