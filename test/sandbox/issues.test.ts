import { describe, it, expect, beforeEach, afterEach } from "@jest/globals";
import { REPO, startWorld, type World } from "./fixture.js";

const owner = "rust-lang";
const repo = "crates-io-cargo-teams";
let world: World;
let tick = 0;
const START = Date.parse("2020-09-18T20:30:00Z");

beforeEach(async () => {
  tick = 0;
  // A fake clock that advances one minute per reading: deterministic, strictly increasing timestamps.
  world = await startWorld({ now: () => new Date(START + 60_000 * tick++) });
});
afterEach(() => world.sandbox.close());

describe("create and read", () => {
  it("creates an issue with labels (auto-created), assignees and sandbox-clock timestamps", async () => {
    const created = await world.octokit.rest.issues.create({ owner, repo, title: "Meeting #001", body: "agenda", labels: ["meeting"], assignees: ["alice"] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 1,
      title: "Meeting #001",
      body: "agenda",
      state: "open",
      locked: false,
      comments: 0,
      user: { login: "meeting-bot[bot]", type: "Bot" },
      labels: [{ name: "meeting", color: "ededed" }],
      assignees: [{ login: "alice" }],
      html_url: `${world.sandbox.url}/${REPO}/issues/1`,
      url: `${world.sandbox.baseUrl}/repos/${REPO}/issues/1`,
    });
    expect(created.data.created_at).toMatch(/^2020-09-18T20:\d\d:00Z$/);
    expect(created.headers.location).toBe(created.data.url);
    const label = await world.octokit.rest.issues.getLabel({ owner, repo, name: "meeting" });
    expect(label.data.name).toBe("meeting");
    const fetched = await world.octokit.rest.issues.get({ owner, repo, issue_number: 1 });
    expect(fetched.data.id).toBe(created.data.id);
  });

  it.each([
    ["a missing title", { title: "" }, { resource: "Issue", code: "missing_field", field: "title" }],
    ["a body over 65536 characters", { title: "t", body: "x".repeat(65537) }, { message: "body is too long (maximum is 65536 characters)" }],
  ])("rejects %s with 422", async (_name, input, error) => {
    await expect(world.octokit.request("POST /repos/{owner}/{repo}/issues", { owner, repo, ...input } as never)).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Validation Failed", errors: [expect.objectContaining(error)] } },
    });
  });

  it("accepts a body of exactly 65536 characters", async () => {
    await expect(world.octokit.rest.issues.create({ owner, repo, title: "t", body: "x".repeat(65536) })).resolves.toMatchObject({ status: 201 });
  });

  it("renders pull requests as issues with a pull_request key", async () => {
    world.sandbox.createIssue(REPO, { title: "Add feature", user: "alice", pullRequest: true });
    const issue = await world.octokit.rest.issues.get({ owner, repo, issue_number: 1 });
    expect(issue.data.pull_request?.url).toBe(`${world.sandbox.baseUrl}/repos/${REPO}/pulls/1`);
    expect(issue.data.html_url).toBe(`${world.sandbox.url}/${REPO}/pull/1`);
    expect(issue.data.user).toMatchObject({ login: "alice", type: "User" });
  });
});

describe("update", () => {
  it("edits title/body/labels and closes with a state_reason", async () => {
    await world.octokit.rest.issues.create({ owner, repo, title: "t", labels: ["a", "b"] });
    const updated = await world.octokit.rest.issues.update({ owner, repo, issue_number: 1, body: "new", labels: ["b", "c"], state: "closed", state_reason: "not_planned" });
    expect(updated.data).toMatchObject({ body: "new", state: "closed", state_reason: "not_planned", closed_by: { login: "meeting-bot[bot]" } });
    expect(updated.data.labels.map((label) => (typeof label === "string" ? label : label.name))).toEqual(["b", "c"]);
    expect(updated.data.closed_at).not.toBeNull();
    const reopened = await world.octokit.rest.issues.update({ owner, repo, issue_number: 1, state: "open" });
    expect(reopened.data).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null });
  });

  it("adds and removes labels on an issue", async () => {
    await world.octokit.rest.issues.create({ owner, repo, title: "t", labels: ["a"] });
    const added = await world.octokit.rest.issues.addLabels({ owner, repo, issue_number: 1, labels: ["b", "A"] });
    expect(added.data.map((label) => label.name)).toEqual(["a", "b"]);
    const removed = await world.octokit.rest.issues.removeLabel({ owner, repo, issue_number: 1, name: "a" });
    expect(removed.data.map((label) => label.name)).toEqual(["b"]);
  });

  it("locks and unlocks", async () => {
    await world.octokit.rest.issues.create({ owner, repo, title: "t" });
    expect((await world.octokit.rest.issues.lock({ owner, repo, issue_number: 1, lock_reason: "resolved" })).status).toBe(204);
    expect((await world.octokit.rest.issues.get({ owner, repo, issue_number: 1 })).data).toMatchObject({ locked: true, active_lock_reason: "resolved" });
    // The app (an installation with issues:write) may still comment, like a collaborator.
    await expect(world.octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: "still here" })).resolves.toMatchObject({ status: 201 });
    // A user without write access may not (control API).
    expect(() => world.sandbox.comment(REPO, 1, "hi", { user: "stranger" })).toThrow(/locked/);
    world.sandbox.setPermission(REPO, "member", "write");
    expect(world.sandbox.comment(REPO, 1, "hi", { user: "member" }).body).toBe("hi");
    expect((await world.octokit.rest.issues.unlock({ owner, repo, issue_number: 1 })).status).toBe(204);
    expect((await world.octokit.rest.issues.get({ owner, repo, issue_number: 1 })).data.locked).toBe(false);
  });

  it("answers 410 for a deleted issue and 301 to the new place for a transferred one", async () => {
    world.sandbox.createIssue(REPO, { title: "gone" });
    world.sandbox.createIssue(REPO, { title: "moved" });
    world.sandbox.addRepository(world.installationId, "elsewhere");
    world.sandbox.deleteIssue(REPO, 1);
    const moved = world.sandbox.transferIssue(REPO, 2, "rust-lang/elsewhere");
    await expect(world.octokit.rest.issues.get({ owner, repo, issue_number: 1 })).rejects.toMatchObject({ status: 410 });
    const raw = await fetch(`${world.sandbox.baseUrl}/repos/${REPO}/issues/2`, {
      headers: { authorization: `token ${((await world.octokit.auth({ type: "installation" })) as { token: string }).token}` },
      redirect: "manual",
    });
    expect(raw.status).toBe(301);
    expect(raw.headers.get("location")).toBe(`${world.sandbox.baseUrl}/repos/rust-lang/elsewhere/issues/${moved.number}`);
    // fetch (and so Octokit) follows the redirect for a GET.
    const followed = await world.octokit.rest.issues.get({ owner, repo, issue_number: 2 });
    expect(followed.data).toMatchObject({ title: "moved", number: moved.number });
    expect((await world.octokit.rest.issues.listForRepo({ owner, repo, state: "all" })).data).toEqual([]);
  });
});

describe("list", () => {
  const seed = () => {
    world.sandbox.createIssue(REPO, { title: "one", labels: ["meeting", "weekly"], user: "alice" });
    world.sandbox.createIssue(REPO, { title: "two", labels: ["meeting"], user: "bob" });
    world.sandbox.createIssue(REPO, { title: "three", labels: ["weekly"], user: "alice" });
    world.sandbox.createIssue(REPO, { title: "four", labels: ["meeting", "weekly"], user: "bob" });
    world.sandbox.editIssue(REPO, 4, { state: "closed" });
    world.sandbox.comment(REPO, 2, "a");
    world.sandbox.comment(REPO, 2, "b");
    world.sandbox.comment(REPO, 3, "c");
  };

  it.each([
    ["defaults (open, newest first)", {}, ["three", "two", "one"]],
    ["labels are ANDed", { labels: "meeting,weekly", state: "all" }, ["four", "one"]],
    ["one label, closed", { labels: "meeting", state: "closed" }, ["four"]],
    ["sort created asc", { sort: "created", direction: "asc", state: "all" }, ["one", "two", "three", "four"]],
    ["sort updated desc", { sort: "updated", state: "all" }, ["three", "two", "four", "one"]],
    ["sort comments desc", { sort: "comments" }, ["two", "three", "one"]],
    ["creator", { creator: "alice" }, ["three", "one"]],
  ])("%s", async (_name, query, titles) => {
    seed();
    const response = await world.octokit.request("GET /repos/{owner}/{repo}/issues", { owner, repo, ...(query as Record<string, string>) });
    expect(response.data.map((issue) => issue.title)).toEqual(titles);
  });

  it("paginates with GitHub's Link header (prev, next, last, first)", async () => {
    for (let i = 1; i <= 7; i += 1) world.sandbox.createIssue(REPO, { title: `#${i}` });
    const page = (n: number) => world.octokit.request("GET /repos/{owner}/{repo}/issues", { owner, repo, per_page: 3, page: n, direction: "asc" });
    const first = await page(1);
    expect(first.data.map((issue) => issue.title)).toEqual(["#1", "#2", "#3"]);
    const relLinks = (header: string | undefined) =>
      (header ?? "").split(", ").map((part) => {
        const [, href, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part) ?? [];
        return [rel, new URL(href ?? "http://x").searchParams.get("page")];
      });
    expect(relLinks(first.headers.link)).toEqual([["next", "2"], ["last", "3"]]);
    const middle = await page(2);
    expect(relLinks(middle.headers.link)).toEqual([["prev", "1"], ["next", "3"], ["last", "3"], ["first", "1"]]);
    const last = await page(3);
    expect(last.data.map((issue) => issue.title)).toEqual(["#7"]);
    expect(relLinks(last.headers.link)).toEqual([["prev", "2"], ["first", "1"]]);
    // Other query parameters survive in the links.
    expect(new URL(/<([^>]+)>/.exec(first.headers.link ?? "")?.[1] ?? "").searchParams.get("direction")).toBe("asc");
    const all = await world.octokit.paginate(world.octokit.rest.issues.listForRepo, { owner, repo, per_page: 3 });
    expect(all).toHaveLength(7);
    expect(world.sandbox.countRequests({ route: "/repos/{owner}/{repo}/issues", method: "GET" })).toBe(3 + 3);
  });

  it("caps per_page at 100 and answers 200 with an empty page beyond the end", async () => {
    for (let i = 1; i <= 101; i += 1) world.sandbox.createIssue(REPO, { title: `#${i}` });
    const big = await world.octokit.rest.issues.listForRepo({ owner, repo, per_page: 500 });
    expect(big.data).toHaveLength(100);
    const beyond = await world.octokit.rest.issues.listForRepo({ owner, repo, page: 9 });
    expect(beyond.data).toEqual([]);
  });
});
