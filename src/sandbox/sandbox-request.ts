import type { IncomingHttpHeaders } from "node:http";
import type { AuthContext, TokenIssuer } from "./auth.js";
import type { RateLimitState } from "./rate-limit.js";
import type { Shapes } from "./shapes.js";
import type { SandboxState } from "./state.js";

/** What a route handler sees: the parsed request plus the sandbox it acts on. */
export interface SandboxRequest {
  method: string;
  /** Path without the /api/v3 prefix, as sent (still percent-encoded). */
  path: string;
  /** The absolute URL as the client sent it (used to build Link headers). */
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  auth: AuthContext;
  state: SandboxState;
  shapes: Shapes;
  tokens: TokenIssuer;
  /** The caller's rate-limit window after this request was counted. */
  rateLimit: RateLimitState;
}

export interface SandboxResponse {
  status: number;
  /** JSON body; omitted for 204. */
  body?: unknown;
  /** A non-JSON body (raw file contents) with its content type. */
  raw?: { content: Buffer; contentType: string };
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): SandboxResponse =>
  headers ? { status, body, headers } : { status, body };

export const noContent = (): SandboxResponse => ({ status: 204 });
