import { findSections } from "../../src/core/find-sections.js";
import { extractItems } from "../../src/core/extract-items.js";
import { AFTER_001, check, seedMeetingRepo, startBenchApp, type BenchApp } from "../bench-app.js";
import { atMost, info, type BenchRow } from "../bench-row.js";
import { postConcurrently, postDelivery } from "../post-deliveries.js";
import { median, round, since } from "../stats.js";
import { size } from "../bench-size.js";

const COMMANDS = size(200, 10);
const SCENARIO = `3. Coalescing: ${COMMANDS} concurrent /agenda add`;
const REPO = "rust-lang/crates-io-cargo-teams";
const MEETING = 2;
const LATENCY_MS = 50;
const RUNS = size(3, 1);

/**
 * Scenario 3: 200 `/agenda add` comments on a discussion thread, delivered to the app all at once,
 * each adding to the upcoming meeting (#002) while every API call takes 50 ms. All 200 must land;
 * counted: the writes of the meeting issue body. Baseline: one `/agenda add` alone, same latency.
 *
 * Throttling is off: Probot spaces writes per installation ≥ 1 s apart (comments and issues 3 s),
 * so the 200 reactions and 200 replies alone would take over ten minutes; the figure would be
 * the throttle's, not the app's. The throttle would only make batches larger (fewer writes).
 */
export async function coalescing(log: (line: string) => void): Promise<BenchRow[]> {
  const runs: Array<{ writes: number; wallMs: number; singleMs: number; landed: number }> = [];
  for (let run = 0; run < RUNS; run++) runs.push(await oneRun());
  for (const [index, run] of runs.entries()) {
    log(`run ${index + 1}: ${run.landed}/${COMMANDS} landed, ${run.writes} issue writes, ${Math.round(run.wallMs)} ms (one add alone: ${Math.round(run.singleMs)} ms)`);
  }
  const wall = median(runs.map((run) => run.wallMs));
  const single = median(runs.map((run) => run.singleMs));
  return [
    atMost(SCENARIO, `commands lost (of ${COMMANDS}, worst run)`, COMMANDS - Math.min(...runs.map((run) => run.landed)), "commands", 0, "0"),
    atMost(SCENARIO, "issue body writes (median)", median(runs.map((run) => run.writes)), "writes", 20),
    info(SCENARIO, `wall time, all ${COMMANDS} answered (median)`, round(wall), "ms"),
    info(SCENARIO, "baseline: one /agenda add alone (median)", round(single), "ms"),
    info(SCENARIO, `wall time of ${COMMANDS} ÷ one alone`, round(wall / single), "×"),
  ];
}

async function oneRun(): Promise<{ writes: number; wallMs: number; singleMs: number; landed: number }> {
  const app = await startBenchApp(AFTER_001, (sandbox) => void seedMeetingRepo(sandbox), { throttle: false });
  try {
    const { sandbox, bot, webhookUrl } = app;
    await bot.tick();
    const thread = sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "", user: "carol" });
    await sandbox.webhooksIdle();
    sandbox.setDeliveryMode("capture");
    sandbox.clearDeliveries();
    sandbox.comment(REPO, thread.number, "/agenda add Warm-up", { user: "alice", association: "MEMBER" });
    for (let i = 0; i < COMMANDS; i++) sandbox.comment(REPO, thread.number, `/agenda add Item ${i}`, { user: "alice", association: "MEMBER" });
    const [first, ...rest] = sandbox.deliveries.filter((delivery) => delivery.event === "issue_comment");
    check(app, first !== undefined && rest.length === COMMANDS, "the sandbox did not capture the comments");
    sandbox.setLatency(LATENCY_MS);

    let start = performance.now();
    await postDelivery(first!, webhookUrl);
    const singleMs = since(start);

    sandbox.resetLog();
    start = performance.now();
    const statuses = await postConcurrently(rest, webhookUrl);
    const wallMs = since(start);
    check(app, statuses.every((status) => status === 200), `some deliveries failed: ${statuses.filter((s) => s !== 200).join(", ")}`);
    const writes = sandbox.countRequests((request) => request.method === "PATCH" && request.path.endsWith(`/issues/${MEETING}`));
    return { writes, wallMs, singleMs, landed: landedItems(app) };
  } finally {
    await app.close();
  }
}

function landedItems(app: BenchApp): number {
  const body = app.sandbox.issue(REPO, MEETING).body ?? "";
  const section = findSections(body, ["Proposed Agenda"]).get("Proposed Agenda")?.[0];
  const texts = new Set(section ? extractItems(body, section).map((item) => item.text) : []);
  let landed = 0;
  for (let i = 0; i < COMMANDS; i++) if ([...texts].some((text) => text.startsWith(`Item ${i} (`))) landed++;
  return landed;
}
