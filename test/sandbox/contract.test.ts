import { describe, it, expect, beforeAll, afterAll } from "@jest/globals";
import { REPO, startWorld, type World } from "./fixture.js";
import { assertRequestsMatchOpenApi, missingRequired, operation, requiredProperties } from "../helpers/openapi-contract.js";
import type { LoggedRequest } from "../../src/sandbox/index.js";

const owner = "rust-lang";
const repo = "crates-io-cargo-teams";
let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sandbox.close());

describe("the sandbox against GitHub's OpenAPI description", () => {
  it("serves only routes GitHub documents, each declared once", () => {
    const declared = world.sandbox.routes.map((route) => `${route.method} ${route.template}`);
    expect(declared.filter((route, index) => declared.indexOf(route) !== index)).toEqual([]);
    expect(declared.filter((route) => {
      const [method, template] = route.split(" ") as [string, string];
      return operation(method, template) === undefined;
    })).toEqual([]);
  });

  it("assertRequestsMatchOpenApi fails on unknown routes and passes on known ones", () => {
    const at = new Date(0);
    const known: LoggedRequest = { method: "GET", route: "/repos/{owner}/{repo}", path: `/repos/${REPO}`, query: "", status: 200, auth: "installation", at };
    expect(() => assertRequestsMatchOpenApi([known])).not.toThrow();
    expect(() => assertRequestsMatchOpenApi([known, { ...known, route: null, path: "/repos/x/y/milestones" }])).toThrow(/GET \/repos\/x\/y\/milestones \(no sandbox route\)/);
    expect(() => assertRequestsMatchOpenApi([{ ...known, route: "/repos/{owner}/{repo}/meetings" }])).toThrow(/not in GitHub's OpenAPI/);
  });

  it("reads required properties through $ref, arrays and oneOf", () => {
    expect(requiredProperties("POST", "/repos/{owner}/{repo}/issues", 201)).toEqual(expect.arrayContaining(["number", "title", "user", "labels", "html_url"]));
    expect(requiredProperties("GET", "/repos/{owner}/{repo}/labels", 200)).toEqual(expect.arrayContaining(["name", "color"]));
  });

  it("answers with every required property of the documented response schema", async () => {
    const issue = await world.octokit.rest.issues.create({ owner, repo, title: "Meeting", labels: ["meeting"] });
    const comment = await world.octokit.rest.issues.createComment({ owner, repo, issue_number: issue.data.number, body: "hi" });
    world.sandbox.putFile(REPO, ".github/meeting-bot.yml", "a: 1\n");
    const checks: Array<[string, string, number, () => Promise<{ data: unknown; status: number }>]> = [
      ["POST", "/repos/{owner}/{repo}/issues", 201, async () => issue],
      ["GET", "/repos/{owner}/{repo}/issues/{issue_number}", 200, () => world.octokit.rest.issues.get({ owner, repo, issue_number: 1 })],
      ["PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", 200, () => world.octokit.rest.issues.update({ owner, repo, issue_number: 1, body: "b" })],
      ["GET", "/repos/{owner}/{repo}/issues", 200, () => world.octokit.rest.issues.listForRepo({ owner, repo })],
      ["POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 201, async () => comment],
      ["GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 200, () => world.octokit.rest.issues.listComments({ owner, repo, issue_number: 1 })],
      ["POST", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", 201, () =>
        world.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.data.id, content: "+1" })],
      ["GET", "/repos/{owner}/{repo}/labels/{name}", 200, () => world.octokit.rest.issues.getLabel({ owner, repo, name: "meeting" })],
      ["POST", "/repos/{owner}/{repo}/labels", 201, () => world.octokit.rest.issues.createLabel({ owner, repo, name: "notes" })],
      ["POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels", 200, () => world.octokit.rest.issues.addLabels({ owner, repo, issue_number: 1, labels: ["x"] })],
      ["POST", "/app/installations/{installation_id}/access_tokens", 201, () =>
        world.appOctokit.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: world.installationId })],
      ["GET", "/app", 200, () => world.appOctokit.request("GET /app")],
      ["GET", "/app/installations/{installation_id}", 200, () => world.appOctokit.request("GET /app/installations/{installation_id}", { installation_id: world.installationId })],
      ["GET", "/repos/{owner}/{repo}", 200, () => world.octokit.rest.repos.get({ owner, repo })],
      ["GET", "/repos/{owner}/{repo}/contents/{path}", 200, () => world.octokit.rest.repos.getContent({ owner, repo, path: ".github/meeting-bot.yml" })],
      ["GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", 200, () =>
        world.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "rust-lang" })],
      ["POST", "/repos/{owner}/{repo}/check-runs", 201, () => world.octokit.rest.checks.create({ owner, repo, name: "c", head_sha: "a".repeat(40) })],
      ["GET", "/rate_limit", 200, () => world.octokit.rest.rateLimit.get()],
    ];
    // The archive's and the config check's routes, with the permissions they need.
    world.sandbox.setInstallationPermissions(world.installationId, { issues: "write", contents: "write", metadata: "read", pull_requests: "write", members: "read", checks: "write" });
    const head = () => world.sandbox.state.repository(REPO).heads.get("main") ?? "";
    const base64 = (text: string) => Buffer.from(text).toString("base64");
    let pullNumber = 0;
    let checkRunId = 0;
    checks.push(
      ["PUT", "/repos/{owner}/{repo}/contents/{path}", 201, () => world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "meetings/a.md", message: "m", content: base64("a") })],
      ["GET", "/repos/{owner}/{repo}/git/ref/{ref}", 200, () => world.octokit.rest.git.getRef({ owner, repo, ref: "heads/main" })],
      ["POST", "/repos/{owner}/{repo}/git/refs", 201, () => world.octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/archive", sha: head() })],
      ["PUT", "/repos/{owner}/{repo}/contents/{path}", 201, () => world.octokit.rest.repos.createOrUpdateFileContents({ owner, repo, path: "meetings/b.md", message: "m", content: base64("b"), branch: "archive" })],
      ["POST", "/repos/{owner}/{repo}/pulls", 201, async () => {
        const response = await world.octokit.rest.pulls.create({ owner, repo, title: "Archive", head: "archive", base: "main" });
        pullNumber = response.data.number;
        return response;
      }],
      ["GET", "/repos/{owner}/{repo}/pulls", 200, () => world.octokit.rest.pulls.list({ owner, repo })],
      ["GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files", 200, () => world.octokit.rest.pulls.listFiles({ owner, repo, pull_number: pullNumber })],
      ["GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", 200, async () => {
        const response = await world.octokit.rest.checks.listForRef({ owner, repo, ref: "a".repeat(40) });
        checkRunId = response.data.check_runs[0]?.id ?? 0;
        return response;
      }],
      ["PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", 200, () => world.octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, conclusion: "success", output: { title: "t", summary: "s" } })],
    );
    const missing: Record<string, string[]> = {};
    for (const [method, template, status, call] of checks) {
      const response = await call();
      expect([template, response.status]).toEqual([template, status]);
      const gaps = missingRequired(response.data, method, template, status);
      if (gaps.length > 0) missing[`${method} ${template}`] = gaps;
    }
    expect(missing).toEqual({});
    assertRequestsMatchOpenApi(world.sandbox.requests);
  });
});
