import type { SandboxRequest, SandboxResponse } from "./sandbox-request.js";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Who may call a route: the app itself (JWT), an installation (token), or either. */
export type RouteAuth = "app" | "installation" | "any";

export type RouteHandler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** The installation permission a route needs, e.g. `["contents", "write"]` (see `DEFAULT_INSTALLATION_PERMISSIONS`). */
export type RoutePermission = readonly [name: string, level: "read" | "write"];

export interface Route {
  method: HttpMethod;
  /** The OpenAPI path template, e.g. "/repos/{owner}/{repo}/issues". */
  template: string;
  auth: RouteAuth;
  /** Checked for installation tokens: without it, 403 "Resource not accessible by integration". */
  permission?: RoutePermission;
  handler: RouteHandler;
  pattern: RegExp;
  paramNames: string[];
}

/** Declares a route once, with the exact OpenAPI method and path template it implements. */
export function route(method: HttpMethod, template: string, auth: RouteAuth, handler: RouteHandler, permission?: RoutePermission): Route {
  const paramNames: string[] = [];
  const source = template
    .split("/")
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const name = match[1] as string;
      paramNames.push(name);
      // A contents path may arrive with literal slashes or as one %2F-encoded segment.
      return name === "path" || name === "ref" ? "(.+)" : "([^/]+)";
    })
    .join("/");
  return { method, template, auth, handler, pattern: new RegExp(`^${source}$`), paramNames, ...(permission ? { permission } : {}) };
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * Finds the route for a method and a path (without the /api/v3 prefix). Literal templates win over
 * templated ones, so "/repos/{owner}/{repo}/issues/comments/{comment_id}" is not read as issue "comments".
 */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  const candidates = routes
    .filter((candidate) => candidate.method === method && candidate.pattern.test(path))
    .sort((a, b) => a.paramNames.length - b.paramNames.length);
  const found = candidates[0];
  if (!found) return undefined;
  const values = found.pattern.exec(path)?.slice(1) ?? [];
  const params: Record<string, string> = {};
  found.paramNames.forEach((name, index) => {
    params[name] = decodeURIComponent(values[index] ?? "");
  });
  return { route: found, params };
}

/** True when some route serves this path with another method (GitHub then answers 404 too, but we log it). */
export function pathIsKnown(routes: readonly Route[], path: string): boolean {
  return routes.some((candidate) => candidate.pattern.test(path));
}
