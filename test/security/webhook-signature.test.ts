import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { agendaItems } from "../../src/core/apply-agenda-commands.js";
import type { Delivery } from "../../src/sandbox/index.js";
import { postConcurrently } from "../helpers/post-deliveries.js";
import { REPO, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";
import { notCollectedFrom001 } from "../helpers/collected-from-001.js";

/*
 * Webhooks are the app's only door. A delivery counts only when its X-Hub-Signature-256 is the
 * HMAC of its exact bytes under WEBHOOK_SECRET; everything else is turned away before any handler
 * runs. We capture a real signed delivery from the sandbox, tamper with it, and POST it to the
 * running app's webhook URL over HTTP.
 */

let world: MeetingWorld;
let delivery: Delivery;

beforeAll(async () => {
  world = await startMeetingWorld("2020-09-11T21:31:00Z");
  await world.bot.tick(); // meeting #002 is issue #2
  world.sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "Let's talk.", user: "carol" });
  await world.sandbox.webhooksIdle();
  // Captured, not sent: the test decides what reaches the app.
  world.sandbox.setDeliveryMode("capture");
  world.sandbox.comment(REPO, 3, "/agenda add Signed by GitHub", { user: "alice", association: "MEMBER" });
  delivery = world.sandbox.deliveries.at(-1) as Delivery;
  expect(delivery.event).toBe("issue_comment");
});
afterAll(async () => {
  await world.close();
});

const hmac = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const without = (headers: Record<string, string>, ...names: string[]) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
const agenda = () => agendaItems(world.sandbox.issue(REPO, 2).body ?? "", "Proposed Agenda").map((item) => item.text.replace(/\s*<!--[^]*?-->$/, "")).filter(notCollectedFrom001);
const reactions = () => world.sandbox.comments(REPO, 3).flatMap((comment) => comment.reactions.map((reaction) => reaction.content));
const botComments = () => world.sandbox.comments(REPO, 3).filter((comment) => comment.user.login === "meeting-bot[bot]");

async function post(headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(world.webhookUrl, { method: "POST", headers, body });
  return { status: response.status, text: await response.text() };
}

type Tamper = (original: Delivery) => { headers: Record<string, string>; body: string };
const forged = (original: Delivery) => original.body.replace("Signed by GitHub", "Forged by mallory");

const TAMPERED: Array<[string, Tamper]> = [
  ["no signature at all", (d) => ({ headers: without(d.headers, "x-hub-signature-256", "x-hub-signature"), body: d.body })],
  ["only the legacy sha1 signature", (d) => ({ headers: without(d.headers, "x-hub-signature-256"), body: d.body })],
  ["an empty signature", (d) => ({ headers: { ...d.headers, "x-hub-signature-256": "" }, body: d.body })],
  ["a signature made with the wrong secret", (d) => ({ headers: { ...d.headers, "x-hub-signature-256": hmac("guessed-secret", d.body) }, body: d.body })],
  ["Probot's default secret", (d) => ({ headers: { ...d.headers, "x-hub-signature-256": hmac("development", d.body) }, body: d.body })],
  ["a valid signature of a different body", (d) => ({ headers: { ...d.headers, "x-hub-signature-256": hmac(world.webhookSecret, "{}") }, body: d.body })],
  ["the body changed after signing", (d) => ({ headers: d.headers, body: forged(d) })],
  ["the body changed, sha1 header re-signed", (d) => ({ headers: { ...d.headers, "x-hub-signature": `sha1=${createHmac("sha1", world.webhookSecret).update(forged(d)).digest("hex")}` }, body: forged(d) })],
  ["one byte of whitespace appended", (d) => ({ headers: d.headers, body: `${d.body} ` })],
  ["a truncated signature", (d) => ({ headers: { ...d.headers, "x-hub-signature-256": (d.headers["x-hub-signature-256"] ?? "").slice(0, 40) }, body: d.body })],
  ["the signature in upper case hex", (d) => ({ headers: { ...d.headers, "x-hub-signature-256": `sha256=${(d.headers["x-hub-signature-256"] ?? "").slice(7).toUpperCase()}` }, body: d.body })],
  ["a sha1 hmac in the sha256 header", (d) => ({ headers: { ...d.headers, "x-hub-signature-256": d.headers["x-hub-signature"] ?? "" }, body: d.body })],
];

describe("webhook signatures", () => {
  it.each(TAMPERED)("rejects %s with 400 before any handler runs", async (_what, tamper) => {
    const { headers, body } = tamper(delivery);
    const bodyBefore = world.sandbox.issue(REPO, 2).body;
    world.sandbox.resetLog();
    world.logs.length = 0;

    const { status } = await post(headers, body);

    // @octokit/webhooks answers 400 both for a missing header and for a signature that does not match.
    expect(status).toBe(400);
    // No handler ran: not one API request (not even a token), no reaction, no reply, no item.
    expect(world.sandbox.requests).toEqual([]);
    expect(world.sandbox.issue(REPO, 2).body).toBe(bodyBefore);
    expect(reactions()).toEqual([]);
    expect(botComments()).toEqual([]);
    // Nothing was logged by the app's handlers: only Probot's access log, its "received" (before
    // the check) and its rejection.
    const probotOwn = (line: (typeof world.logs)[number]) =>
      (line.name === "http" && /^POST \/api\/github\/webhooks (400|401) /.test(line.msg)) ||
      (line.level === 20 && /^issue_comment event received \(id: /.test(line.msg)) ||
      (line.level === 50 && /webhook secret|signature does not match/i.test(`${line.msg} ${JSON.stringify(line.err ?? "")}`));
    expect(world.logs.filter((line) => !probotOwn(line))).toEqual([]);
  });

  it("accepts the untouched delivery: one item, one 👍", async () => {
    world.sandbox.resetLog();
    const { status } = await post(delivery.headers, delivery.body);
    expect(status).toBe(200);
    expect(agenda()).toEqual(["Signed by GitHub (@alice, from #3)"]);
    expect(reactions()).toEqual(["+1"]);
    expect(botComments()).toHaveLength(1);
  });

  it("a replayed delivery (same X-GitHub-Delivery id, same signed bytes) causes no second effect, sent again or 5 times at once", async () => {
    const bodyBefore = world.sandbox.issue(REPO, 2).body;
    world.sandbox.resetLog();
    const again = await post(delivery.headers, delivery.body);
    const burst = await postConcurrently(Array.from({ length: 5 }, () => delivery), world.webhookUrl);
    expect([again.status, ...burst]).toEqual([200, 200, 200, 200, 200, 200]);
    expect(world.sandbox.issue(REPO, 2).body).toBe(bodyBefore);
    expect(agenda()).toEqual(["Signed by GitHub (@alice, from #3)"]);
    expect(reactions()).toEqual(["+1"]);
    expect(botComments()).toHaveLength(1);
    // Not a single write: the app remembered the comment.
    expect(world.sandbox.requests.filter((request) => request.method !== "GET" && !request.path.endsWith("/access_tokens"))).toEqual([]);
  });

  it("a replayed agenda-label delivery adds nothing twice either", async () => {
    world.sandbox.setDeliveryMode("send");
    world.sandbox.createIssue(REPO, { title: "Crate name transfers", body: "", user: "carol" });
    await world.sandbox.webhooksIdle();
    world.sandbox.editIssue(REPO, 4, { labels: ["meeting-agenda"] }, { user: "alice" });
    await world.sandbox.webhooksIdle();
    expect(agenda()).toEqual(["Signed by GitHub (@alice, from #3)", "#4 Crate name transfers (@alice)"]);
    const labeled = world.sandbox.deliveries.filter((d) => d.event === "issues" && d.action === "labeled").at(-1) as Delivery;
    const bodyBefore = world.sandbox.issue(REPO, 2).body;
    world.sandbox.resetLog();
    expect(await postConcurrently([labeled, labeled, labeled], world.webhookUrl)).toEqual([200, 200, 200]);
    expect(world.sandbox.issue(REPO, 2).body).toBe(bodyBefore);
    expect(world.sandbox.requests.filter((request) => request.method !== "GET" && !request.path.endsWith("/access_tokens"))).toEqual([]);
  });
});
