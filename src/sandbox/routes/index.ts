import type { Route } from "../route-table.js";
import { appRoutes } from "./app.js";
import { checkRunRoutes } from "./check-runs.js";
import { commentRoutes } from "./comments.js";
import { contentsRoutes, contentsWriteRoutes } from "./contents.js";
import { gitRefRoutes } from "./git-refs.js";
import { issueRoutes } from "./issues.js";
import { labelRoutes } from "./labels.js";
import { pullRoutes } from "./pulls.js";
import { rateLimitRoutes } from "./rate-limit.js";
import { reactionRoutes } from "./reactions.js";
import { repoRoutes } from "./repos.js";

/** Every route the sandbox serves; the contract test checks each against GitHub's OpenAPI description. */
export const allRoutes: readonly Route[] = [
  ...appRoutes,
  ...repoRoutes,
  ...contentsRoutes,
  ...contentsWriteRoutes,
  ...gitRefRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...reactionRoutes,
  ...labelRoutes,
  ...pullRoutes,
  ...checkRunRoutes,
  ...rateLimitRoutes,
];
