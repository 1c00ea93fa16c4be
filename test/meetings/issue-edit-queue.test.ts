import { describe, expect, it } from "@jest/globals";
import { IssueEditQueue, type IssueEditor } from "../../src/meetings/issue-edit-queue.js";
import { MemoryStore } from "../../src/store/memory-store.js";

/** One issue body in memory; reads are counted, each write is recorded with the kind that wrote it. */
function issue() {
  const state = { body: "start", reads: 0, writes: [] as string[] };
  const editor = (kind: string): IssueEditor<string, string> => ({
    kind,
    read: async () => {
      state.reads++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return state.body;
    },
    write: async (body) => {
      state.body = body;
      state.writes.push(kind);
    },
    apply: (body, requests) => ({ body: `${body}|${kind}:${requests.join(",")}`, outcomes: requests.map((request) => `${kind} ${request}`) }),
  });
  return { state, editor };
}

describe("IssueEditQueue", () => {
  it("coalesces requests that arrive during a write, one batch per kind, in arrival order", async () => {
    const queue = new IssueEditQueue({ store: new MemoryStore() });
    const { state, editor } = issue();
    const outcomes = await Promise.all([
      queue.submit("o/r#1", "a", editor("agenda")),
      queue.submit("o/r#1", "b", editor("agenda")),
      queue.submit("o/r#1", "c", editor("agenda")),
      queue.submit("o/r#1", "late", editor("rewrite")),
      queue.submit("o/r#1", "d", editor("agenda")),
    ]);
    expect(outcomes).toEqual(["agenda a", "agenda b", "agenda c", "rewrite late", "agenda d"]);
    // The first request runs alone; what arrived meanwhile goes in batches of one kind each.
    expect(state.body).toBe("start|agenda:a|agenda:b,c|rewrite:late|agenda:d");
    expect(state.writes).toEqual(["agenda", "agenda", "rewrite", "agenda"]);
  });
});
