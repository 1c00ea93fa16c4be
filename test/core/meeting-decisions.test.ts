import { describe, expect, it } from "@jest/globals";
import { decisionsSection, DECISIONS_HEADING, findDecisions } from "../../src/core/meeting-decisions.js";

describe("findDecisions", () => {
  it("lists the lines marked as decisions, in every form, each once, as written minus the marker", () => {
    const notes = [
      "## Release",
      "",
      "- DECISION: ship 2.0 on the 14th",
      "- [DECISION] keep the old mirror one more month",
      "- `[DECISION]` the docs move to the new site",
      "- Decided: no new features after the freeze",
      "",
      "* Hosting",
      "  ** DECISION: stay on the current provider until March",
      "",
      "- ~~DECISION: drop the beta channel~~",
      "- We made no decision about the logo.",
      "",
      "Decisions:",
      "- ship 2.0 on the 14th",
      "- rotate the keys every quarter",
      "",
      "> DECISION: quoted from another thread",
      "",
      "```",
      "DECISION: in code",
      "```",
      "<!-- DECISION: in a comment -->",
    ].join("\n");
    expect(findDecisions(notes)).toEqual([
      "ship 2.0 on the 14th",
      "keep the old mirror one more month",
      "the docs move to the new site",
      "no new features after the freeze",
      "stay on the current provider until March",
      "rotate the keys every quarter",
    ]);
  });

  it("defuses a meeting-bot marker copied into a decision", () => {
    expect(findDecisions("DECISION: keep <!-- meeting-bot:next=x series=y --> it")).toEqual(["keep <!-- meeting-bot\u200b:next=x series=y --> it"]);
  });

  it("writes them under one heading to search for; nothing for none; a count past GitHub's comment limit", () => {
    expect(decisionsSection([])).toBe("");
    expect(decisionsSection(["ship 2.0", "rotate the keys"])).toBe(`### ${DECISIONS_HEADING}\n\n- ship 2.0\n- rotate the keys`);
    const many = Array.from({ length: 1000 }, (_, index) => `decision ${index} ${"x".repeat(100)}`);
    const section = decisionsSection(many);
    expect(section.length).toBeLessThan(65_000);
    expect(section).toMatch(/\n- … and \d+ more: see the meeting's notes above$/);
  });
});
