import { startLocalApp, type LocalApp } from "../../src/demo/start-local-app.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import type { Issue } from "../../src/sandbox/state.js";
import { captureLog, LEVEL, type LogLine } from "../helpers/capture-log.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { privateKey } from "../helpers/keys.js";
import { REPO, seedCratesIo } from "../helpers/meeting-world.js";

const APP_ID = 4242;
const SECRET = "reliability-secret";

/**
 * One sandbox (GitHub's state survives everything) and the app process running against it, which
 * a test can kill and start again: `restart()` is a new process with empty memory, as after a
 * crash or a deploy. One key per test file (generating one per app start is the slow part).
 */
export interface ReliabilityWorld {
  sandbox: Sandbox;
  clock: FakeClock;
  /** Every log line of every process started, in order. */
  logs: LogLine[];
  app: LocalApp;
  /** Stop the app as a crash would (the sandbox keeps its state), then start a new process. */
  restart(options?: { at?: string }): Promise<LocalApp>;
  /** Stop the app only; webhooks meanwhile are captured, not delivered. */
  stopApp(): Promise<void>;
  startApp(): Promise<LocalApp>;
  close(): Promise<void>;
}

export interface WorldOptions {
  seed?: (sandbox: Sandbox) => void;
  /** Client timeout for each GitHub request, so a `timeout` fault can outlast it in milliseconds. */
  requestTimeoutMs?: number;
  /** Probot's request throttling, as in production (off by default: it spaces writes 1 s apart). */
  throttle?: boolean;
}

export async function startWorld(start: string, options: WorldOptions = {}): Promise<ReliabilityWorld> {
  const clock = new FakeClock(start);
  const { log, lines } = captureLog();
  const sandbox = await startSandbox({ appId: APP_ID, privateKey, webhookSecret: SECRET, now: () => clock.now().toJSDate() });
  (options.seed ?? ((s: Sandbox) => seedCratesIo(s)))(sandbox);

  let running: LocalApp | undefined;
  const startApp = async () => {
    running = await startLocalApp({
      now: clock.now,
      log,
      throttle: options.throttle ?? false,
      // Octokit's own retries (GETs, PATCHes) after 5 ms, 20 ms, 45 ms instead of 1 s, 4 s, 9 s.
      retryBaseMs: 5,
      appId: APP_ID,
      webhookSecret: SECRET,
      sandbox: { running: sandbox, privateKey },
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    });
    return running;
  };
  const stopApp = async () => {
    await running?.stopApp();
  };
  const world: ReliabilityWorld = {
    sandbox,
    clock,
    logs: lines,
    app: await startApp(),
    startApp: async () => (world.app = await startApp()),
    stopApp,
    restart: async ({ at } = {}) => {
      await stopApp();
      if (at) clock.set(at);
      world.app = await startApp();
      return world.app;
    },
    close: async () => {
      await stopApp();
      await sandbox.close();
    },
  };
  return world;
}

export const hasLabel = (issue: Issue, name: string) => issue.labels.some((label) => label.name === name);

/** The repo's meeting issues (label `meeting`), oldest first. */
export function meetingIssues(sandbox: Sandbox, repo = REPO): Issue[] {
  return sandbox.issues(repo).filter((issue) => hasLabel(issue, "meeting") && !issue.deleted && !issue.transferredTo);
}

export function titles(sandbox: Sandbox, repo = REPO): string[] {
  return meetingIssues(sandbox, repo).map((issue) => issue.title);
}

/** Comments the app wrote on an issue. */
export function botComments(sandbox: Sandbox, number: number, repo = REPO): string[] {
  return sandbox
    .comments(repo, number)
    .filter((comment) => comment.user.login === "meeting-bot[bot]")
    .map((comment) => comment.body);
}

/** How many times `needle` occurs in `text`. */
export function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

export function errorsLogged(logs: readonly LogLine[]): LogLine[] {
  return logs.filter((line) => line.level >= LEVEL.error);
}

export function warningsLogged(logs: readonly LogLine[]): LogLine[] {
  return logs.filter((line) => line.level === LEVEL.warn);
}

/** Wait (real time, bounded) until the sandbox has answered every request it received: a `timeout` fault finishes late. */
export async function sandboxSettled(sandbox: Sandbox, limitMs = 5_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (sandbox.requests.some((request) => request.status === 0)) {
    if (Date.now() > until) throw new Error("the sandbox still has unanswered requests");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** After meeting #001 (2020-09-11 20:30–21:30 UTC): #002's issue is due. */
export const AFTER_001 = "2020-09-11T21:31:00Z";

/** A world where meeting #002 is issue #2 and issue #3 is an ordinary discussion thread. */
export async function startWithUpcomingMeeting(options: WorldOptions = {}): Promise<ReliabilityWorld> {
  const w = await startWorld(AFTER_001, options);
  await w.app.bot.tick();
  w.sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "Let's talk.", user: "carol" });
  await w.sandbox.webhooksIdle();
  return w;
}

/** Alice, a member, comments; resolves once the app answered the delivery and the sandbox every request. */
export async function say(w: ReliabilityWorld, issue: number, body: string) {
  const comment = w.sandbox.comment(REPO, issue, body, { user: "alice", association: "MEMBER" });
  await w.sandbox.webhooksIdle();
  await sandboxSettled(w.sandbox);
  return comment;
}
