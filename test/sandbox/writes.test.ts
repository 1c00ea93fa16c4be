import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { REPO, startWorld, type World } from "./fixture.js";
import { assertRequestsMatchOpenApi } from "../helpers/openapi-contract.js";

/*
 * The write routes the archive and the config check use: contents, branches, pull requests and
 * check runs with annotations, each behind the installation permission GitHub requires.
 */

let world: World;
const owner = "rust-lang";
const repo = "crates-io-cargo-teams";
const base64 = (text: string) => Buffer.from(text).toString("base64");
const WRITE = { issues: "write", contents: "write", metadata: "read", pull_requests: "write", members: "read", checks: "write" } as const;

beforeAll(async () => {
  world = await startWorld();
  world.sandbox.putFile(REPO, "README.md", "# Crates\n");
});
afterAll(async () => {
  assertRequestsMatchOpenApi(world.sandbox.requests);
  await world.sandbox.close();
});

describe("PUT /repos/{owner}/{repo}/contents/{path}", () => {
  it("needs contents: write (app.yml asks for read): 403 Resource not accessible by integration", async () => {
    await expect(world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "meetings/a.md", message: "m", content: base64("a") })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by integration" } },
    });
    expect(world.sandbox.readFile(REPO, "meetings/a.md")).toBeUndefined();
  });

  it("creates a file with a pushed commit, then updates it only with the current sha", async () => {
    world.sandbox.setInstallationPermissions(world.installationId, WRITE);
    world.sandbox.clearDeliveries();
    const created = await world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "meetings/2020-09-18.md", message: "Archive #2", content: base64("first\n") });
    expect(created.status).toBe(201);
    expect(created.data.content).toMatchObject({ path: "meetings/2020-09-18.md", sha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(created.data.commit).toMatchObject({ message: "Archive #2", sha: world.sandbox.state.repository(REPO).heads.get("main") });
    expect(world.sandbox.readFile(REPO, "meetings/2020-09-18.md")).toBe("first\n");
    const push = world.sandbox.deliveries.find((delivery) => delivery.event === "push");
    expect(push?.payload).toMatchObject({ ref: "refs/heads/main", sender: { login: "meeting-bot[bot]" }, head_commit: { added: ["meetings/2020-09-18.md"] } });

    await expect(world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "meetings/2020-09-18.md", message: "m", content: base64("x") })).rejects.toMatchObject({ status: 422 });
    await expect(world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "meetings/2020-09-18.md", message: "m", content: base64("x"), sha: "f".repeat(40) })).rejects.toMatchObject({ status: 409 });
    const updated = await world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "meetings/2020-09-18.md", message: "m", content: base64("second\n"), sha: created.data.content?.sha ?? "" });
    expect(updated.status).toBe(200);
    expect(world.sandbox.readFile(REPO, "meetings/2020-09-18.md")).toBe("second\n");
  });
});

describe("branches and pull requests", () => {
  it("reads and creates branches; a branch made at main's head has main's files", async () => {
    const main = await world.octokit.rest.git.getRef({ owner, repo, ref: "heads/main" });
    expect(main.data).toMatchObject({ ref: "refs/heads/main", object: { type: "commit", sha: world.sandbox.state.repository(REPO).heads.get("main") } });
    await expect(world.octokit.rest.git.getRef({ owner, repo, ref: "heads/meeting-bot/none" })).rejects.toMatchObject({ status: 404 });
    const created = await world.octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/meeting-bot/archive-7", sha: main.data.object.sha });
    expect(created.status).toBe(201);
    expect(world.sandbox.readFile(REPO, "README.md", "meeting-bot/archive-7")).toBe("# Crates\n");
    await expect(world.octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/meeting-bot/archive-7", sha: main.data.object.sha })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Reference already exists" } },
    });
    await expect(world.octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/x", sha: "0".repeat(40) })).rejects.toMatchObject({ status: 422 });
  });

  it("opens a pull request from a branch that differs, once; lists it by head; lists its files", async () => {
    await expect(world.octokit.rest.pulls.create({ owner, repo, title: "Nothing", head: "meeting-bot/archive-7", base: "main" })).rejects.toMatchObject({ status: 422 });
    await world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "meetings/2020-09-25.md", message: "m", content: base64("notes\n"), branch: "meeting-bot/archive-7" });
    const pull = await world.octokit.rest.pulls.create({ owner, repo, title: "Archive meeting #7", head: "meeting-bot/archive-7", base: "main", body: "b" });
    expect(pull.status).toBe(201);
    expect(pull.data).toMatchObject({ title: "Archive meeting #7", head: { ref: "meeting-bot/archive-7" }, base: { ref: "main" }, state: "open", user: { login: "meeting-bot[bot]" } });
    await expect(world.octokit.rest.pulls.create({ owner, repo, title: "Again", head: "meeting-bot/archive-7", base: "main" })).rejects.toMatchObject({ status: 422 });
    const listed = await world.octokit.rest.pulls.list({ owner, repo, head: `${owner}:meeting-bot/archive-7`, state: "open" });
    expect(listed.data.map((item) => item.number)).toEqual([pull.data.number]);
    expect((await world.octokit.rest.pulls.list({ owner, repo, head: `${owner}:other` })).data).toEqual([]);
    const files = await world.octokit.rest.pulls.listFiles({ owner, repo, pull_number: pull.data.number });
    expect(files.data.map((file) => [file.filename, file.status])).toEqual([["meetings/2020-09-25.md", "added"]]);
  });

  it("needs pull_requests: write to open one", async () => {
    world.sandbox.setInstallationPermissions(world.installationId, { ...WRITE, pull_requests: "read" });
    world.sandbox.putFile(REPO, "x.md", "x\n", { branch: "feature" });
    await expect(world.octokit.rest.pulls.create({ owner, repo, title: "t", head: "feature", base: "main" })).rejects.toMatchObject({ status: 403 });
    world.sandbox.setInstallationPermissions(world.installationId, WRITE);
  });

  it("openPullRequest delivers pull_request.opened, and a push to its branch pull_request.synchronize; contents are readable at the head sha", async () => {
    world.sandbox.clearDeliveries();
    world.sandbox.putFile(REPO, ".github/meeting-bot.yml", "schedule: { weekday: monday }\n", { branch: "config" });
    const pull = world.sandbox.openPullRequest(REPO, { title: "Meet on Mondays", head: "config", user: "alice" });
    world.sandbox.putFile(REPO, ".github/meeting-bot.yml", "schedule: { weekday: tuesday }\n", { branch: "config", push: true });
    const events = world.sandbox.deliveries.map((delivery) => `${delivery.event}.${delivery.action ?? ""}`);
    expect(events).toEqual(["pull_request.opened", "push.", "pull_request.synchronize"]);
    const head = world.sandbox.state.repository(REPO).heads.get("config") ?? "";
    expect(world.sandbox.deliveries[2]?.payload).toMatchObject({ number: pull.number, after: head, pull_request: { head: { ref: "config", sha: head }, base: { ref: "main" } } });
    const atHead = await world.octokit.rest.repos.getContent({ owner, repo, path: ".github/meeting-bot.yml", ref: head, mediaType: { format: "raw" } });
    expect(atHead.data).toBe("schedule: { weekday: tuesday }\n");
  });
});

describe("check runs", () => {
  it("keep every annotation sent (50 per request at most), and are listed by commit and name", async () => {
    const sha = world.sandbox.state.repository(REPO).heads.get("main") ?? "";
    const annotation = { path: ".github/meeting-bot.yml", start_line: 3, end_line: 3, annotation_level: "failure" as const, message: "bad" };
    const run = await world.octokit.rest.checks.create({ owner, repo, name: "meeting-bot", head_sha: sha, status: "completed", conclusion: "failure", output: { title: "1 problem", summary: "s", annotations: [annotation] } });
    await world.octokit.rest.checks.update({ owner, repo, check_run_id: run.data.id, output: { title: "1 problem", summary: "s", annotations: [{ ...annotation, start_line: 4, end_line: 4 }] } });
    expect(world.sandbox.checkRuns(REPO).at(-1)?.annotations.map((item) => item.start_line)).toEqual([3, 4]);
    await expect(world.octokit.rest.checks.update({ owner, repo, check_run_id: run.data.id, output: { title: "t", summary: "s", annotations: Array.from({ length: 51 }, () => annotation) } })).rejects.toMatchObject({ status: 422 });
    const listed = await world.octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: "meeting-bot" });
    expect(listed.data.check_runs.map((item) => [item.id, item.output.annotations_count])).toEqual([[run.data.id, 2]]);
    expect((await world.octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: "other" })).data.total_count).toBe(0);
  });

  it("need checks: write", async () => {
    world.sandbox.setInstallationPermissions(world.installationId, { ...WRITE, checks: "read" });
    await expect(world.octokit.rest.checks.create({ owner, repo, name: "meeting-bot", head_sha: "a".repeat(40) })).rejects.toMatchObject({ status: 403 });
    world.sandbox.setInstallationPermissions(world.installationId, WRITE);
  });
});
