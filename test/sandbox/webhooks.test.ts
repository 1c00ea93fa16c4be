import { describe, it, expect, beforeEach, afterEach } from "@jest/globals";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhooks } from "@octokit/webhooks";
import { APP_ID, REPO, WEBHOOK_SECRET, startWorld, type World } from "./fixture.js";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for the app's webhook endpoint: records requests, answers with `status`. */
async function receiver(status = 200): Promise<{ url: string; received: Received[]; server: Server; setStatus(next: number): void }> {
  const received: Received[] = [];
  let answer = status;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`, received, server, setStatus: (next) => (answer = next) };
}

let world: World;
let hook: Awaited<ReturnType<typeof receiver>>;
beforeEach(async () => {
  hook = await receiver();
  world = await startWorld({ webhookUrl: hook.url });
  await world.sandbox.webhooksIdle();
});
afterEach(async () => {
  await world.sandbox.close();
  await new Promise((resolve) => hook.server.close(resolve));
});

const names = (w: World) => w.sandbox.deliveries.map((delivery) => (delivery.action ? `${delivery.event}.${delivery.action}` : delivery.event));

describe("webhook delivery", () => {
  it("signs each delivery so @octokit/webhooks verifies it, with GitHub's headers", async () => {
    const comment = world.sandbox.comment(REPO, world.sandbox.createIssue(REPO, { title: "Meeting" }).number, "/agenda Release", { user: "alice", association: "MEMBER" });
    await world.sandbox.webhooksIdle();
    const last = hook.received.at(-1) as Received;
    const webhooks = new Webhooks({ secret: WEBHOOK_SECRET });
    expect(await webhooks.verify(last.body, String(last.headers["x-hub-signature-256"]))).toBe(true);
    expect(await new Webhooks({ secret: "wrong" }).verify(last.body, String(last.headers["x-hub-signature-256"]))).toBe(false);
    expect(last.headers).toMatchObject({
      "content-type": "application/json",
      "x-github-event": "issue_comment",
      "x-github-hook-installation-target-id": String(APP_ID),
    });
    expect(last.headers["x-github-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    const payload = JSON.parse(last.body) as Record<string, any>;
    expect(payload).toMatchObject({
      action: "created",
      comment: { id: comment.id, body: "/agenda Release", user: { login: "alice" }, author_association: "MEMBER" },
      issue: { number: 1, title: "Meeting" },
      repository: { full_name: REPO, default_branch: "main" },
      organization: { login: "rust-lang" },
      installation: { id: world.installationId },
      sender: { login: "alice", type: "User" },
    });
    expect(world.sandbox.deliveries.at(-1)?.status).toBe(200);
  });

  it("sends issue_comment and issues events for the app's own REST writes, from the bot", async () => {
    const issue = await world.octokit.rest.issues.create({ owner: "rust-lang", repo: "crates-io-cargo-teams", title: "Meeting #002", labels: ["meeting"] });
    const comment = await world.octokit.rest.issues.createComment({ owner: "rust-lang", repo: "crates-io-cargo-teams", issue_number: issue.data.number, body: "Added" });
    await world.octokit.rest.issues.updateComment({ owner: "rust-lang", repo: "crates-io-cargo-teams", comment_id: comment.data.id, body: "Added!" });
    await world.octokit.rest.issues.deleteComment({ owner: "rust-lang", repo: "crates-io-cargo-teams", comment_id: comment.data.id });
    await world.octokit.rest.issues.update({ owner: "rust-lang", repo: "crates-io-cargo-teams", issue_number: issue.data.number, body: "new", labels: ["notes"], state: "closed" });
    await world.sandbox.webhooksIdle();
    expect(names(world).slice(2)).toEqual([
      "issues.opened",
      "issue_comment.created",
      "issue_comment.edited",
      "issue_comment.deleted",
      "issues.edited",
      "issues.unlabeled",
      "issues.labeled",
      "issues.closed",
    ]);
    const edited = world.sandbox.deliveries.find((delivery) => delivery.event === "issue_comment" && delivery.action === "edited");
    expect(edited?.payload).toMatchObject({ changes: { body: { from: "Added" } }, sender: { login: "meeting-bot[bot]", type: "Bot" } });
    const labeled = world.sandbox.deliveries.find((delivery) => delivery.action === "labeled");
    expect(labeled?.payload).toMatchObject({ label: { name: "notes" } });
    expect(hook.received.map((request) => request.headers["x-github-event"]).slice(2)).toEqual(world.sandbox.deliveries.slice(2).map((d) => d.event));
  });

  it("sends pull_request_review_comment.created and pull_request_review.submitted for a reviewer's notes on a pull request", async () => {
    const pull = world.sandbox.createIssue(REPO, { title: "Speed up the index", body: "From my fork.", user: "forker", pullRequest: true });
    const comment = world.sandbox.reviewComment(REPO, pull.number, "/agenda add Discuss this API", { user: "alice", association: "MEMBER", path: "src/index.rs", line: 12 });
    const review = world.sandbox.review(REPO, pull.number, "Looks good.\n/agenda add The release", { user: "bob", association: "COLLABORATOR" });
    await world.sandbox.webhooksIdle();
    expect(names(world).slice(-2)).toEqual(["pull_request_review_comment.created", "pull_request_review.submitted"]);
    const [onDiff, summary] = world.sandbox.deliveries.slice(-2).map((delivery) => delivery.payload as Record<string, Record<string, unknown>>);
    expect(onDiff?.comment).toMatchObject({ id: comment.id, body: "/agenda add Discuss this API", author_association: "MEMBER", path: "src/index.rs", line: 12, user: { login: "alice" } });
    expect(onDiff?.pull_request).toMatchObject({ number: pull.number, title: "Speed up the index", body: "From my fork.", state: "open", user: { login: "forker" } });
    expect(onDiff?.repository).toMatchObject({ full_name: REPO });
    expect(summary?.review).toMatchObject({ id: review.id, body: "Looks good.\n/agenda add The release", author_association: "COLLABORATOR", state: "commented", user: { login: "bob" } });
    expect(String(summary?.review?.html_url)).toContain(`/pull/${pull.number}#pullrequestreview-${review.id}`);
    expect(() => world.sandbox.review(REPO, world.sandbox.createIssue(REPO, { title: "An issue" }).number, "x")).toThrow(/not a pull request/);
  });

  it("renders a payload when the event happens, not when it is sent", async () => {
    world.sandbox.setDeliveryMode("capture");
    world.sandbox.createIssue(REPO, { title: "before" });
    world.sandbox.editIssue(REPO, 1, { title: "after" });
    expect(world.sandbox.deliveries.at(-2)?.payload).toMatchObject({ action: "opened", issue: { title: "before" } });
  });

  it("sends push for control-API file changes with added/modified/removed", async () => {
    world.sandbox.putFile(REPO, ".github/meeting-bot.yml", "a: 1\n", { push: true, user: "alice" });
    world.sandbox.putFile(REPO, ".github/meeting-bot.yml", "a: 2\n", { push: true });
    world.sandbox.deleteFile(REPO, ".github/meeting-bot.yml", { push: true });
    world.sandbox.putFile(REPO, "quiet.md", "x");
    await world.sandbox.webhooksIdle();
    const pushes = world.sandbox.deliveries.filter((delivery) => delivery.event === "push").map((delivery) => delivery.payload as Record<string, any>);
    expect(pushes.map((payload) => [payload.commits[0].added, payload.commits[0].modified, payload.commits[0].removed])).toEqual([
      [[".github/meeting-bot.yml"], [], []],
      [[], [".github/meeting-bot.yml"], []],
      [[], [], [".github/meeting-bot.yml"]],
    ]);
    expect(pushes[0]).toMatchObject({ ref: "refs/heads/main", sender: { login: "alice" }, installation: { id: world.installationId } });
    expect(pushes[1]?.before).toBe(pushes[0]?.after);
  });

  it("sends installation and installation_repositories events", async () => {
    const installation = world.sandbox.addInstallation({ account: "bob", type: "User" });
    world.sandbox.addRepository(installation.id, "notes");
    world.sandbox.removeRepository("bob/notes");
    await world.sandbox.webhooksIdle();
    expect(names(world).slice(-3)).toEqual(["installation.created", "installation_repositories.added", "installation_repositories.removed"]);
    expect(world.sandbox.deliveries.at(-2)?.payload).toMatchObject({ repositories_added: [{ full_name: "bob/notes" }], installation: { account: { login: "bob", type: "User" } } });
    expect(world.sandbox.deliveries.at(-1)?.payload).not.toHaveProperty("organization");
  });

  it("records the status, redelivers with the same id, and can be switched off", async () => {
    hook.setStatus(500);
    world.sandbox.createIssue(REPO, { title: "x" });
    await world.sandbox.webhooksIdle();
    const delivery = world.sandbox.deliveries.at(-1);
    expect(delivery?.status).toBe(500);
    hook.setStatus(202);
    const again = await world.sandbox.redeliver(delivery?.id ?? "");
    expect(again.attempts.map((attempt) => attempt.status)).toEqual([500, 202]);
    expect(hook.received.slice(-2).map((request) => request.headers["x-github-delivery"])).toEqual([delivery?.id, delivery?.id]);
    await expect(world.sandbox.redeliver("nope")).rejects.toThrow(/no delivery nope/);

    const count = hook.received.length;
    world.sandbox.setDeliveryMode("off");
    world.sandbox.createIssue(REPO, { title: "silent" });
    world.sandbox.setDeliveryMode("capture");
    world.sandbox.createIssue(REPO, { title: "captured" });
    await world.sandbox.webhooksIdle();
    expect(hook.received.length).toBe(count);
    expect(world.sandbox.deliveries.at(-1)?.payload).toMatchObject({ issue: { title: "captured" } });
    expect(world.sandbox.deliveries.at(-1)?.attempts).toEqual([]);
  });

  it("records a connection error when nobody listens", async () => {
    const closed = await receiver();
    await new Promise((resolve) => closed.server.close(resolve));
    world.sandbox.setWebhookUrl(closed.url);
    world.sandbox.createIssue(REPO, { title: "x" });
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.deliveries.at(-1)?.attempts[0]?.error).toMatch(/ECONNREFUSED/);
  });
});
