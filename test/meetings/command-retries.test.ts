import { describe, expect, it } from "@jest/globals";
import type { AgendaComment } from "../../src/meetings/agenda-comment.js";
import { CommandRetries } from "../../src/meetings/command-retries.js";
import { MemoryStore } from "../../src/store/memory-store.js";

const comment = (id: number, kind: AgendaComment["kind"] = "issue-comment"): AgendaComment => ({
  kind,
  id,
  body: "/agenda add x",
  user: { login: "alice", type: "User" },
  authorAssociation: "MEMBER",
  createdAt: "2020-09-11T21:31:00Z",
  htmlUrl: `https://github.com/o/r/issues/3#issuecomment-${id}`,
  thread: { number: 3, title: "t", body: "" },
  repository: { owner: "o", name: "r", fullName: "o/r" },
});
const httpError = (status: number, headers: Record<string, string> = {}, message = "failed") => Object.assign(new Error(message), { status, response: { headers } });
const MINUTE = 60_000;

describe("CommandRetries", () => {
  it("backs off 1, 2, 4, 8, 15, 15, 15, 15 minutes, then gives up", async () => {
    const retries = new CommandRetries(new MemoryStore());
    const waits: number[] = [];
    let failures = 0;
    for (;;) {
      const decision = await retries.failed(comment(1), 7, failures, httpError(502), 0);
      if (!decision.retry) {
        expect(decision).toEqual({ retry: false, failures: 9, reason: "gave-up" });
        break;
      }
      waits.push(decision.inMs / MINUTE);
      failures = decision.failures;
    }
    expect(waits).toEqual([1, 2, 4, 8, 15, 15, 15, 15]);
  });

  it.each([
    ["a network error (no status)", new Error("socket hang up")],
    ["500", httpError(500)],
    ["503", httpError(503)],
    ["a secondary rate limit", httpError(403, { "retry-after": "30" }, "You have exceeded a secondary rate limit")],
    ["a primary rate limit (429)", httpError(429)],
  ])("retries after %s", async (_name, error) => {
    expect(await new CommandRetries(new MemoryStore()).failed(comment(1), 7, 0, error, 0)).toMatchObject({ retry: true });
  });

  it.each([
    ["404", httpError(404)],
    ["403 that is no rate limit", httpError(403, {}, "Resource not accessible by integration")],
    ["422", httpError(422)],
  ])("does not retry %s: GitHub will answer the same", async (_name, error) => {
    const retries = new CommandRetries(new MemoryStore());
    expect(await retries.failed(comment(1), 7, 0, error, 0)).toEqual({ retry: false, failures: 1, reason: "not-transient" });
    expect(await retries.size()).toBe(0);
  });

  it("waits as long as GitHub asks when that is longer than the backoff", async () => {
    const retries = new CommandRetries(new MemoryStore());
    expect(await retries.failed(comment(1), 7, 0, httpError(403, { "retry-after": "600" }, "secondary rate limit"), 0)).toEqual({ retry: true, inMs: 600_000, failures: 1 });
    expect(await retries.failed(comment(2), 7, 0, httpError(403, { "retry-after": "5" }, "secondary rate limit"), 0)).toEqual({ retry: true, inMs: MINUTE, failures: 1 });
  });

  it("hands out what is due, oldest first, once; a comment waits once however often it fails", async () => {
    const retries = new CommandRetries(new MemoryStore());
    await retries.failed(comment(1), 7, 1, httpError(502), 0); // due at 2 min
    await retries.failed(comment(2), 7, 0, httpError(502), 0); // due at 1 min
    await retries.failed(comment(2, "review"), 7, 0, httpError(502), 30_000); // another kind: another command
    await retries.failed(comment(3), 7, 0, httpError(502), 10 * MINUTE);
    await retries.failed(comment(3), 7, 0, httpError(502), 10 * MINUTE);
    expect(await retries.size()).toBe(4);
    expect(retries.nextWakeUpMs).toBe(MINUTE);
    expect(await retries.takeDue(MINUTE - 1)).toEqual([]);
    const due = await retries.takeDue(2 * MINUTE);
    expect(due.map((job) => `${job.comment.kind}:${job.comment.id}:${job.failures}`)).toEqual(["issue-comment:2:1", "review:2:1", "issue-comment:1:2"]);
    // Taken means claimed, not gone: a taker that dies leaves them due again 5 minutes later.
    expect(await retries.takeDue(2 * MINUTE)).toEqual([]);
    expect(await retries.size()).toBe(4);
    expect((await retries.takeDue(7 * MINUTE)).map((job) => job.comment.id).sort()).toEqual([1, 2, 2]);
    for (const job of due) await retries.done(job.comment);
    expect(await retries.size()).toBe(1);
  });

  it("holds at most 1,000 commands; the rest are refused, to be redelivered by hand", async () => {
    const retries = new CommandRetries(new MemoryStore());
    for (let id = 1; id <= 1_000; id++) expect((await retries.failed(comment(id), 7, 0, httpError(502), 0)).retry).toBe(true);
    expect(await retries.failed(comment(1_001), 7, 0, httpError(502), 0)).toEqual({ retry: false, failures: 1, reason: "full" });
    expect((await retries.failed(comment(1), 7, 1, httpError(502), 0)).retry).toBe(true);
  });
});
