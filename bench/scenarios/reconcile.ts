import { MemoryStore } from "../../src/store/memory-store.js";
import { AFTER_001, check, seedMeetingRepo, startBenchApp, type BenchApp } from "../bench-app.js";
import { atMost, info, type BenchRow } from "../bench-row.js";
import { size } from "../bench-size.js";

const INSTALLATIONS = size(10, 2);
const REPOS_PER_INSTALLATION = size(100, 5);
const REPOS = INSTALLATIONS * REPOS_PER_INSTALLATION;
const SCENARIO = `8. Reconcile, ${REPOS.toLocaleString("en-US")} unchanged repos`;

/** Stands for Redis: shared by the first and the restarted process, and outlives the first. */
class SharedStore extends MemoryStore {
  override async close(): Promise<void> {}
}

/**
 * Scenario 8: the periodic reconcile over 1,000 configured repositories (10 installations × 100)
 * where nothing changed since the last read, then a restart with the ETags and files in the
 * store (Redis). Every read is conditional: the sandbox answers 304, which GitHub does not count
 * against the rate limit. Throttling off: it would only space the requests out.
 */
export async function reconcileScenario(log: (line: string) => void): Promise<BenchRow[]> {
  const store = new SharedStore();
  let app: BenchApp | undefined = await startBenchApp(
    AFTER_001,
    (sandbox) => {
      for (let i = 0; i < INSTALLATIONS; i++) {
        const installationId = sandbox.addInstallation({ account: `org-${i}`, type: "Organization" }).id;
        for (let j = 0; j < REPOS_PER_INSTALLATION; j++) seedMeetingRepo(sandbox, { account: `org-${i}`, repo: `repo-${j}`, installationId, withMeeting001: false });
      }
    },
    { store, throttle: false },
  );
  let restarted: BenchApp | undefined;
  try {
    const { sandbox } = app;
    check(app, app.bot.repos.size === REPOS, `start-up read ${app.bot.repos.size} repos, not ${REPOS}`);
    sandbox.resetLog();
    const started = performance.now();
    const report = await app.bot.reconcile();
    const ms = performance.now() - started;
    check(app, report.refreshed === 0 && report.repositories === REPOS, `the reconcile re-read ${report.refreshed} of ${report.repositories} repos`);
    const requests = [...sandbox.requests];
    const perRepo = requests.filter((request) => request.route === "/repos/{owner}/{repo}/git/ref/{ref}");
    const counted = requests.filter((request) => request.auth === "installation" && request.status !== 304);
    const notModified = requests.filter((request) => request.status === 304);
    log(`reconcile: ${requests.length} requests (${perRepo.length} per repo, ${requests.length - perRepo.length} lists), ${notModified.length} answered 304, ${counted.length} against the rate limit, ${ms.toFixed(0)} ms`);

    // A restart (a deploy) with the ETags and each commit's files already in the store.
    await app.stopApp();
    sandbox.resetLog();
    restarted = await startBenchApp(app.clock.now().toISO() ?? "", () => undefined, { store, throttle: false, sandbox: { running: sandbox, privateKey: app.privateKey } });
    check(restarted, restarted.bot.repos.size === REPOS, `the restart read ${restarted.bot.repos.size} repos, not ${REPOS}`);
    const atStart = [...sandbox.requests];
    const startCounted = atStart.filter((request) => request.auth === "installation" && request.status !== 304);
    const fileReads = atStart.filter((request) => request.route === "/repos/{owner}/{repo}/contents/{path}");
    log(`restart with the store warm: ${atStart.length} requests, ${startCounted.length} against the rate limit, ${fileReads.length} file reads`);
    return [
      atMost(SCENARIO, "conditional requests per repo (its branch head)", perRepo.length, "requests", REPOS),
      atMost(SCENARIO, "requests against the rate limit", counted.length, "requests", 0),
      info(SCENARIO, "list requests (installations, each installation's repos), all 304", requests.length - perRepo.length, "requests"),
      info(SCENARIO, "duration of the pass (sandbox on loopback)", Math.round(ms), "ms"),
      atMost(SCENARIO, "restart with ETags in the store: requests against the rate limit", startCounted.length, "requests", 0),
      atMost(SCENARIO, "restart with ETags in the store: config and template reads", fileReads.length, "requests", 0),
    ];
  } finally {
    await restarted?.close();
    await app?.close();
    app = undefined;
  }
}
