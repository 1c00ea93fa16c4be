import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Delivery } from "../../src/sandbox/index.js";
import { REPO, seedCratesIo, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";

/*
 * The private key, the installation tokens, the app's JWTs and the webhook secret never reach a
 * log line, an HTTP answer or a comment. We run the app's flows at debug level (creation, /agenda,
 * a refusal, and failing requests whose errors get logged with the whole Octokit error) and search
 * everything it wrote for each secret.
 */

let world: MeetingWorld;
const answers: string[] = [];

beforeAll(async () => {
  world = await startMeetingWorld("2020-09-11T21:31:00Z", (sandbox) => {
    seedCratesIo(sandbox);
    // Discovery's first token request fails: its error (a JWT-authenticated request) is logged.
    sandbox.faults.add({ method: "POST", route: "/app/installations/{installation_id}/access_tokens", times: 1, fault: { kind: "primary-rate-limit", status: 403 } });
  });
  const { sandbox } = world;
  // Discovery failed; a push makes the app read the config again.
  sandbox.putFile(REPO, ".github/meeting-bot.yml", sandbox.readFile(REPO, ".github/meeting-bot.yml") ?? "", { push: true });
  await sandbox.webhooksIdle();

  // Creation fails once (logged by the scheduler with the error), then succeeds.
  sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues", times: 1, fault: { kind: "status", status: 500 } });
  await world.bot.tick();
  world.clock.advance({ minutes: 10 });
  await world.bot.tick();

  sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "", user: "carol" });
  await sandbox.webhooksIdle();
  sandbox.comment(REPO, 3, "/agenda add Roadmap", { user: "alice", association: "MEMBER" });
  sandbox.comment(REPO, 3, "/agenda add Let me in", { user: "mallory", association: "NONE" });
  await sandbox.webhooksIdle();

  // A failing write inside a webhook handler: Probot logs the error and answers 500; we read that answer.
  sandbox.setDeliveryMode("capture");
  sandbox.faults.add({ method: "PATCH", route: "/repos/{owner}/{repo}/issues/{issue_number}", fault: { kind: "primary-rate-limit", status: 403 } });
  sandbox.comment(REPO, 3, "/agenda add Fails", { user: "alice", association: "MEMBER" });
  const failing = sandbox.deliveries.at(-1) as Delivery;
  const response = await fetch(world.webhookUrl, { method: "POST", headers: failing.headers, body: failing.body });
  answers.push(`${response.status} ${await response.text()}`);
  sandbox.faults.clear();
});
afterAll(async () => {
  await world.close();
});

describe("secrets stay out of logs and replies", () => {
  it("the flows ran, and failed where we made them fail (so the search below means something)", () => {
    const errors = world.logs.filter((line) => line.level >= 50);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(world.logs.some((line) => line.level === 20)).toBe(true);
    expect(JSON.stringify(errors)).toMatch(/rate limit/i);
    expect(answers).toEqual([expect.stringMatching(/^(403|500) /)]);
    expect(world.sandbox.issues(REPO).map((issue) => issue.title)).toContain("Crates.io Weekly Team Meeting #002");
    expect(world.sandbox.countRequests({ auth: "jwt" })).toBeGreaterThan(0);
    expect(world.sandbox.countRequests({ auth: "installation" })).toBeGreaterThan(0);
  });

  it("no log line, HTTP answer, issue or comment holds the private key, a token, a JWT or the webhook secret", () => {
    const { sandbox } = world;
    const written = [
      ...world.logs.map((line) => JSON.stringify(line)),
      ...answers,
      ...sandbox.issues(REPO).flatMap((issue) => [issue.title, issue.body ?? "", ...sandbox.comments(REPO, issue.number).map((comment) => comment.body)]),
    ].join("\n");
    const keyLines = world.privateKey.split("\n").filter((line) => line.length >= 40 && !line.startsWith("-----"));
    expect(keyLines.length).toBeGreaterThan(10);

    expect(written).not.toContain("BEGIN");
    expect(written).not.toContain("PRIVATE KEY");
    for (const line of keyLines) expect(written).not.toContain(line.slice(0, 24));
    // Installation tokens as the sandbox (and GitHub) issue them: ghs_ + 24 more characters.
    expect(written).not.toMatch(/ghs_[A-Za-z0-9_-]{16,}/);
    // A JWT: three base64url parts, the first a JSON header ("eyJ").
    expect(written).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/);
    expect(written).not.toContain(world.webhookSecret);
    // Octokit errors are logged whole, request headers included, but their credentials are cut to the scheme.
    expect(written).toMatch(/"authorization":"token \[REDACTED\]"/);
    expect(written).toMatch(/"authorization":"bearer \[REDACTED\]"/);
    expect(written).not.toMatch(/"authorization":"(?:token|bearer) (?!\[REDACTED\])/i);
  });
});
