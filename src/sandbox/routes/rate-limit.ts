import { route } from "../route-table.js";
import { json } from "../sandbox-request.js";

/** `GET /rate_limit` (which does not count against the limit, like GitHub). */
export const rateLimitRoutes = [
  route("GET", "/rate_limit", "any", (request) => {
    const core = request.rateLimit;
    const other = (limit: number) => ({ limit, used: 0, remaining: limit, reset: core.reset });
    return json(200, {
      resources: { core, search: other(30), graphql: other(5000), integration_manifest: other(5000) },
      rate: core,
    });
  }),
];
