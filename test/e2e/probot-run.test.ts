import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { privateKey } from "../helpers/keys.js";
import { CONFIG_PATH, EXAMPLE_TEMPLATE, REPO, TEMPLATE_PATH } from "../helpers/meeting-world.js";

/**
 * The production entry point, exactly as `npm start` runs it: `probot run ./lib/index.js`, configured
 * only through environment variables, reaching the sandbox the way it reaches GitHub Enterprise
 * Server (GHE_HOST + GHE_PROTOCOL). Real clock, real timers: the app catches up the meeting due now.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const SECRET = "probot-run-secret";

let sandbox: Sandbox;
let app: ChildProcess;
let output = "";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function until<T>(what: string, check: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; app output:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  if (!existsSync(`${root}lib/index.js`)) throw new Error("lib/index.js is missing: run `npm run build` (npm ci does it) before the tests");
  sandbox = await startSandbox({ appId: 777, privateKey, webhookSecret: SECRET });
  const installation = sandbox.addInstallation({ account: "rust-lang", type: "Organization" });
  sandbox.addRepository(installation.id, "crates-io-cargo-teams", { defaultBranch: "main" });
  // The real clock decides which meeting is due, so the schedule is set from it: a meeting three
  // hours from now is the upcoming one, and its issue is due (the previous meeting ended long ago).
  // A fixed weekday and time would make `/agenda` target the week after when CI runs mid-meeting.
  const meetingAt = DateTime.utc().plus({ hours: 3 });
  const schedule = `weekday: ${meetingAt.setLocale("en").toFormat("cccc").toLowerCase()}\n  time: "${meetingAt.toFormat("HH:mm")}"\n  timezone: UTC`;
  sandbox.putFile(REPO, CONFIG_PATH, `template: ${TEMPLATE_PATH}\nschedule:\n  ${schedule}\n`);
  sandbox.putFile(REPO, TEMPLATE_PATH, EXAMPLE_TEMPLATE);

  const port = await freePort();
  sandbox.setWebhookUrl(`http://127.0.0.1:${port}/api/github/webhooks`);
  app = spawn(process.execPath, [`${root}node_modules/probot/bin/probot.js`, "run", "./lib/index.js"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      APP_ID: "777",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: sandbox.url.replace("http://", ""),
      GHE_PROTOCOL: "http",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await until("the server to listen", () => (output.includes("Listening on") ? true : undefined));
});

afterAll(async () => {
  app?.kill("SIGTERM");
  await sandbox?.close();
});

describe("npm start (probot run ./lib/index.js) against a GitHub Enterprise-style base URL", () => {
  it("creates the meeting issue due now, and takes /agenda commands over its webhook route", async () => {
    const meeting = await until("the meeting issue", () => sandbox.issues(REPO).find((issue) => issue.user.login === "meeting-bot[bot]"));
    expect(meeting.labels.map((label) => label.name)).toEqual(["meeting"]);
    expect(meeting.body).toContain("<!-- meeting-bot:series=meeting occurrence=");
    expect(sandbox.issues(REPO)).toHaveLength(1);

    const comment = sandbox.comment(REPO, meeting.number, "/agenda add Check the production entry point", { user: "alice", association: "MEMBER" });
    await sandbox.webhooksIdle();
    const delivery = sandbox.deliveries.find((d) => d.event === "issue_comment" && (d.payload.comment as { id: number }).id === comment.id);
    expect(delivery?.attempts).toEqual([expect.objectContaining({ status: 200 })]);
    await until("the agenda item", () => (sandbox.issue(REPO, meeting.number).body?.includes("- [ ] Check the production entry point (@alice)") ? true : undefined));
    expect(sandbox.issues(REPO)).toHaveLength(1);
  });
});
