import { describe, expect, it } from "@jest/globals";
import { carryOver } from "../../src/core/carry-over.js";
import { flaggedItems, insertFlaggedList, readCarryCount, stripCarryCount, withCarryCount } from "../../src/core/carry-count.js";
import { occurrenceMarker } from "../../src/core/plan-meeting-issue.js";

const SECTIONS = ["Action Items", "Open Discussion"];
const TEMPLATE = "## Action Items\n\n<!-- hint -->\n\n## Open Discussion\n";
const WEEKS = ["2020-09-18T20:30:00Z", "2020-09-25T20:30:00Z", "2020-10-02T20:30:00Z", "2020-10-09T20:30:00Z", "2020-10-16T20:30:00Z"];

/** One meeting's issue: the template with carried items, and its occurrence marker. */
function meeting(previousBody: string, week: number, flagAfter = 3): string {
  const from = week === 0 ? undefined : WEEKS[week - 1];
  const { body } = carryOver({ previousBody, targetBody: TEMPLATE, sections: SECTIONS, count: { into: WEEKS[week] as string, from, flagAfter } });
  return `${body}\n${occurrenceMarker("weekly", { key: WEEKS[week] as string })}\n`;
}

const items = (body: string) => body.split("\n").filter((line) => line.startsWith("- "));

describe("counting how many meetings an item has travelled", () => {
  it("counts 1, 2, 3 … with a marker beside the item; the words stay byte for byte; the note appears from flagAfter", () => {
    let body = "## Action Items\n- Write the *release* notes\n- [x] Done already\n";
    const seen: string[][] = [];
    for (let week = 0; week < 4; week++) {
      body = meeting(body, week);
      seen.push(items(body));
    }
    expect(seen).toEqual([
      ["- [ ] Write the *release* notes <!-- meeting-bot:carried=1 in=2020-09-18T20:30:00Z -->"],
      ["- [ ] Write the *release* notes <!-- meeting-bot:carried=2 in=2020-09-25T20:30:00Z -->"],
      ["- [ ] Write the *release* notes _(carried 3×)_ <!-- meeting-bot:carried=3 in=2020-10-02T20:30:00Z -->"],
      ["- [ ] Write the *release* notes _(carried 4×)_ <!-- meeting-bot:carried=4 in=2020-10-09T20:30:00Z -->"],
    ]);
  });

  it("goes on counting when the words are edited (the marker travels with the item)", () => {
    let body = meeting(meeting("## Action Items\n- Write the relase notes\n", 0), 1);
    body = body.replace("Write the relase notes", "Write the release notes for [2.0](https://example.com)");
    expect(items(meeting(body, 2))).toEqual([
      "- [ ] Write the release notes for [2.0](https://example.com) _(carried 3×)_ <!-- meeting-bot:carried=3 in=2020-10-02T20:30:00Z -->",
    ]);
  });

  it("starts from zero for an item added again by hand, or whose marker was deleted, or pasted from an older meeting", () => {
    const week1 = meeting(meeting("## Action Items\n- Old task\n", 0), 1);
    const older = "- [ ] Pasted <!-- meeting-bot:carried=7 in=2020-09-11T20:30:00Z -->";
    const edited = week1.replace(/ <!-- meeting-bot:carried=2[^>]*-->/, "") + `\n## Action Items\n- Typed again\n${older}\n`;
    expect(items(meeting(edited, 2))).toEqual([
      "- [ ] Old task <!-- meeting-bot:carried=1 in=2020-10-02T20:30:00Z -->",
      "- [ ] Typed again <!-- meeting-bot:carried=1 in=2020-10-02T20:30:00Z -->",
      "- [ ] Pasted <!-- meeting-bot:carried=1 in=2020-10-02T20:30:00Z -->",
    ]);
  });

  it("flagAfter 0 never shows the note", () => {
    let body = "## Action Items\n- Task\n";
    for (let week = 0; week < 5; week++) body = meeting(body, week, 0);
    expect(items(body)).toEqual(["- [ ] Task <!-- meeting-bot:carried=5 in=2020-10-16T20:30:00Z -->"]);
  });

  it("is not added twice when the carry runs again on its own output", () => {
    const previous = meeting("## Action Items\n- Task\n", 0);
    const once = carryOver({ previousBody: previous, targetBody: TEMPLATE, sections: SECTIONS, count: { into: WEEKS[1] as string, from: WEEKS[0], flagAfter: 3 } }).body;
    const twice = carryOver({ previousBody: previous, targetBody: once, sections: SECTIONS, count: { into: WEEKS[1] as string, from: WEEKS[0], flagAfter: 3 } }).body;
    expect(twice).toBe(once);
  });

  it("keeps a hard line break at the end of the first line, and nested items under it", () => {
    expect(withCarryCount("- [ ] First line  \n  second line\n  - [x] child", 2, "K", 3)).toBe(
      "- [ ] First line <!-- meeting-bot:carried=2 in=K -->  \n  second line\n  - [x] child",
    );
    expect(withCarryCount("- [ ] First\\\n  second", 3, "K", 3)).toBe("- [ ] First _(carried 3×)_ <!-- meeting-bot:carried=3 in=K -->\\\n  second");
  });

  it("leaves a label for nested items without a count, so it still stays behind once its items are ticked", () => {
    const week1 = meeting("## Action Items\nPriya:\n- [ ] send notes\n", 0);
    expect(items(week1)).toEqual(["- Priya:"]);
    expect(week1).toContain("  - [ ] send notes\n");
    expect(meeting(week1.replace("- [ ] send notes", "- [x] send notes"), 1)).not.toContain("Priya");
  });

  it("leaves items that open with a block, or leave a comment open on their first line, without a count", () => {
    const body = meeting("## Action Items\n- ```\n  code\n  ```\n- Task <!-- open\n  still open -->\n", 0);
    expect(body).not.toContain("carried=");
  });

  it("reads and strips only the app's own marker and note, anywhere on the first line", () => {
    expect(readCarryCount("Task _(carried 4×)_ <!-- meeting-bot:carried=4 in=K -->")).toEqual({ count: 4, in: "K" });
    expect(readCarryCount("Task <!-- meeting-bot:carried=4 in=K --> and more")).toEqual({ count: 4, in: "K" });
    expect(readCarryCount("Task\nmore <!-- meeting-bot:carried=4 in=K -->")).toBeNull();
    expect(stripCarryCount("Task _(carried 4×)_ <!-- meeting-bot:carried=4 in=K -->\nmore")).toBe("Task\nmore");
    expect(stripCarryCount("Task _(carried 4×)_ <!-- meeting-bot:carried=4 in=K --> (Bob: next week)")).toBe("Task (Bob: next week)");
    expect(stripCarryCount("I wrote _(carried 4×)_ myself")).toBe("I wrote _(carried 4×)_ myself");
    expect(stripCarryCount("First <!-- meeting-bot:carried=2 in=K -->  \nsecond")).toBe("First  \nsecond");
  });

  it("goes on counting when someone writes after the marker: the stale note goes, the current one is appended", () => {
    const week2 = meeting(meeting(meeting("## Action Items\n- Write the release notes\n", 0), 1), 2);
    expect(items(week2)).toEqual(["- [ ] Write the release notes _(carried 3×)_ <!-- meeting-bot:carried=3 in=2020-10-02T20:30:00Z -->"]);
    const edited = week2.replace("in=2020-10-02T20:30:00Z -->", "in=2020-10-02T20:30:00Z --> (Bob: blocked on CI)");
    expect(items(meeting(edited, 3))).toEqual([
      "- [ ] Write the release notes (Bob: blocked on CI) _(carried 4×)_ <!-- meeting-bot:carried=4 in=2020-10-09T20:30:00Z -->",
    ]);
  });
});

describe("the list of items carried too long", () => {
  it("lists them at the top of the first section, as a quote that is never carried itself", () => {
    let body = "## Action Items\n- Old one\n\n## Open Discussion\n- Long talk\n";
    for (let week = 0; week < 3; week++) body = meeting(body, week);
    body = meeting(body, 3) + "";
    const flagged = flaggedItems(body, SECTIONS, WEEKS[3] as string, 3);
    expect(flagged).toEqual([
      { section: "Action Items", text: "Old one", count: 4 },
      { section: "Open Discussion", text: "Long talk", count: 4 },
    ]);
    const listed = insertFlaggedList(body, "Action Items", SECTIONS, flagged, 3);
    expect(listed.startsWith(
      "## Action Items\n\n> **Carried 3 meetings or more**: do it, drop it, or open an issue for it.\n> - Old one (4×)\n> - Long talk (4×)\n\n<!-- hint -->\n",
    )).toBe(true);
    // Next week: the list is not an item, so it is not carried; the items are, once each.
    const next = carryOver({ previousBody: listed, targetBody: TEMPLATE, sections: SECTIONS, count: { into: WEEKS[4] as string, from: WEEKS[3], flagAfter: 3 } }).body;
    expect(next).not.toContain("> - Old one");
    expect(items(next)).toEqual([
      "- [ ] Old one _(carried 5×)_ <!-- meeting-bot:carried=5 in=2020-10-16T20:30:00Z -->",
      "- [ ] Long talk _(carried 5×)_ <!-- meeting-bot:carried=5 in=2020-10-16T20:30:00Z -->",
    ]);
  });
});
