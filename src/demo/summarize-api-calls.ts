import type { LoggedRequest } from "../sandbox/request-log.js";

/** "4 API calls: GET /issues ×1, POST /issues ×1, …": which GitHub endpoints a step used, in first-use order. */
export function summarizeApiCalls(requests: readonly LoggedRequest[]): string {
  const counts = new Map<string, number>();
  for (const request of requests) {
    // Repository routes are all in one repo: drop the common prefix to keep the line short.
    const route = (request.route ?? request.path).replace(/^\/repos\/\{owner\}\/\{repo\}/, "");
    const key = `${request.method} ${route}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const calls = requests.length === 1 ? "1 API call" : `${requests.length} API calls`;
  if (counts.size === 0) return calls;
  return `${calls}: ${[...counts].map(([key, count]) => `${key} ×${count}`).join(", ")}`;
}
