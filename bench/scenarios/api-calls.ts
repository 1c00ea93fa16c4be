import type { Sandbox } from "../../src/sandbox/index.js";
import type { LoggedRequest } from "../../src/sandbox/request-log.js";
import { summarizeApiCalls } from "../../src/demo/summarize-api-calls.js";
import { AFTER_001, check, seedMeetingRepo, startBenchApp, type BenchApp } from "../bench-app.js";
import { atMost, info, type BenchRow } from "../bench-row.js";

const REPO = "rust-lang/crates-io-cargo-teams";
const CREATION = "1. API calls per weekly creation";
const AGENDA = "2. API calls per /agenda add";

/**
 * Scenarios 1 and 2: every request the app makes, counted by the sandbox, for a weekly creation
 * (cold: the first after start, start-up discovery included; warm: a later week, caches filled)
 * and for `/agenda add` (warm and right after a restart). Probot's throttling is on, as in
 * production; it changes when requests go out, not how many.
 */
export async function apiCalls(log: (line: string) => void): Promise<BenchRow[]> {
  const app = await startBenchApp(AFTER_001, (sandbox) => void seedMeetingRepo(sandbox));
  let restarted: BenchApp | undefined;
  try {
    const { sandbox, bot } = app;
    // Cold: from process start (discovery reads the installation, its repos, config and template) to #002 linked and #001 closed.
    const discovery = sandbox.requests.length;
    await bot.tick();
    const cold = [...sandbox.requests];
    check(app, meetingTitles(sandbox).includes("Crates.io Weekly Team Meeting #002"), "the cold run did not create #002");
    log(`cold creation: ${summarizeApiCalls(cold)} (start-up discovery: ${discovery})`);

    // A week later the same process creates #003 with configs, template, token and label cached. Its
    // previous meeting's previous is the team's hand-made #001, not in the app's own listing: read once.
    app.clock.advance({ days: 7 });
    sandbox.resetLog();
    await bot.tick();
    const second = [...sandbox.requests];
    check(app, meetingTitles(sandbox).includes("Crates.io Weekly Team Meeting #003"), "the second week's run did not create #003");
    log(`second week's creation: ${summarizeApiCalls(second)}`);

    // Warm, from then on: #004, everything it needs in one listing of the app's own issues.
    app.clock.advance({ days: 7 });
    sandbox.resetLog();
    await bot.tick();
    const warm = [...sandbox.requests];
    check(app, meetingTitles(sandbox).includes("Crates.io Weekly Team Meeting #004"), "the warm run did not create #004");
    log(`warm creation: ${summarizeApiCalls(warm)}`);
    const upcoming = sandbox.issues(REPO).find((issue) => issue.title === "Crates.io Weekly Team Meeting #004")?.number ?? 0;

    // /agenda add on the upcoming meeting (#004) from a discussion thread, and on the meeting issue itself.
    const thread = sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "Let's talk.", user: "carol" });
    await sandbox.webhooksIdle();
    const fromThread = await countAgendaAdd(app, thread.number, "/agenda add Decide on the 2.0 date");
    log(`/agenda add from another thread: ${summarizeApiCalls(fromThread)}`);
    const onMeeting = await countAgendaAdd(app, upcoming, "/agenda add Welcome the new members");
    log(`/agenda add on the meeting issue: ${summarizeApiCalls(onMeeting)}`);

    // After a restart the app knows neither its token nor which issue is the upcoming meeting.
    await app.stopApp();
    restarted = await startBenchApp(app.clock.now().toISO() ?? "", () => undefined, {
      sandbox: { running: sandbox, privateKey: app.privateKey },
    });
    const afterRestart = await countAgendaAdd(restarted, thread.number, "/agenda add Name squatting policy");
    log(`/agenda add, first after a restart: ${summarizeApiCalls(afterRestart)}`);

    const reactions = (requests: LoggedRequest[]) => requests.filter((r) => r.route?.endsWith("/reactions")).length;
    return [
      atMost(CREATION, "warm (every week, caches filled)", warm.length, "calls", 4),
      info(CREATION, "the second week (reads the team's hand-made #001 once)", second.length, "calls", "(reference: once per series)"),
      // A cold run pays, once per process: the app's login (GET /app), discovery (installations, their
      // repos, each repo's branch head, which later reconciles read conditionally), a token, the config
      // and template, the label check, and the list of threads labelled for the agenda. This one is
      // also the series' first run, which lists the team's hand-made meetings once (the app has none).
      atMost(CREATION, "cold (first after start, discovery included)", cold.length, "calls", 14, "≤ 14 (warm + 9 once per process + 1 on the first run)"),
      atMost(AGENDA, "from another thread (reply included)", fromThread.length, "calls", 3 + reactions(fromThread), "≤ 3 + reaction"),
      atMost(AGENDA, "on the meeting issue itself", onMeeting.length, "calls", 3 + reactions(onMeeting), "≤ 3 + reaction"),
      info(AGENDA, "first after a restart (token + finding the meeting)", afterRestart.length, "calls", "(reference: once per process)"),
    ];
  } finally {
    await restarted?.stopApp();
    await app.close();
  }
}

async function countAgendaAdd(app: BenchApp, issue: number, body: string): Promise<LoggedRequest[]> {
  // The upcoming meeting: #004.
  const meeting = app.sandbox.issues(REPO).find((candidate) => candidate.title === "Crates.io Weekly Team Meeting #004")?.number ?? 0;
  const before = app.sandbox.issue(REPO, meeting).body ?? "";
  app.sandbox.resetLog();
  app.sandbox.comment(REPO, issue, body, { user: "alice", association: "MEMBER" });
  await app.sandbox.webhooksIdle();
  const requests = [...app.sandbox.requests];
  const text = body.replace("/agenda add ", "");
  const after = app.sandbox.issue(REPO, meeting).body ?? "";
  check(app, after !== before && after.includes(text), `"${body}" did not reach the agenda`);
  return requests;
}

function meetingTitles(sandbox: Sandbox): string[] {
  return sandbox.issues(REPO).map((issue) => issue.title);
}
