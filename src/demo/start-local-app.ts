import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import type { DateTime } from "luxon";
import { Probot, ProbotOctokit, Server, type Logger } from "probot";
import { createMeetingBot, type MeetingBot } from "../meeting-bot.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../sandbox/index.js";
import type { Store } from "../store/store.js";
import { MemoryStore } from "../store/memory-store.js";

export interface LocalApp {
  sandbox: Sandbox;
  bot: MeetingBot;
  server: Server;
  /** Where the sandbox delivers webhooks: the real Probot server's webhook route. */
  webhookUrl: string;
  appId: number;
  privateKey: string;
  webhookSecret: string;
  /** Stop the app (and the sandbox, unless it was handed in). */
  close(): Promise<void>;
  /** Stop the app only, as a crash or a deploy would; the sandbox keeps its state. */
  stopApp(): Promise<void>;
}

export interface LocalAppOptions {
  now: () => DateTime;
  log: Logger;
  store?: Store;
  /** Probot's request throttling (writes ≥1 s apart). On by default, as in production. */
  throttle?: boolean;
  /** Options for a new sandbox, or a running one (with its app credentials) to restart the app against. */
  sandbox?: Partial<SandboxOptions> | { running: Sandbox; privateKey: string };
  /** Called before the app loads, e.g. to seed repositories: discovery at start-up then finds them. */
  seed?: (sandbox: Sandbox) => void | Promise<void>;
  appId?: number;
  webhookSecret?: string;
  /** "manual" (default): only `bot.tick()` runs the scheduler; "timer": the app's own timer does, as in production. */
  scheduling?: "manual" | "timer";
  /** Octokit's retry plugin waits (n + 1)² × this many ms before retry n (default 1000); tests pass a few ms. */
  retryBaseMs?: number;
  /** Deadline of each GitHub request attempt (the app's default: 30 s); tests of hung requests pass a few ms. */
  requestTimeoutMs?: number;
  /** The app's environment (`PUBLIC_URL`, `CALENDAR_SECRET`, `METRICS_TOKEN`, …); default: the process's. */
  env?: Record<string, string | undefined>;
}

/**
 * The real app, served over HTTP by Probot's own server, talking to the local GitHub sandbox the
 * way it talks to GitHub Enterprise (a base URL). Used by the demo, the end-to-end tests and the
 * benchmarks. The app's private key is generated here and never leaves the process.
 */
export async function startLocalApp(options: LocalAppOptions): Promise<LocalApp> {
  const appId = options.appId ?? 4242;
  const webhookSecret = options.webhookSecret ?? "local-sandbox-secret";
  const reuse = options.sandbox && "running" in options.sandbox ? options.sandbox : undefined;
  const privateKey =
    reuse?.privateKey ??
    generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    }).privateKey;
  const sandbox =
    reuse?.running ??
    (await startSandbox({
      appId,
      privateKey,
      webhookSecret,
      now: () => options.now().toJSDate(),
      ...(options.sandbox as Partial<SandboxOptions> | undefined),
    }));
  if (!reuse) await options.seed?.(sandbox);

  const Octokit =
    options.throttle === false || options.retryBaseMs !== undefined
      ? ProbotOctokit.defaults((instance: Record<string, unknown>) => ({
          ...instance,
          ...(options.throttle === false ? { throttle: { ...(instance.throttle as object), enabled: false } } : {}),
          ...(options.retryBaseMs === undefined ? {} : { retry: { ...(instance.retry as object), retryAfterBaseValue: options.retryBaseMs } }),
        }))
      : ProbotOctokit;
  const port = await freePort();
  const server = new Server({
    Probot: Probot.defaults({ appId, privateKey, secret: webhookSecret, baseUrl: sandbox.baseUrl, log: options.log, Octokit }),
    host: "127.0.0.1",
    port,
    log: options.log,
  });
  const bot = createMeetingBot({
    now: options.now,
    store: options.store ?? new MemoryStore(),
    scheduling: options.scheduling ?? "manual",
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
  });
  await server.load(bot.appFn);
  await server.start();
  const webhookUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
  let stopped = false;
  const stopApp = async () => {
    if (stopped) return;
    stopped = true;
    await sandbox.webhooksIdle();
    sandbox.setWebhookUrl(undefined);
    await server.stop();
    await bot.stop();
  };
  sandbox.setWebhookUrl(webhookUrl);
  await bot.ready();

  return {
    sandbox,
    bot,
    server,
    webhookUrl,
    appId,
    privateKey,
    webhookSecret,
    stopApp,
    close: async () => {
      await stopApp();
      if (!reuse) await sandbox.close();
    },
  };
}

/** Probot's Server treats port 0 as "use 3000", so pick a free port ourselves. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
