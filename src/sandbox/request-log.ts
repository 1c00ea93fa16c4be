import type { Fault } from "./faults.js";

/** One request the sandbox received, for tests and benchmarks that count API calls. */
export interface LoggedRequest {
  method: string;
  /** The OpenAPI template served, or null for an unknown route (the contract helper fails on those). */
  route: string | null;
  /** The path as requested, without the /api/v3 prefix and query. */
  path: string;
  query: string;
  status: number;
  auth: "jwt" | "installation" | "none";
  installationId?: number;
  /** Sandbox clock time when the request arrived. */
  at: Date;
  /** The injected fault, if one applied. */
  fault?: Fault["kind"];
}

export type RequestFilter = Partial<Pick<LoggedRequest, "method" | "route" | "status" | "auth" | "installationId">> | ((entry: LoggedRequest) => boolean);

export function matchesFilter(entry: LoggedRequest, filter: RequestFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === "function") return filter(entry);
  return Object.entries(filter).every(([key, value]) => entry[key as keyof LoggedRequest] === value);
}
