import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { AuthContext, TokenIssuer } from "./auth.js";
import type { Fault, FaultRules } from "./faults.js";
import { HttpError } from "./http-error.js";
import type { RateLimiter, RateLimitState } from "./rate-limit.js";
import type { LoggedRequest } from "./request-log.js";
import { matchRoute, type Route } from "./route-table.js";
import type { SandboxResponse } from "./sandbox-request.js";
import type { Shapes } from "./shapes.js";
import type { SandboxState } from "./state.js";

export interface ServerParts {
  routes: readonly Route[];
  state: SandboxState;
  shapes: Shapes;
  tokens: TokenIssuer;
  faults: FaultRules;
  rateLimiter: RateLimiter;
  log: LoggedRequest[];
  latencyMs: () => number;
  authClock: () => number;
}

const API_PREFIX = "/api/v3";
const DOCS = "https://docs.github.com/rest";
const SECONDARY_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ";

/**
 * One HTTP request, in the order GitHub would treat it: latency → route → credentials → injected fault →
 * rate limit → handler. Every request is logged, including unknown routes (route: null).
 */
export async function handleRequest(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomBytes(8).toString("hex").toUpperCase().replace(/(.{4})(.{4})(.{4})(.{4})/, "$1:$2:$3:$4");
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  const path = url.pathname.startsWith(`${API_PREFIX}/`) || url.pathname === API_PREFIX ? url.pathname.slice(API_PREFIX.length) || "/" : url.pathname;
  const entry: LoggedRequest = { method, route: null, path, query: url.search, status: 0, auth: "none", at: parts.state.now() };
  parts.log.push(entry);
  const rawBody = await readBody(req);

  const latency = parts.latencyMs();
  if (latency > 0) await sleep(latency);

  let auth: AuthContext = { kind: "none" };
  const send = (response: SandboxResponse, rate?: RateLimitState): void => {
    entry.status = response.status;
    if (res.destroyed) return;
    const headers: Record<string, string> = {
      "x-github-request-id": requestId,
      "x-github-api-version-selected": "2022-11-28",
      "x-github-media-type": "github.v3; format=json",
      date: new Date(parts.authClock()).toUTCString(),
      ...rateHeaders(rate ?? parts.rateLimiter.peek(rateKey(auth))),
      ...response.headers,
    };
    if (response.raw) {
      res.writeHead(response.status, { ...headers, "content-type": response.raw.contentType, "content-length": String(response.raw.content.length) });
      res.end(response.raw.content);
    } else if (response.body === undefined) {
      res.writeHead(response.status, headers);
      res.end();
    } else {
      const text = JSON.stringify(response.body);
      res.writeHead(response.status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)) });
      res.end(text);
    }
  };
  const sendError = (error: HttpError, rate?: RateLimitState): void =>
    send({ status: error.status, body: error.body(DOCS), headers: error.headers }, rate);

  const match = matchRoute(parts.routes, method, path);
  if (!match) {
    sendError(new HttpError(404, "Not Found"));
    return;
  }
  entry.route = match.route.template;

  let authError: HttpError | undefined;
  try {
    auth = parts.tokens.authenticate(req.headers.authorization);
  } catch (error) {
    authError = error instanceof HttpError ? error : new HttpError(401, "Bad credentials");
  }
  entry.auth = auth.kind;
  if (auth.kind === "installation") entry.installationId = auth.installationId;

  const fault = parts.faults.take(method, match.route.template, path);
  if (fault) entry.fault = fault.kind;
  if (fault && fault.kind !== "lose-response" && fault.kind !== "timeout" && fault.kind !== "committed-status") {
    sendError(faultError(fault, requestId, auth), fault.kind === "primary-rate-limit" ? exhausted(fault, parts.authClock) : undefined);
    return;
  }
  if (fault?.kind === "timeout") await sleep(fault.ms);

  if (authError) return sendError(authError);
  const denied = checkRouteAuth(match.route, auth) ?? checkPermission(match.route, auth, parts.state);
  if (denied) return sendError(denied);

  const isRateLimitRoute = match.route.template === "/rate_limit";
  const rate = isRateLimitRoute ? parts.rateLimiter.peek(rateKey(auth)) : parts.rateLimiter.consume(rateKey(auth));
  if (!rate) {
    const state = parts.rateLimiter.peek(rateKey(auth));
    return sendError(new HttpError(403, rateLimitMessage(auth)), state);
  }

  let response: SandboxResponse;
  try {
    let body: unknown;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody.toString("utf8"));
      } catch {
        throw new HttpError(400, "Problems parsing JSON");
      }
    }
    response = await match.route.handler({
      method,
      path,
      url,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      body,
      auth,
      state: parts.state,
      shapes: parts.shapes,
      tokens: parts.tokens,
      rateLimit: rate,
    });
  } catch (error) {
    if (error instanceof HttpError) return sendError(error, rate);
    const message = error instanceof Error ? error.message : String(error);
    return sendError(new HttpError(500, `Sandbox handler failed: ${message}`), rate);
  }

  // Conditional requests, as on GitHub: every GET answer has an ETag; `If-None-Match` with the
  // current one is answered 304 without a body, and does not count against the rate limit.
  if (method === "GET" && response.status === 200) {
    const etag = response.headers?.etag ?? weakEtag(response);
    response = { ...response, headers: { ...response.headers, etag } };
    const asked = req.headers["if-none-match"];
    if (asked !== undefined && asked.split(",").some((tag) => tag.trim() === etag)) {
      const refunded = isRateLimitRoute ? rate : parts.rateLimiter.refund(rateKey(auth));
      return send({ status: 304, headers: { etag } }, refunded);
    }
  }

  if (fault?.kind === "lose-response") {
    // The write above is committed; the client never learns the outcome.
    entry.status = response.status;
    req.socket.destroy();
    return;
  }
  // The write above is committed; the client is told it failed.
  if (fault?.kind === "committed-status") return sendError(faultError({ kind: "status", status: fault.status }, requestId, auth), rate);
  send(response, rate);
}

function weakEtag(response: SandboxResponse): string {
  const bytes = response.raw ? response.raw.content : Buffer.from(JSON.stringify(response.body ?? null));
  return `W/"${createHash("sha1").update(bytes).digest("hex")}"`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const rateKey = (auth: AuthContext): string =>
  auth.kind === "installation" ? `installation:${auth.installationId}` : auth.kind === "jwt" ? "app" : "anonymous";

function rateHeaders(rate: RateLimitState): Record<string, string> {
  return {
    "x-ratelimit-limit": String(rate.limit),
    "x-ratelimit-remaining": String(rate.remaining),
    "x-ratelimit-reset": String(rate.reset),
    "x-ratelimit-used": String(rate.used),
    "x-ratelimit-resource": "core",
  };
}

const rateLimitMessage = (auth: AuthContext): string =>
  auth.kind === "installation" ? `API rate limit exceeded for installation ID ${auth.installationId}.` : "API rate limit exceeded.";

function exhausted(fault: Extract<Fault, { kind: "primary-rate-limit" }>, authClock: () => number): RateLimitState {
  return { limit: 5000, used: 5000, remaining: 0, reset: Math.floor(authClock() / 1000) + (fault.resetAfter ?? 60) };
}

function faultError(fault: Exclude<Fault, { kind: "lose-response" | "timeout" | "committed-status" }>, requestId: string, auth: AuthContext): HttpError {
  switch (fault.kind) {
    case "status":
      return new HttpError(fault.status, fault.status === 500 ? "Server Error" : fault.status === 502 ? "Bad Gateway" : "Service Unavailable");
    case "secondary-rate-limit":
      return new HttpError(403, `${SECONDARY_MESSAGE}${requestId}.`, { headers: { "retry-after": String(fault.retryAfter) } });
    case "primary-rate-limit":
      return new HttpError(fault.status ?? 403, rateLimitMessage(auth));
  }
}

/** A route that needs more than the installation was granted (e.g. `contents: write` with `read`): 403, as on GitHub. */
function checkPermission(route: Route, auth: AuthContext, state: SandboxState): HttpError | undefined {
  if (!route.permission || auth.kind !== "installation") return undefined;
  const [name, level] = route.permission;
  const granted = state.installations.get(auth.installationId)?.permissions[name];
  if (granted === "write" || granted === level) return undefined;
  return new HttpError(403, "Resource not accessible by integration");
}

/** Apps call /app/* with their JWT and everything else with an installation token, as on GitHub. */
function checkRouteAuth(route: Route, auth: AuthContext): HttpError | undefined {
  if (route.auth === "any") return undefined;
  if (auth.kind === "none") return new HttpError(401, "Requires authentication");
  if (route.auth === "app" && auth.kind !== "jwt") {
    return new HttpError(401, "A JSON web token could not be decoded");
  }
  if (route.auth === "installation" && auth.kind !== "installation") {
    return new HttpError(403, "Resource not accessible by integration");
  }
  return undefined;
}
