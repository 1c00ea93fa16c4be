import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { SeriesConfig } from "../../src/config/schema.js";
import { agendaItems } from "../../src/core/apply-agenda-commands.js";
import { decideAgendaPermission } from "../../src/core/agenda-permission.js";
import type { Delivery } from "../../src/sandbox/index.js";
import type { AuthorAssociation } from "../../src/sandbox/state.js";
import { exampleFor } from "../../src/sandbox/webhook-payload.js";
import { REPO, seedCratesIo, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";

/*
 * Who may change the agenda, whatever the thread: GitHub's author_association of the comment
 * decides (a claim GitHub makes and signs, not one the commenter can choose), plus the config's
 * users and teams, in conversation comments, PR diff comments and reviews alike. Events the app does
 * not read (edits, deletions, discussions, commit comments) and repos without a config never cause a write.
 */

const ASSOCIATIONS: ReadonlyArray<[AuthorAssociation, boolean]> = [
  ["OWNER", true],
  ["MEMBER", true],
  ["COLLABORATOR", true],
  ["CONTRIBUTOR", false],
  ["FIRST_TIME_CONTRIBUTOR", false],
  ["FIRST_TIMER", false],
  ["MANNEQUIN", false],
  ["NONE", false],
];
const OTHER_REPO = "someone/project";

let world: MeetingWorld;
beforeAll(async () => {
  world = await startMeetingWorld("2020-09-11T21:31:00Z", (sandbox) => {
    seedCratesIo(sandbox);
    // A second installation whose repo has no .github/meeting-bot.yml.
    const installation = sandbox.addInstallation({ account: "someone", type: "User" });
    sandbox.addRepository(installation.id, "project", { defaultBranch: "main" });
    sandbox.createIssue(OTHER_REPO, { title: "Hi", body: "", labels: ["meeting-agenda"], user: "someone" });
  });
  await world.bot.tick(); // meeting #002 is issue #2
  world.sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "", user: "carol" }); // #3
  // A pull request from a fork: its author is an outside contributor.
  world.sandbox.createIssue(REPO, { title: "Speed up the index", body: "From my fork.", user: "forker", pullRequest: true }); // #4
  // Threads opened by a team member: the commenter, not the thread's author, decides.
  world.sandbox.setPermission(REPO, "teammate", "write");
  world.sandbox.createIssue(REPO, { title: "Roadmap for 2021", body: "", user: "teammate" }); // #5
  world.sandbox.createIssue(REPO, { title: "Team branch", body: "", user: "teammate", pullRequest: true }); // #6
  await world.sandbox.webhooksIdle();
});
afterAll(async () => {
  await world.close();
});

const agenda = () => agendaItems(world.sandbox.issue(REPO, 2).body ?? "", "Proposed Agenda").map((item) => item.text.replace(/\s*<!--[^]*?-->$/, ""));
const writes = () => world.sandbox.requests.filter((request) => request.method !== "GET" && !request.path.endsWith("/access_tokens"));
async function say(issue: number, body: string, user: string, association: AuthorAssociation, repo = REPO) {
  const comment = world.sandbox.comment(repo, issue, body, { user, association });
  await world.sandbox.webhooksIdle();
  return comment;
}
const reactionsOn = (issue: number, id: number) => world.sandbox.comments(REPO, issue).find((comment) => comment.id === id)?.reactions.map((reaction) => reaction.content) ?? [];

describe("/agenda permission, for every author_association GitHub sends", () => {
  it.each(ASSOCIATIONS)("%s on an issue: allowed = %s", async (association, allowed) => {
    const before = world.sandbox.issue(REPO, 2).body;
    const login = `user-${association.toLowerCase().replace(/_/g, "-")}`;
    const comment = await say(3, `/agenda add Topic from ${association}`, login, association);
    if (allowed) {
      expect(agenda()).toContain(`Topic from ${association} (@${login}, from #3)`);
      expect(reactionsOn(3, comment.id)).toEqual(["+1"]);
    } else {
      expect(world.sandbox.issue(REPO, 2).body).toBe(before);
      expect(reactionsOn(3, comment.id)).toEqual(["confused"]);
    }
  });

  it.each(ASSOCIATIONS)("%s on a pull request from a fork: allowed = %s (the thread changes nothing)", async (association, allowed) => {
    const before = world.sandbox.issue(REPO, 2).body;
    const login = `pr-${association.toLowerCase().replace(/_/g, "-")}`;
    await say(4, `/agenda add PR topic from ${association}`, login, association);
    if (allowed) expect(agenda()).toContain(`PR topic from ${association} (@${login}, from #4)`);
    else expect(world.sandbox.issue(REPO, 2).body).toBe(before);
  });

  it.each(ASSOCIATIONS)("%s in a review comment on the fork's diff, and in a review: allowed = %s", async (association, allowed) => {
    const before = world.sandbox.issue(REPO, 2).body;
    const login = `rv-${association.toLowerCase().replace(/_/g, "-")}`;
    world.sandbox.reviewComment(REPO, 4, `/agenda add Diff topic from ${association}`, { user: login, association });
    world.sandbox.review(REPO, 4, `/agenda add Review topic from ${association}`, { user: login, association });
    await world.sandbox.webhooksIdle();
    const replies = world.sandbox.comments(REPO, 4).filter((comment) => comment.user.login === "meeting-bot[bot]" && comment.body.includes(`@${login}'s`));
    expect(replies).toHaveLength(2);
    if (allowed) {
      expect(agenda()).toEqual(expect.arrayContaining([`Diff topic from ${association} (@${login}, from #4)`, `Review topic from ${association} (@${login}, from #4)`]));
      for (const reply of replies) expect(reply.body).toMatch(/^👍 .*: Added to /);
    } else {
      expect(world.sandbox.issue(REPO, 2).body).toBe(before);
      for (const reply of replies) expect(reply.body).toMatch(new RegExp(`^😕 .*: Sorry @${login}, only the team`));
    }
  });

  it.each(ASSOCIATIONS)("%s on an issue and a pull request a team member opened: allowed = %s", async (association, allowed) => {
    expect(world.sandbox.issue(REPO, 5).authorAssociation).toBe("MEMBER");
    expect(world.sandbox.issue(REPO, 6).authorAssociation).toBe("MEMBER");
    const before = world.sandbox.issue(REPO, 2).body;
    const login = `tm-${association.toLowerCase().replace(/_/g, "-")}`;
    const onIssue = await say(5, `/agenda add Team thread topic from ${association}`, login, association);
    const onPull = await say(6, "/agenda add", login, association);
    if (allowed) {
      expect(agenda()).toContain(`Team thread topic from ${association} (@${login}, from #5)`);
      expect(reactionsOn(5, onIssue.id)).toEqual(["+1"]);
      expect(reactionsOn(6, onPull.id)).toEqual(["+1"]);
    } else {
      expect(world.sandbox.issue(REPO, 2).body).toBe(before);
      expect(reactionsOn(5, onIssue.id)).toEqual(["confused"]);
      expect(reactionsOn(6, onPull.id)).toEqual(["confused"]);
    }
  });

  it("the fork's author (CONTRIBUTOR) cannot put the PR itself on the agenda; a member can", async () => {
    const before = world.sandbox.issue(REPO, 2).body;
    const denied = await say(4, "/agenda add", "forker", "CONTRIBUTOR");
    expect(world.sandbox.issue(REPO, 2).body).toBe(before);
    expect(reactionsOn(4, denied.id)).toEqual(["confused"]);
    expect(world.sandbox.comments(REPO, 4).at(-1)?.body).toContain("Sorry @forker, only the team can change the meeting agenda");
    await say(4, "/agenda add", "alice", "MEMBER");
    expect(agenda()).toContain("#4 Speed up the index (@alice)");
  });

  it("a denied user cannot remove items either", async () => {
    const before = world.sandbox.issue(REPO, 2).body;
    await say(3, "/agenda remove Topic from OWNER\n/agenda remove #4", "mallory", "NONE");
    expect(world.sandbox.issue(REPO, 2).body).toBe(before);
  });
});

describe("events the app must not act on", () => {
  /** A delivery the sandbox cannot produce: GitHub's example payload moved into our repo, signed with the app's secret. */
  async function deliver(event: string, action: string, edit: (payload: Record<string, unknown>) => void): Promise<number> {
    const template = world.sandbox.deliveries.find((d) => d.event === "issue_comment" && d.action === "created") as Delivery;
    const payload = exampleFor(event, action);
    const { repository, installation, organization, sender } = template.payload as Record<string, unknown>;
    Object.assign(payload, { action, repository, installation, organization, sender });
    edit(payload);
    const body = JSON.stringify(payload);
    const response = await fetch(world.webhookUrl, {
      method: "POST",
      headers: {
        ...template.headers,
        "x-github-event": event,
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": `sha256=${createHmac("sha256", world.webhookSecret).update(body).digest("hex")}`,
      },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  }
  const owner = { login: "alice", id: 501, type: "User" };

  it.each<[string, string, (payload: Record<string, unknown>) => void]>([
    ["pull_request_review_comment", "edited", (p) => Object.assign(p.comment as object, { body: "/agenda add From an edited diff comment", user: owner, author_association: "OWNER" })],
    ["pull_request_review", "edited", (p) => Object.assign(p.review as object, { body: "/agenda add From an edited review", user: owner, author_association: "OWNER" })],
    ["discussion_comment", "created", (p) => Object.assign(p.comment as object, { body: "/agenda add From a discussion", user: owner, author_association: "OWNER" })],
    ["commit_comment", "created", (p) => Object.assign(p.comment as object, { body: "/agenda add From a commit", user: owner, author_association: "OWNER" })],
  ])("%s.%s with an /agenda command from an OWNER: accepted (200), no request, no write", async (event, action, edit) => {
    const before = world.sandbox.issue(REPO, 2).body;
    world.sandbox.resetLog();
    expect(await deliver(event, action, edit)).toBe(200);
    expect(world.sandbox.requests).toEqual([]);
    expect(world.sandbox.issue(REPO, 2).body).toBe(before);
  });

  it("control: the same hand-made, hand-signed delivery path does reach the app for an issue comment", async () => {
    world.sandbox.setDeliveryMode("capture");
    world.sandbox.comment(REPO, 3, "/agenda add Control topic", { user: "alice", association: "MEMBER" });
    const captured = world.sandbox.deliveries.at(-1) as Delivery;
    world.sandbox.setDeliveryMode("send");
    expect(await deliver("issue_comment", "created", (p) => Object.assign(p, captured.payload))).toBe(200);
    expect(agenda()).toContain("Control topic (@alice, from #3)");
  });

  it("editing a comment into a command, or deleting one, runs nothing", async () => {
    const comment = await say(3, "Nothing to see.", "alice", "MEMBER");
    const before = world.sandbox.issue(REPO, 2).body;
    world.sandbox.resetLog();
    world.sandbox.editComment(REPO, comment.id, "/agenda add Sneaked in by an edit", { user: "alice" });
    world.sandbox.deleteComment(REPO, comment.id, { user: "alice" });
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.deliveries.filter((d) => d.event === "issue_comment").map((d) => d.action)).toEqual(expect.arrayContaining(["edited", "deleted"]));
    expect(world.sandbox.requests).toEqual([]);
    expect(world.sandbox.issue(REPO, 2).body).toBe(before);
  });

  it.each(ASSOCIATIONS)("in a repo without config, %s's /agenda, help and agenda label cause no write", async (association) => {
    world.sandbox.resetLog();
    world.sandbox.comment(OTHER_REPO, 1, "/agenda add Something\n/agenda\n/agenda frobnicate", { user: "someone", association });
    world.sandbox.editIssue(OTHER_REPO, 1, { labels: [] }, { user: "someone" });
    world.sandbox.editIssue(OTHER_REPO, 1, { labels: ["meeting-agenda"] }, { user: "someone" });
    await world.sandbox.webhooksIdle();
    expect(writes()).toEqual([]);
    expect(world.sandbox.comments(OTHER_REPO, 1).filter((comment) => comment.user.login === "meeting-bot[bot]")).toEqual([]);
  });
});

describe("decideAgendaPermission with values GitHub never sends", () => {
  const DEFAULT: SeriesConfig["agenda"]["allow"] = { associations: ["OWNER", "MEMBER", "COLLABORATOR"], users: ["dora"], teams: [] };
  it.each([
    ["", "denied"],
    [" MEMBER", "denied"],
    ["MEMBER ", "denied"],
    ["MEMBER\u200b", "denied"],
    ["МЕМBER", "denied"], // Cyrillic М and Е
    ["OWNER,MEMBER", "denied"],
    ["__proto__", "denied"],
    ["constructor", "denied"],
    ["toString", "denied"],
  ])("association %j: %s", (association, expected) => {
    expect(decideAgendaPermission(DEFAULT, { login: "mallory", association, type: "User" })).toBe(expected);
  });

  it.each([
    ["dora\u200b", "denied"],
    ["dorа", "denied"], // Cyrillic а
    [" dora", "denied"],
    ["DORA", "allowed"], // logins are case-insensitive on GitHub
    ["dora[bot]", "ignore"],
  ])("login %j: %s", (login, expected) => {
    expect(decideAgendaPermission(DEFAULT, { login, association: "NONE", type: "User" })).toBe(expected);
  });
});
