import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Metrics } from "./metrics.js";

/** How `/metrics` is served, from the environment; undefined when it is off (the default). */
export interface MetricsExposure {
  /** Serve on the app's own port, to requests with `Authorization: Bearer <token>`. */
  token?: string;
  /** Serve on a port of its own (e.g. reachable only inside the cluster), without a token. */
  port?: number;
  host?: string;
}

/**
 * Off unless METRICS_TOKEN or METRICS_PORT is set, so the metrics are never public by accident.
 * A token shorter than 16 characters is refused: it would be guessable.
 */
export function metricsExposure(env: Readonly<Record<string, string | undefined>>): MetricsExposure | undefined {
  const token = env.METRICS_TOKEN?.trim() || undefined;
  const portText = env.METRICS_PORT?.trim() || undefined;
  if (!token && !portText) return undefined;
  if (token !== undefined && token.length < 16) throw new Error("METRICS_TOKEN is shorter than 16 characters; use a long random value (e.g. `openssl rand -hex 32`)");
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error(`METRICS_PORT is not a port number: "${portText}"`);
  return { ...(token ? { token } : {}), ...(port ? { port, host: env.METRICS_HOST?.trim() || "127.0.0.1" } : {}) };
}

/** A handler for Probot's server (`addHandler`): `GET /metrics` with the bearer token; true when it answered. */
export function metricsHandler(metrics: Metrics, token: string): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname !== "/metrics") return false;
    if (!bearerMatches(req.headers.authorization, token)) {
      res.writeHead(401, { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"' }).end("401: send Authorization: Bearer <METRICS_TOKEN>\n");
      return true;
    }
    await answer(metrics, req, res);
    return true;
  };
}

/** `/metrics` on its own port (METRICS_PORT), for a scraper inside the cluster. */
export async function startMetricsServer(metrics: Metrics, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    void answer(metrics, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

async function answer(metrics: Metrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET" }).end();
    return;
  }
  try {
    const text = await metrics.text();
    res.writeHead(200, { "content-type": metrics.registry.contentType }).end(req.method === "HEAD" ? undefined : text);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? "")?.[1]?.trim() ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
