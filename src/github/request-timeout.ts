import type { GitHubClient } from "./github-client.js";

type Fetch = typeof globalThis.fetch;

const limited = new WeakSet<object>();
// As a template (before the hook expands it) or expanded.
const TOKEN_ROUTE = /\/app\/installations\/(?:\{installation_id\}|\d+)\/access_tokens$/;

/**
 * Give every request of this client its own deadline. Octokit has none by default, so a request
 * GitHub never answers would hold a scheduler tick (and its lease) forever. Each attempt gets
 * `ms`, retries included; a request that runs out fails like a lost connection (status 500), which
 * callers already treat as "outcome unknown": look before writing again.
 *
 * That includes the installation-token request (POST /app/installations/{id}/access_tokens):
 * @octokit/auth-app sends it from its request hook with `request.defaults(…)` of the request it
 * wraps, which carries this client's hooks, so it gets this deadline. It is sent without Octokit's
 * retries: the request that needed the token is retried itself (and asks for a token again), so
 * retrying the token too only multiplied the attempts (4 × 4 deadlines, about 9 minutes, longer
 * than a lease). Failing it fast is safe: nothing was written yet.
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
    const retries = options.method === "POST" && TOKEN_ROUTE.test(options.url) ? { retries: 0 } : {};
    // A new object: `options.request` may be shared with other requests through the defaults.
    options.request = { ...request, ...retries, fetch } as typeof options.request;
  });
  return octokit;
}
