import { describe, expect, it } from "@jest/globals";
import { parseMarkdown } from "../../src/core/markdown.js";

describe("parseMarkdown", () => {
  it("parses GFM task lists with offsets", () => {
    const tree = parseMarkdown("- [x] done\n- [ ] todo\n");
    const list = tree.children[0];
    expect(list?.type).toBe("list");
    if (list?.type !== "list") return;
    expect(list.children.map((item) => item.checked)).toEqual([true, false]);
    expect(list.position?.end.offset).toBe(21);
  });
});
