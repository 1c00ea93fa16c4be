import { afterEach, describe, expect, it } from "@jest/globals";
import { agendaItems } from "../../src/core/apply-agenda-commands.js";
import type { Delivery } from "../../src/sandbox/index.js";
import { CONFIG, CONFIG_PATH, REPO } from "../helpers/meeting-world.js";
import { closeChecked } from "../helpers/close-checked.js";
import { postConcurrently } from "../helpers/post-deliveries.js";
import { botComments, errorsLogged, say, startWithUpcomingMeeting, warningsLogged, type ReliabilityWorld } from "./world.js";
import { notCollectedFrom001 } from "../helpers/collected-from-001.js";

let world: ReliabilityWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

const agendaOf = (w: ReliabilityWorld, issue = 2, section = "Proposed Agenda") =>
  agendaItems(w.sandbox.issue(REPO, issue).body ?? "", section).map((item) => item.text.replace(/\s*<!--[^]*?-->$/, "")).filter(notCollectedFrom001);
const reactionsOn = (w: ReliabilityWorld, issue: number, commentId: number) =>
  w.sandbox
    .comments(REPO, issue)
    .find((comment) => comment.id === commentId)
    ?.reactions.map((reaction) => reaction.content) ?? [];
const lastDelivery = (w: ReliabilityWorld, event: string, action?: string): Delivery => {
  const found = w.sandbox.deliveries.filter((d) => d.event === event && (action === undefined || d.action === action)).at(-1);
  if (!found) throw new Error(`no ${event}.${action} delivery`);
  return found;
};
const post = async (w: ReliabilityWorld, deliveries: Delivery[]) => {
  for (const delivery of deliveries) await postConcurrently([delivery], w.app.webhookUrl);
};

describe("fault: webhook redelivery", () => {
  it("an /agenda comment redelivered after a restart (memory lost): the item once, one 👍, one reply", async () => {
    world = await startWithUpcomingMeeting();
    const comment = await say(world, 3, "/agenda add Decide on the 2.0 date");
    const delivery = lastDelivery(world, "issue_comment", "created");
    await world.restart();
    await world.sandbox.redeliver(delivery.id);
    await world.sandbox.redeliver(delivery.id);
    await world.sandbox.webhooksIdle();
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([200, 200, 200]);
    expect(agendaOf(world)).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(reactionsOn(world, 3, comment.id)).toEqual(["+1"]);
    expect(botComments(world.sandbox, 3)).toHaveLength(1);
  });

  it("an /agenda review comment on a PR's diff, redelivered after a restart: the item once, one reply", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.createIssue(REPO, { title: "Speed up the index", body: "", user: "forker", pullRequest: true }); // #4
    world.sandbox.reviewComment(REPO, 4, "/agenda add Decide on the index API", { user: "alice", association: "MEMBER" });
    await world.sandbox.webhooksIdle();
    const delivery = lastDelivery(world, "pull_request_review_comment", "created");
    await world.restart();
    await world.sandbox.redeliver(delivery.id);
    await world.sandbox.webhooksIdle();
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([200, 200]);
    expect(agendaOf(world)).toEqual(["Decide on the index API (@alice, from #4)"]);
    expect(botComments(world.sandbox, 4)).toHaveLength(1);
  });

  it("an /agenda comment whose handling failed (GitHub down for all retries), redelivered later: the item once, one reply", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.faults.add({ method: "PATCH", times: 4, fault: { kind: "status", status: 502 } });
    const comment = await say(world, 3, "/agenda add Decide on the 2.0 date");
    const delivery = lastDelivery(world, "issue_comment", "created");
    // Probot answers the delivery with the error's status: GitHub marks it failed, ready to redeliver.
    expect(delivery.status).toBe(502);
    expect(agendaOf(world)).toEqual([]);
    await world.sandbox.redeliver(delivery.id);
    await world.sandbox.webhooksIdle();
    expect(delivery.status).toBe(200);
    expect(agendaOf(world)).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(reactionsOn(world, 3, comment.id)).toEqual(["+1"]);
    expect(botComments(world.sandbox, 3)).toHaveLength(1);
  });

  it("an /agenda comment that failed after its edit landed (the reply refused), redelivered: the item once, exactly one reply", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", times: 1, fault: { kind: "secondary-rate-limit", retryAfter: 1 } });
    await say(world, 3, "/agenda add Decide on the 2.0 date");
    const delivery = lastDelivery(world, "issue_comment", "created");
    expect(delivery.status).toBe(403);
    expect(agendaOf(world)).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(botComments(world.sandbox, 3)).toEqual([]);
    await world.sandbox.redeliver(delivery.id);
    await world.sandbox.redeliver(delivery.id);
    await world.sandbox.webhooksIdle();
    expect(agendaOf(world)).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(botComments(world.sandbox, 3)).toEqual([expect.stringMatching(/^Added to \[Crates\.io Weekly Team Meeting #002\]/)]);
  });

  it("an agenda label event redelivered after a restart: the thread once", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.editIssue(REPO, 3, { labels: ["meeting-agenda"] }, { user: "alice" });
    await world.sandbox.webhooksIdle();
    const delivery = lastDelivery(world, "issues", "labeled");
    await world.restart();
    await world.sandbox.redeliver(delivery.id);
    await world.sandbox.webhooksIdle();
    expect(agendaOf(world)).toEqual(["#3 Release plan for 2.0 (@alice)"]);
  });

  it("a push redelivered: the config is read again, nothing else happens", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace("section: Proposed Agenda", "section: Agenda Items"), { push: true });
    await world.sandbox.webhooksIdle();
    world.sandbox.resetLog();
    await world.sandbox.redeliver(lastDelivery(world, "push").id);
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.requests.filter((request) => request.method !== "GET" && !request.path.includes("access_tokens"))).toEqual([]);
    expect(world.logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});

describe("fault: an /agenda command fails because GitHub does, and nobody redelivers it", () => {
  const PATCH = "/repos/{owner}/{repo}/issues/{issue_number}";
  const later = async (w: ReliabilityWorld, seconds: number) => {
    w.clock.advance({ seconds });
    await w.app.bot.tick();
    await w.sandbox.webhooksIdle();
  };

  it("GitHub down for all of Octokit's retries: the app runs the command again a minute later, by itself", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.faults.add({ method: "PATCH", route: PATCH, times: 4, fault: { kind: "status", status: 502 } });
    const comment = await say(world, 3, "/agenda add Decide on the 2.0 date");
    expect(lastDelivery(world, "issue_comment", "created").status).toBe(502);
    expect(warningsLogged(world.logs).map((line) => line.msg)).toContain("/agenda command failed (GitHub error); trying again in 60 s");
    await later(world, 30);
    expect(agendaOf(world)).toEqual([]);
    await later(world, 31);
    expect(agendaOf(world)).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(reactionsOn(world, 3, comment.id)).toEqual(["+1"]);
    expect(botComments(world.sandbox, 3)).toHaveLength(1);
    // Someone presses "Redeliver" afterwards: nothing more happens.
    await world.sandbox.redeliver(lastDelivery(world, "issue_comment", "created").id);
    await later(world, 600);
    expect(agendaOf(world)).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(botComments(world.sandbox, 3)).toHaveLength(1);
  });

  it("a secondary rate limit (retry-after 300): not before GitHub said, then once", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.faults.add({ method: "PATCH", route: PATCH, times: 1, fault: { kind: "secondary-rate-limit", retryAfter: 300 } });
    await say(world, 3, "/agenda add Decide on the 2.0 date");
    await later(world, 120);
    expect(agendaOf(world)).toEqual([]);
    await later(world, 181);
    expect(agendaOf(world)).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    expect(botComments(world.sandbox, 3)).toHaveLength(1);
  });

  it("redelivered by hand before the retry is due: the retry does nothing", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.faults.add({ method: "PATCH", route: PATCH, times: 4, fault: { kind: "status", status: 503 } });
    await say(world, 3, "/agenda add Decide on the 2.0 date");
    await world.sandbox.redeliver(lastDelivery(world, "issue_comment", "created").id);
    expect(agendaOf(world)).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
    world.sandbox.resetLog();
    await later(world, 61);
    expect(world.sandbox.requests.filter((request) => request.method !== "GET")).toEqual([]);
    expect(botComments(world.sandbox, 3)).toHaveLength(1);
  });

  it("still failing after about 75 minutes of retries: given up, with an error that says what to do", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.faults.add({ method: "PATCH", route: PATCH, times: 1_000, fault: { kind: "status", status: 502 } });
    const comment = await say(world, 3, "/agenda add Decide on the 2.0 date");
    for (let minute = 0; minute < 80; minute++) await later(world, 60);
    expect(warningsLogged(world.logs).filter((line) => line.msg.startsWith("/agenda command failed"))).toHaveLength(8);
    expect(errorsLogged(world.logs).filter((line) => line.msg.startsWith("/agenda command not run"))).toEqual([
      expect.objectContaining({ repo: REPO, failures: 9, msg: expect.stringContaining("it failed 9 times. Redeliver its webhook") }),
    ]);
    // Said on the thread as well: 😕 and one reply naming GitHub's answer.
    expect(reactionsOn(world, 3, comment.id)).toEqual(["confused"]);
    expect(botComments(world.sandbox, 3)).toEqual([
      expect.stringMatching(/^meeting-bot could not run this command: GitHub kept failing for over an hour \(GitHub answered 502: .*\)\. Check the meeting issue, and write the command again if it is not done\.$/),
    ]);
    world.sandbox.resetLog();
    await later(world, 3_600);
    expect(world.sandbox.requests.filter((request) => request.method === "PATCH")).toEqual([]);
  });
});

describe("fault: out-of-order delivery", () => {
  it("two /agenda commands delivered in reverse order: both items, once each", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.setDeliveryMode("capture");
    world.sandbox.clearDeliveries();
    world.sandbox.comment(REPO, 3, "/agenda add First", { user: "alice", association: "MEMBER" });
    world.sandbox.comment(REPO, 3, "/agenda remove First\n/agenda add Second", { user: "bob", association: "MEMBER" });
    const [first, second] = world.sandbox.deliveries.filter((d) => d.event === "issue_comment");
    await post(world, [second as Delivery, first as Delivery]);
    // The remove ran before the add it refers to: it found nothing (and said so); the add then landed.
    expect(agendaOf(world)).toEqual(["Second (@bob, from #3)", "First (@alice, from #3)"]);
    expect(botComments(world.sandbox, 3).filter((body) => body.includes("Nothing to remove"))).toHaveLength(1);
  });

  it("a push for an older commit arriving after a newer one: the app keeps the current config", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.setDeliveryMode("capture");
    world.sandbox.clearDeliveries();
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace("section: Proposed Agenda", "section: Agenda Items"), { push: true });
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace("section: Proposed Agenda", "section: Topics"), { push: true });
    const [older, newer] = world.sandbox.deliveries.filter((d) => d.event === "push");
    await post(world, [newer as Delivery, older as Delivery]);
    world.sandbox.setWebhookUrl(world.app.webhookUrl);
    await say(world, 3, "/agenda add After both pushes");
    expect(agendaOf(world, 2, "Topics")).toEqual(["After both pushes (@alice, from #3)"]);
  });

  it("a newer push while the older push's read is still in flight: the newer config wins", async () => {
    world = await startWithUpcomingMeeting();
    world.sandbox.setDeliveryMode("capture");
    world.sandbox.clearDeliveries();
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace("section: Proposed Agenda", "section: Agenda Items"), { push: true });
    const older = lastDelivery(world, "push");
    // The older refresh reads the config, then its template read hangs for a while.
    world.sandbox.faults.add({ method: "GET", route: /weekly-meeting\.md$/, times: 1, fault: { kind: "timeout", ms: 400 } });
    let olderDone = false;
    const inFlight = postConcurrently([older], world.app.webhookUrl).finally(() => (olderDone = true));
    const until = Date.now() + 5_000;
    const hanging = () => world?.sandbox.requests.some((request) => request.fault === "timeout") ?? false;
    while (!hanging() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
    // The race is on: the older push's template read hangs, and its delivery has not been answered.
    expect(hanging()).toBe(true);
    expect(olderDone).toBe(false);
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace("section: Proposed Agenda", "section: Topics"), { push: true });
    const newer = lastDelivery(world, "push");
    await Promise.all([inFlight, postConcurrently([newer], world.app.webhookUrl)]);
    world.sandbox.setWebhookUrl(world.app.webhookUrl);
    await say(world, 3, "/agenda add After both pushes");
    expect(agendaOf(world, 2, "Topics")).toEqual(["After both pushes (@alice, from #3)"]);
  });
});

describe("fault: a command comment edited or deleted after it ran", () => {
  it.each([
    ["edited to another command", (w: ReliabilityWorld, id: number) => w.sandbox.editComment(REPO, id, "/agenda add Something else", { user: "alice" })],
    ["edited to remove its command", (w: ReliabilityWorld, id: number) => w.sandbox.editComment(REPO, id, "never mind", { user: "alice" })],
    ["deleted", (w: ReliabilityWorld, id: number) => w.sandbox.deleteComment(REPO, id, { user: "alice" })],
  ])("%s: not run again, not undone; the item stays", async (_name, change) => {
    world = await startWithUpcomingMeeting();
    const comment = await say(world, 3, "/agenda add Decide on the 2.0 date");
    world.sandbox.resetLog();
    change(world, comment.id);
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.requests.filter((request) => request.method !== "GET" && !request.path.includes("access_tokens"))).toEqual([]);
    expect(agendaOf(world)).toEqual(["Decide on the 2.0 date (@alice, from #3)"]);
  });
});
