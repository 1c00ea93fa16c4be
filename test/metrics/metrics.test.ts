import { afterEach, describe, expect, it } from "@jest/globals";
import { startLocalApp, type LocalApp } from "../../src/demo/start-local-app.js";
import { metricsExposure } from "../../src/metrics/metrics-endpoint.js";
import { captureLog } from "../helpers/capture-log.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { freePort } from "../helpers/app-process.js";
import { REPO, seedCratesIo } from "../helpers/meeting-world.js";

/** /metrics over the app's real HTTP server, after a meeting, a command and a GitHub failure. */
let app: LocalApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const TOKEN = "a-long-metrics-token-for-tests";

async function start(env: Record<string, string>): Promise<LocalApp> {
  const clock = new FakeClock("2020-09-11T21:31:00Z");
  const { log } = captureLog();
  return startLocalApp({ now: clock.now, log, throttle: false, retryBaseMs: 1, seed: (sandbox) => seedCratesIo(sandbox), env });
}

describe("/metrics", () => {
  it("is off by default: no route, no port", async () => {
    app = await start({});
    const response = await fetch(app.webhookUrl.replace("/api/github/webhooks", "/metrics"), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
  });

  it("with METRICS_TOKEN: 401 without the token; with it, the app's counters in Prometheus text format", async () => {
    app = await start({ METRICS_TOKEN: TOKEN });
    const url = app.webhookUrl.replace("/api/github/webhooks", "/metrics");
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-of-the-same-size!!" } })).status).toBe(401);

    await app.bot.tick(); // meeting #002, carried over from #001
    const { sandbox } = app;
    sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", times: 4, fault: { kind: "status", status: 502 } }); // the first try and Octokit's 3 retries
    sandbox.comment(REPO, 2, "/agenda add Metrics please", { user: "alice", association: "MEMBER" });
    sandbox.comment(REPO, 2, "/agenda add Another one", { user: "mallory", association: "NONE" });
    await sandbox.webhooksIdle();

    const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain("meeting_bot_meetings_created_total 1");
    expect(text).toContain("meeting_bot_carry_overs_total 1");
    expect(text).toContain('meeting_bot_agenda_commands_total{outcome="refused"} 1');
    expect(text).toContain('meeting_bot_agenda_commands_total{outcome="retry"} 1');
    expect(text).toContain('meeting_bot_github_errors_total{status="502"}');
    expect(text).toContain("meeting_bot_command_retries_pending 1");
    expect(text).toMatch(/meeting_bot_scheduler_lateness_seconds_count 1\b/);
    expect(text).toContain("meeting_bot_reconcile_duration_seconds_count");
    expect(text).toContain("meeting_bot_process_cpu_seconds_total");
  });

  it("with METRICS_PORT: on a port of its own, without a token, and not on the app's port", async () => {
    const port = await freePort();
    app = await start({ METRICS_PORT: String(port) });
    const own = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("meeting_bot_meetings_created_total 0");
    expect((await fetch(app.webhookUrl.replace("/api/github/webhooks", "/metrics"))).status).toBe(404);
  });

  it("refuses a short token or a bad port with a message saying what to set", () => {
    expect(() => metricsExposure({ METRICS_TOKEN: "short" })).toThrow("METRICS_TOKEN is shorter than 16 characters");
    expect(() => metricsExposure({ METRICS_PORT: "http" })).toThrow('METRICS_PORT is not a port number: "http"');
    expect(metricsExposure({})).toBeUndefined();
    expect(metricsExposure({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" })).toEqual({ port: 9464, host: "0.0.0.0" });
  });
});
