import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { pino } from "pino";
import { Probot, Server } from "probot";
import type { Delivery } from "../../src/sandbox/index.js";
import { AFTER_001, check, seedMeetingRepo, startBenchApp, type BenchApp } from "../bench-app.js";
import { atLeast, info, type BenchRow } from "../bench-row.js";
import type { PostJob, PostResult } from "../post-worker.js";
import { collectGarbage, median, round } from "../stats.js";
import { size } from "../bench-size.js";

const SCENARIO = "7. Webhook throughput, signed issue_comment.created";
const REPO = "rust-lang/crates-io-cargo-teams";
const ORDINARY = size({ perRound: 250, rounds: 8, warmUp: 2 }, { perRound: 20, rounds: 1, warmUp: 0 });
// Each app round's adds stay on the meeting issue: 30 × (1 warm-up + 3 rounds) items keep it well under GitHub's 65,536 characters.
const COMMANDS = size({ perRound: 30, rounds: 3, warmUp: 1 }, { perRound: 3, rounds: 1, warmUp: 0 });
const CONCURRENCY = 8;

/**
 * Scenario 7: signed `issue_comment.created` deliveries (the sandbox's exact headers and bodies)
 * POSTed over HTTP by a client thread, `CONCURRENCY` in flight; deliveries per second the app
 * answers, against a bare Probot app (same credentials, one no-op handler) in alternating rounds;
 * the ratio is the median of the rounds' ratios. First ordinary comments (no command: the common
 * case), with Probot's throttling on; then `/agenda add` commands (each one read + write of the
 * meeting issue, a reaction and a reply), with throttling off so that the figure is the app's and
 * not Probot's 1-write-per-second spacing.
 */
export async function webhookThroughput(log: (line: string) => void): Promise<BenchRow[]> {
  const worker = new Worker(new URL("../post-worker.js", import.meta.url), { workerData: "ready" });
  await once(worker, "message");
  const send = async (url: string, deliveries: readonly Delivery[]): Promise<PostResult> => {
    const job: PostJob = { url, deliveries: deliveries.map(({ headers, body }) => ({ headers, body })), concurrency: CONCURRENCY };
    worker.postMessage(job);
    const [answer] = (await once(worker, "message")) as [PostResult | { error: string }];
    if ("error" in answer) throw new Error(`webhook client: ${answer.error}`);
    return answer;
  };
  try {
    const ordinary = await compare(send, "ordinary", ORDINARY, true, (i) => `Thanks, looks good to me (${i}).`);
    log(`ordinary comments, per second (app / bare): ${ordinary.rounds.map(([a, b]) => `${Math.round(a)}/${Math.round(b)}`).join(", ")}`);
    const commands = await compare(send, "commands", COMMANDS, false, (i) => `/agenda add Item ${i}`);
    log(`/agenda add commands, per second (app / bare): ${commands.rounds.map(([a, b]) => `${Math.round(a)}/${Math.round(b)}`).join(", ")}`);
    return [
      atLeast(SCENARIO, "ordinary comments: app ÷ bare Probot (median of rounds)", round(ordinary.ratio), "×", 0.8),
      info(SCENARIO, "ordinary comments: app", round(ordinary.app), "per s"),
      info(SCENARIO, "ordinary comments: baseline, bare Probot + no-op handler", round(ordinary.bare), "per s"),
      info(SCENARIO, "/agenda add commands: app ÷ bare Probot", round(commands.ratio), "×", "(reference: 4 API calls each)"),
      info(SCENARIO, "/agenda add commands: app", round(commands.app), "per s"),
    ];
  } finally {
    await worker.terminate();
  }
}

type Send = (url: string, deliveries: readonly Delivery[]) => Promise<PostResult>;

async function compare(send: Send, name: string, size: { perRound: number; rounds: number; warmUp: number }, throttle: boolean, text: (i: number) => string) {
  const app = await startBenchApp(AFTER_001, (sandbox) => void seedMeetingRepo(sandbox), { throttle });
  const bare = await startBareProbot(app);
  try {
    await app.bot.tick(); // meeting #002 exists, so commands have an agenda to add to
    const thread = app.sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "", user: "carol" });
    await app.sandbox.webhooksIdle();
    app.sandbox.setDeliveryMode("capture");
    // Every round sends new comments (commands must not be redeliveries), all captured before any
    // is sent, so the sandbox's work of making them does not fall into a measured round.
    const batches = Array.from({ length: 2 * (size.warmUp + size.rounds) }, () => captureComments(app, thread.number, size.perRound, text));
    const next = () => batches.shift() as Delivery[];
    const appRate = () => measure(send, app, app.webhookUrl, next());
    const bareRate = () => measure(send, app, bare.url, next());
    // Warm-up rounds (the JIT), then pairs in alternating order (app first, then bare first), so
    // drift in the machine's load falls on both.
    for (let round = 0; round < size.warmUp; round++) {
      await appRate();
      await bareRate();
    }
    const rounds: Array<[number, number]> = [];
    for (let round = 0; round < size.rounds; round++) {
      if (round % 2 === 0) {
        const a = await appRate();
        rounds.push([a, await bareRate()]);
      } else {
        const b = await bareRate();
        rounds.push([await appRate(), b]);
      }
    }
    const ratios = rounds.map(([a, b]) => a / b);
    return { name, rounds, ratio: median(ratios), app: median(rounds.map(([a]) => a)), bare: median(rounds.map(([, b]) => b)) };
  } finally {
    await bare.stop();
    await app.close();
  }
}

let serial = 0;

function captureComments(app: BenchApp, issue: number, count: number, text: (i: number) => string): Delivery[] {
  app.sandbox.clearDeliveries();
  app.sandbox.setDeliveryMode("capture");
  for (let i = 0; i < count; i++) app.sandbox.comment(REPO, issue, text(serial++), { user: "alice", association: "MEMBER" });
  return app.sandbox.deliveries.filter((delivery) => delivery.event === "issue_comment" && delivery.action === "created");
}

async function measure(send: Send, app: BenchApp, url: string, deliveries: Delivery[]): Promise<number> {
  collectGarbage();
  const result = await send(url, deliveries);
  check(app, result.statuses[200] === deliveries.length, `not every delivery was accepted: ${JSON.stringify(result.statuses)}`);
  return deliveries.length / (result.ms / 1000);
}

/** The smallest Probot app: same credentials and sandbox, one no-op `issue_comment.created` handler. */
async function startBareProbot(app: BenchApp): Promise<{ url: string; stop(): Promise<void> }> {
  const log = pino({ level: "warn" }, { write: (line: string) => void app.problems.push(line) });
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  const server = new Server({
    Probot: Probot.defaults({ appId: app.appId, privateKey: app.privateKey, secret: app.webhookSecret, baseUrl: app.sandbox.baseUrl, log }),
    host: "127.0.0.1",
    port,
    log,
  });
  await server.load((probot) => {
    probot.on("issue_comment.created", async () => {});
  });
  await server.start();
  return { url: `http://127.0.0.1:${port}/api/github/webhooks`, stop: () => server.stop() };
}
