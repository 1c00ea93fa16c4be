import { describe, it, expect, beforeEach, afterEach } from "@jest/globals";
import { REPO, startWorld, type World } from "./fixture.js";

const owner = "rust-lang";
const repo = "crates-io-cargo-teams";
let world: World;
let minutes = 0;
const START = Date.parse("2020-09-18T20:30:00Z");

beforeEach(async () => {
  minutes = 0;
  world = await startWorld({ now: () => new Date(START + 60_000 * minutes) });
  world.sandbox.createIssue(REPO, { title: "Meeting #001", user: "alice" });
});
afterEach(() => world.sandbox.close());

describe("issue comments", () => {
  it("creates, reads, updates and deletes, keeping the issue's comment count", async () => {
    const created = await world.octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: "/agenda Release" });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      body: "/agenda Release",
      user: { login: "meeting-bot[bot]", type: "Bot" },
      issue_url: `${world.sandbox.baseUrl}/repos/${REPO}/issues/1`,
      html_url: `${world.sandbox.url}/${REPO}/issues/1#issuecomment-${created.data.id}`,
      author_association: "NONE",
    });
    expect((await world.octokit.rest.issues.get({ owner, repo, issue_number: 1 })).data.comments).toBe(1);
    minutes = 5;
    const updated = await world.octokit.rest.issues.updateComment({ owner, repo, comment_id: created.data.id, body: "edited" });
    expect(updated.data).toMatchObject({ body: "edited", created_at: "2020-09-18T20:30:00Z", updated_at: "2020-09-18T20:35:00Z" });
    expect((await world.octokit.rest.issues.getComment({ owner, repo, comment_id: created.data.id })).data.body).toBe("edited");
    expect((await world.octokit.rest.issues.deleteComment({ owner, repo, comment_id: created.data.id })).status).toBe(204);
    await expect(world.octokit.rest.issues.getComment({ owner, repo, comment_id: created.data.id })).rejects.toMatchObject({ status: 404 });
    expect((await world.octokit.rest.issues.get({ owner, repo, issue_number: 1 })).data.comments).toBe(0);
  });

  it.each([
    ["empty", "", "missing_field"],
    ["too long", "x".repeat(65537), "custom"],
  ])("rejects an %s body with 422", async (_name, body, code) => {
    await expect(world.octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [expect.objectContaining({ resource: "IssueComment", code })] } },
    });
  });

  it("lists oldest first, paginated, filtered by since (updated_at)", async () => {
    for (let i = 0; i < 5; i += 1) {
      minutes = i;
      world.sandbox.comment(REPO, 1, `c${i}`, { user: "bob", association: "CONTRIBUTOR" });
    }
    const all = await world.octokit.paginate(world.octokit.rest.issues.listComments, { owner, repo, issue_number: 1, per_page: 2 });
    expect(all.map((comment) => comment.body)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    expect(all[0]?.author_association).toBe("CONTRIBUTOR");
    const since = await world.octokit.rest.issues.listComments({ owner, repo, issue_number: 1, since: "2020-09-18T20:33:00Z" });
    expect(since.data.map((comment) => comment.body)).toEqual(["c3", "c4"]);
  });

  it("derives author_association from the repository when not given", () => {
    world.sandbox.setPermission(REPO, "member", "write");
    expect(world.sandbox.comment(REPO, 1, "x", { user: "rust-lang" }).authorAssociation).toBe("OWNER");
    expect(world.sandbox.comment(REPO, 1, "x", { user: "member" }).authorAssociation).toBe("MEMBER");
    expect(world.sandbox.comment(REPO, 1, "x", { user: "nobody" }).authorAssociation).toBe("NONE");
  });
});

describe("reactions", () => {
  it("answers 201 for a new reaction and 200 when the same user already reacted with it", async () => {
    const comment = world.sandbox.comment(REPO, 1, "/agenda Item", { user: "alice" });
    const first = await world.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: "+1" });
    const again = await world.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: "+1" });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.data.id).toBe(first.data.id);
    await world.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: "eyes" });
    world.sandbox.react(REPO, comment.id, "+1", { user: "bob" });
    const listed = await world.octokit.rest.reactions.listForIssueComment({ owner, repo, comment_id: comment.id });
    expect(listed.data.map((reaction) => `${reaction.user?.login}:${reaction.content}`)).toEqual(["meeting-bot[bot]:+1", "meeting-bot[bot]:eyes", "bob:+1"]);
    const onlyPlus = await world.octokit.rest.reactions.listForIssueComment({ owner, repo, comment_id: comment.id, content: "+1" });
    expect(onlyPlus.data).toHaveLength(2);
    const read = await world.octokit.rest.issues.getComment({ owner, repo, comment_id: comment.id });
    expect(read.data.reactions).toMatchObject({ total_count: 3, "+1": 2, eyes: 1, heart: 0 });
  });

  it("rejects unknown content with 422", async () => {
    const comment = world.sandbox.comment(REPO, 1, "x");
    await expect(
      world.octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { owner, repo, comment_id: comment.id, content: "party" as never }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("reacts to issues too", async () => {
    const created = await world.octokit.rest.reactions.createForIssue({ owner, repo, issue_number: 1, content: "rocket" });
    expect(created.status).toBe(201);
    expect((await world.octokit.rest.issues.get({ owner, repo, issue_number: 1 })).data.reactions?.rocket).toBe(1);
  });
});

describe("labels", () => {
  it("creates a label and answers GitHub's 422 already_exists for a duplicate (case-insensitive)", async () => {
    const created = await world.octokit.rest.issues.createLabel({ owner, repo, name: "meeting", color: "#0E8A16", description: "Weekly meeting" });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: "meeting", color: "0e8a16", description: "Weekly meeting", default: false });
    await expect(world.octokit.rest.issues.createLabel({ owner, repo, name: "Meeting" })).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: "Validation Failed",
          errors: [{ resource: "Label", code: "already_exists", field: "name" }],
          documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com/),
        },
      },
    });
    await expect(world.octokit.rest.issues.getLabel({ owner, repo, name: "nope" })).rejects.toMatchObject({ status: 404 });
    const listed = await world.octokit.rest.issues.listLabelsForRepo({ owner, repo });
    expect(listed.data.map((label) => label.name)).toEqual(["meeting"]);
  });

  it("finds labels whose names need URL encoding", async () => {
    await world.octokit.rest.issues.createLabel({ owner, repo, name: "meeting notes/2020" });
    const found = await world.octokit.rest.issues.getLabel({ owner, repo, name: "meeting notes/2020" });
    expect(found.data.name).toBe("meeting notes/2020");
  });
});

describe("check runs", () => {
  it("creates a check run and completes it with a conclusion", async () => {
    const created = await world.octokit.rest.checks.create({ owner, repo, name: "meeting-bot config", head_sha: "a".repeat(40), status: "in_progress" });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: "meeting-bot config", status: "in_progress", conclusion: null, app: { slug: "meeting-bot" } });
    const done = await world.octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: created.data.id,
      conclusion: "failure",
      output: { title: "Invalid config", summary: "`schedule` is missing" },
    });
    expect(done.data).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Invalid config" } });
    expect(done.data.completed_at).not.toBeNull();
  });
});
