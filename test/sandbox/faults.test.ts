import { describe, it, expect, beforeEach, afterEach } from "@jest/globals";
import { REPO, octokitFor, startWorld, type World } from "./fixture.js";

const owner = "rust-lang";
const repo = "crates-io-cargo-teams";
let world: World;
beforeEach(async () => {
  world = await startWorld();
  // Fetch the installation token up front so faults only meet the calls under test.
  await world.octokit.rest.repos.get({ owner, repo });
  world.sandbox.resetLog();
});
afterEach(() => world.sandbox.close());

const createIssue = () => world.octokit.rest.issues.create({ owner, repo, title: "Meeting" });

describe("fault injection", () => {
  it.each([500, 502, 503] as const)("answers %i for the matching route, `times` times", async (status) => {
    world.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues", times: 1, fault: { kind: "status", status } });
    await expect(world.octokit.rest.repos.get({ owner, repo })).resolves.toMatchObject({ status: 200 });
    await expect(createIssue()).rejects.toMatchObject({ status });
    await expect(createIssue()).resolves.toMatchObject({ status: 201 });
    expect(world.sandbox.issues(REPO)).toHaveLength(1);
    expect(world.sandbox.faults.pending).toEqual([]);
    expect(world.sandbox.requests.map((entry) => [entry.status, entry.fault])).toEqual([
      [200, undefined],
      [status, "status"],
      [201, undefined],
    ]);
  });

  it("matches a RegExp against the path", async () => {
    world.sandbox.faults.add({ route: /\/contents\//, fault: { kind: "status", status: 502 } });
    await expect(world.octokit.rest.repos.getContent({ owner, repo, path: "x.yml" })).rejects.toMatchObject({ status: 502 });
    await expect(world.octokit.rest.repos.getContent({ owner, repo, path: "y.yml" })).rejects.toMatchObject({ status: 502 });
    world.sandbox.faults.clear();
    await expect(world.octokit.rest.repos.getContent({ owner, repo, path: "y.yml" })).rejects.toMatchObject({ status: 404 });
  });

  it("answers a secondary rate limit with 403, retry-after and GitHub's message", async () => {
    world.sandbox.faults.add({ times: 1, fault: { kind: "secondary-rate-limit", retryAfter: 42 } });
    const error = (await createIssue().catch((caught: unknown) => caught)) as { status: number; message: string; response: { headers: Record<string, string> } };
    expect(error.status).toBe(403);
    expect(error.response.headers["retry-after"]).toBe("42");
    expect(error.message).toMatch(/^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again/);
    expect(world.sandbox.issues(REPO)).toHaveLength(0);
  });

  it.each([403, 429] as const)("answers a primary rate limit with %i, remaining 0 and a reset time", async (status) => {
    world.sandbox.faults.add({ times: 1, fault: { kind: "primary-rate-limit", status, resetAfter: 120 } });
    const before = Math.floor(Date.now() / 1000);
    const error = (await createIssue().catch((caught: unknown) => caught)) as { status: number; message: string; response: { headers: Record<string, string> } };
    expect(error.status).toBe(status);
    expect(error.message).toMatch(/API rate limit exceeded for installation ID/);
    expect(error.response.headers["x-ratelimit-remaining"]).toBe("0");
    // 120 s after the request, in epoch seconds: bounded on both sides by the test's own clock.
    const reset = Number(error.response.headers["x-ratelimit-reset"]);
    expect(reset).toBeGreaterThanOrEqual(before + 120);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 120);
  });

  it.each([500, 502, 503] as const)("committed-status commits the write, then answers %i (as GitHub does)", async (status) => {
    world.sandbox.faults.add({ times: 1, route: "/repos/{owner}/{repo}/issues", method: "POST", fault: { kind: "committed-status", status } });
    await expect(createIssue()).rejects.toMatchObject({ status });
    // The issue exists although the client was told it failed: a blind retry would duplicate it.
    expect(world.sandbox.issues(REPO).map((issue) => issue.title)).toEqual(["Meeting"]);
    expect(world.sandbox.requests[0]).toMatchObject({ status, fault: "committed-status" });
  });

  it("lose-response commits the write, then drops the connection", async () => {
    world.sandbox.faults.add({ times: 1, route: "/repos/{owner}/{repo}/issues", method: "POST", fault: { kind: "lose-response" } });
    await expect(createIssue()).rejects.toMatchObject({ status: 500 });
    // The issue exists although the client never heard back: a retry would duplicate it.
    expect(world.sandbox.issues(REPO).map((issue) => issue.title)).toEqual(["Meeting"]);
    expect(world.sandbox.deliveries.at(-1)).toMatchObject({ event: "issues", action: "opened" });
    expect(world.sandbox.requests[0]).toMatchObject({ status: 201, fault: "lose-response" });
  });

  it("timeout delays the answer so a client timeout fires (the write still happens, like a slow GitHub)", async () => {
    world.sandbox.faults.add({ times: 1, route: "/repos/{owner}/{repo}/issues", fault: { kind: "timeout", ms: 300 } });
    await expect(world.octokit.rest.issues.create({ owner, repo, title: "slow", request: { signal: AbortSignal.timeout(50) } })).rejects.toMatchObject({
      name: expect.stringMatching(/Abort|Timeout|HttpError/),
    });
    expect(world.sandbox.issues(REPO)).toHaveLength(0);
    // The sandbox finishes the request after the delay; wait (bounded) for its log entry to get a status.
    const until = Date.now() + 5_000;
    while (world.sandbox.requests.at(-1)?.status === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(world.sandbox.requests.at(-1)?.status).toBe(201);
    expect(world.sandbox.issues(REPO).map((issue) => issue.title)).toEqual(["slow"]);
  });

  it("applies global latency to every request", async () => {
    // No answer comes before the latency has passed, so a client that waits less always gives up
    // (a busy machine can only make the answer later), and one that waits gets it.
    world.sandbox.setLatency(400);
    await expect(world.octokit.rest.repos.get({ owner, repo, request: { signal: AbortSignal.timeout(100) } })).rejects.toMatchObject({
      name: expect.stringMatching(/Abort|Timeout|HttpError/),
    });
    await expect(world.octokit.rest.repos.get({ owner, repo })).resolves.toMatchObject({ status: 200 });
    world.sandbox.setLatency(0);
  });

  it("recovers through Probot's retry plugin when retries are on", async () => {
    const retrying = octokitFor(world.sandbox, { installationId: world.installationId }, { retry: { enabled: true, retryAfterBaseValue: 1 } });
    world.sandbox.faults.add({ times: 2, route: "/repos/{owner}/{repo}", fault: { kind: "status", status: 502 } });
    await expect(retrying.rest.repos.get({ owner, repo })).resolves.toMatchObject({ status: 200 });
    expect(world.sandbox.countRequests({ route: "/repos/{owner}/{repo}" })).toBe(3);
  });
});

describe("request log", () => {
  it("records method, route template, path, status, auth and installation; unknown routes get route null", async () => {
    await world.octokit.rest.issues.create({ owner, repo, title: "x" });
    await world.octokit.request("GET /repos/{owner}/{repo}/milestones", { owner, repo }).catch(() => undefined);
    await fetch(`${world.sandbox.url}/rate_limit`);
    expect(world.sandbox.requests.map(({ method, route, path, status, auth, installationId }) => ({ method, route, path, status, auth, installationId }))).toEqual([
      { method: "POST", route: "/repos/{owner}/{repo}/issues", path: `/repos/${REPO}/issues`, status: 201, auth: "installation", installationId: world.installationId },
      { method: "GET", route: null, path: `/repos/${REPO}/milestones`, status: 404, auth: "none", installationId: undefined },
      { method: "GET", route: "/rate_limit", path: "/rate_limit", status: 200, auth: "none", installationId: undefined },
    ]);
    expect(world.sandbox.countRequests({ method: "POST" })).toBe(1);
    expect(world.sandbox.countRequests((entry) => entry.route === null)).toBe(1);
    world.sandbox.resetLog();
    expect(world.sandbox.requests).toHaveLength(0);
  });

  it("stamps entries with the sandbox clock", async () => {
    world.sandbox.setClock(() => new Date("2020-09-18T20:30:00Z"));
    await world.octokit.rest.repos.get({ owner, repo });
    expect(world.sandbox.requests[0]?.at.toISOString()).toBe("2020-09-18T20:30:00.000Z");
  });
});
