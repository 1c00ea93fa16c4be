import { describe, expect, it } from "@jest/globals";
import { pushedPaths } from "../../src/github/pushed-paths.js";

const commit = (modified: string[]) => ({ added: [] as string[], removed: [] as string[], modified });
const push = (commits: ReturnType<typeof commit>[], before = "b".repeat(40), after = "c".repeat(40)) => ({ before, after, commits });

describe("pushedPaths", () => {
  it("the paths a short push lists", () => {
    expect(pushedPaths(push([commit(["a.md"]), { added: ["b.md"], removed: ["c.md"], modified: [] }]))).toEqual(new Set(["a.md", "b.md", "c.md"]));
  });

  it("unknown with 20 commits or more: the list may be cut", () => {
    expect(pushedPaths(push(Array.from({ length: 19 }, () => commit(["x"]))))).toEqual(new Set(["x"]));
    expect(pushedPaths(push(Array.from({ length: 20 }, () => commit(["x"]))))).toBe("unknown");
  });

  it("unknown when the branch moved and no commit is listed (a force push back); nothing when it did not move or was deleted", () => {
    expect(pushedPaths(push([]))).toBe("unknown");
    expect(pushedPaths(push([], "c".repeat(40), "c".repeat(40)))).toEqual(new Set());
    expect(pushedPaths(push([], "c".repeat(40), "0".repeat(40)))).toEqual(new Set());
  });
});
