import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { carryOver } from "../../src/core/carry-over.js";
import { parseMarkers } from "../../src/core/markers.js";
import { propertyRuns } from "../helpers/property-runs.js";

const SECTIONS = ["Action Items", "Open Discussion"];
const TEMPLATE = "## Notes\n\n### Action Items\n\n<!-- carried here -->\n\n### Open Discussion\n\n<!-- and here -->\n";

function run(previousBody: string, targetBody = TEMPLATE, sections = SECTIONS) {
  return carryOver({ previousBody, targetBody, sections });
}

const texts = (items: Array<{ text: string }> | undefined) => (items ?? []).map((item) => item.text);

describe("carryOver", () => {
  it("carries the crates.io meeting's two action items and nothing else", () => {
    const previousBody = readFileSync(new URL("../fixtures/crates-io-weekly-meeting.md", import.meta.url), "utf8");
    const result = run(previousBody);
    expect(texts(result.carried["Action Items"])).toEqual([
      "Try to nail down the next zoom meeting through Discord",
      "Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings",
    ]);
    expect(result.carried["Open Discussion"]).toEqual([]);
    expect(result.body).toBe(
      "## Notes\n\n### Action Items\n\n<!-- carried here -->\n\n" +
        "- [ ] Try to nail down the next zoom meeting through Discord\n" +
        "- [ ] Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings\n" +
        "\n### Open Discussion\n\n<!-- and here -->\n",
    );
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ["unchecked and plain items move, checked ones stay", "- [ ] open\n- plain\n- [x] done\n", ["open", "plain"], ["done"]],
    ["struck items are done", "- ~~dropped~~\n- [ ] ~~also dropped~~\n- ~~half~~ kept\n", ["~~half~~ kept"], ["dropped", "also dropped"].map((t) => `~~${t}~~`)],
    ["paragraphs are items", "Topic one\n\n[x] settled topic\n\nTopic two\n", ["Topic one", "Topic two"], ["settled topic"]],
    ["an open subtask of a done parent travels on its own", "- [x] parent\n  - [ ] child\n  - [x] done child\n", ["child"], ["parent"]],
    ["a listed-twice item moves once", "- [ ] same\n- [ ]   same  \n- [x] same\n", ["same"], ["same"]],
  ])("%s", (_, content, carried, done) => {
    const result = run(`## Action Items\n${content}`);
    expect(texts(result.carried["Action Items"])).toEqual(carried);
    expect(texts(result.done["Action Items"])).toEqual(done);
  });

  it("writes carried items as unchecked tasks, children as they were", () => {
    const result = run("## Action Items\n* parent\n  * [x] done child\n  * open child\n1) [ ] numbered\n", "## Action Items\n");
    expect(result.body).toBe("## Action Items\n\n- [ ] parent\n  * [x] done child\n  * open child\n- [ ] numbered\n");
  });

  it("does not add an item the new section already has", () => {
    const result = run("## Action Items\n- [ ] already   there\n- [ ] new\n", "## Action Items\n- [x] already there\n");
    expect(result.body).toBe("## Action Items\n- [x] already there\n- [ ] new\n");
    expect(texts(result.carried["Action Items"])).toEqual(["already   there", "new"]);
  });

  it("carries a lead paragraph with its list, as one item", () => {
    const result = run("## Action Items\nPriya:\n\n- [ ] draft the RFC\n- [x] book the room\n\nWen:\n- [x] all done\n", "## Action Items\n");
    expect(result.body).toBe("## Action Items\n\n- Priya:\n\n  - [ ] draft the RFC\n  - [x] book the room\n");
    expect(texts(result.done["Action Items"])).toEqual(["Wen:"]);
  });

  it("leaves a carried lead behind once its items are ticked, and a Done: list always", () => {
    const week2 = run("## Action Items\nPriya:\n- [ ] send notes\n- [ ] book room\n", "## Action Items\n").body;
    expect(week2).toBe("## Action Items\n\n- Priya:\n  - [ ] send notes\n  - [ ] book room\n");
    const week3 = run(week2.replace(/\[ \]/g, "[x]"), "## Action Items\n");
    expect(week3.body).toBe("## Action Items\n");
    expect(texts(week3.done["Action Items"])).toEqual(["Priya:"]);
    expect(run("## Action Items\nDone:\n- shipped 1.2\n- **Finished:**\n  - wrote the post\n", "## Action Items\n").body).toBe("## Action Items\n");
    // Still, an open box under Done: is open: one loose list after `Done:` holds Ana's tasks too.
    const loose = run("## Action Items\nDone:\n- shipped 1.2\n\n- Ana:\n  - [ ] finish the guide\n  - [x] review\n- [ ] tag 1.3\n", "## Action Items\n");
    expect(loose.body).toBe("## Action Items\n\n- Ana:\n  - [ ] finish the guide\n  - [x] review\n- [ ] tag 1.3\n");
  });

  it("carries bold names leading their tasks, and reads one paragraph of label lines as sections", () => {
    const previousBody = "## Action Items\n\n**Tomás**:\n- [ ] review RFC\n\n**Priya:**\n- [x] send notes\n\nAction items:\nPriya books a room\nOpen discussion:\nTuesday?\n";
    const targetBody = "**Action items:**\n**Open discussion:**\n\n**Notes:**\n";
    expect(run(previousBody, targetBody).body).toBe(
      "**Action items:**\n\n- **Tomás**:\n  - [ ] review RFC\n- [ ] Priya books a room\n\n**Open discussion:**\n\n- [ ] Tuesday?\n\n**Notes:**\n",
    );
  });

  it("nests carried items under a bold list item section", () => {
    const previousBody = "## Agenda\n- Roadmap\n- **Open discussion, sign up underneath**\n  - [ ] Move the call? (@zoe)\n  - [x] Logo vote\n";
    const targetBody = "## Agenda\n- Roadmap\n- **Open discussion, sign up underneath**\n- Wrap-up\n";
    expect(run(previousBody, targetBody).body).toBe(
      "## Agenda\n- Roadmap\n- **Open discussion, sign up underneath**\n  - [ ] Move the call? (@zoe)\n- Wrap-up\n",
    );
  });

  describe("template text", () => {
    const hint = "Older actions are tracked elsewhere; add new ones here.";
    it("is never carried as an item, so never doubled", () => {
      const template = `## Action Items\n\n- [ ] Example: owner — task\n- ${hint}\n`;
      const previousBody = `## Action Items\n\n- [ ] Example: owner — task\n- ${hint}\n- [ ] Real task\n`;
      // The team deleted the hints from the early issue; the template still has them.
      const result = carryOver({ previousBody, targetBody: "## Action Items\n", sections: SECTIONS, templateBody: template });
      expect(result.body).toBe("## Action Items\n\n- [ ] Real task\n");
    });

    it("puts each person's tasks under that person's lead in the template", () => {
      const template = "## Action Items\n\nPriya:\n- [ ] \n\nWen:\n* [ ] \n\n- Zoë:\n\n## Open Discussion\n";
      const previousBody =
        "## Action Items\n\nPriya:\n- [ ] send notes\n- [x] book room\n\nWen:\n* [ ] review RFC\n\n- Zoë:\n  - [ ] draft post\n    - [ ] its outline\n\n## Open Discussion\n";
      const result = carryOver({ previousBody, targetBody: template, sections: SECTIONS, templateBody: template });
      expect(result.body).toBe(
        "## Action Items\n\nPriya:\n- [ ] \n- [ ] send notes\n\nWen:\n* [ ] \n* [ ] review RFC\n\n- Zoë:\n  - [ ] draft post\n    - [ ] its outline\n\n## Open Discussion\n",
      );
      expect(carryOver({ previousBody, targetBody: result.body, sections: SECTIONS, templateBody: template }).body).toBe(result.body);
      // And in CRLF.
      const crlf = carryOver({ previousBody, targetBody: template.replace(/\n/g, "\r\n"), sections: SECTIONS }).body;
      expect(crlf).toBe(result.body.replace(/\n/g, "\r\n"));
    });

    it("keeps the new items nested under a lead the template has", () => {
      const template = "## Action Items\n\nAdd your tasks below:\n";
      const previousBody = "## Action Items\n\nAdd your tasks below:\n- [ ] first\n  - [ ] its step\n- [x] second\n";
      const result = carryOver({ previousBody, targetBody: template, sections: SECTIONS, templateBody: template });
      expect(result.body).toBe("## Action Items\n\nAdd your tasks below:\n- [ ] first\n  - [ ] its step\n");
      expect(carryOver({ previousBody, targetBody: result.body, sections: SECTIONS, templateBody: template }).body).toBe(result.body);
    });
  });

  it("takes the items of a section written several times, in order", () => {
    const previousBody = "## Action Items\n- a\n\n---\n\n**Action items**\n- b\n";
    const result = run(previousBody, "## Action Items\n");
    expect(result.body).toBe("## Action Items\n\n- [ ] a\n- [ ] b\n");
    expect(result.warnings).toContain('previous meeting has the "Action Items" section 2 times; took the items of each, in order');
  });

  it("keeps the new body's CRLF line endings", () => {
    const result = run("## Action Items\n- a\n  - b\n", "## Action Items\r\n\r\n## Open Discussion\r\n");
    expect(result.body).toBe("## Action Items\r\n\r\n- [ ] a\r\n  - b\r\n\r\n## Open Discussion\r\n");
  });

  it("reads a CRLF previous meeting", () => {
    const result = run("## Action Items\r\n- a\r\n  more\r\n", "## Action Items\n");
    expect(result.body).toBe("## Action Items\n\n- [ ] a\n  more\n");
    expect(texts(result.carried["Action Items"])).toEqual(["a\nmore"]);
  });

  it("neutralizes markers in carried items, and says so", () => {
    const forged = "<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z -->";
    const result = run(`## Action Items\n- [ ] copied ${forged}\n  - child ${forged}\n`, "## Action Items\n");
    expect(parseMarkers(result.body)).toEqual([]);
    expect(result.body.replace(/\u200b/g, "")).toBe(`## Action Items\n\n- [ ] copied ${forged}\n  - child ${forged}\n`);
    expect(texts(result.carried["Action Items"])).toEqual([`copied <!-- meeting-bot\u200b:series=weekly occurrence=2020-09-18T20:30:00Z -->`]);
    expect(result.warnings).toEqual([
      'a carried "Action Items" item contained a meeting-bot marker; it was neutralized',
      'previous meeting has no "Open Discussion" section',
    ]);
  });

  it.each([
    ["a section missing in the previous meeting", "## Action Items\n- a\n", TEMPLATE, SECTIONS, ['previous meeting has no "Open Discussion" section']],
    [
      "a section missing in the new body",
      "## Action Items\n- a\n## Open Discussion\n",
      "## Notes\n",
      SECTIONS,
      ['new meeting has no "Action Items" section; added "### Action Items" at the end'],
    ],
    ["nothing to add to a missing section", "## Action Items\n## Open Discussion\n", "## Notes\n", SECTIONS, []],
    [
      "a section written twice in the new body",
      "## Action Items\n- a\n## Open Discussion\n",
      "## Action Items\n## Open Discussion\n## Action Items\n",
      SECTIONS,
      ['new meeting has the "Action Items" section 2 times; carried items go under the first'],
    ],
    [
      "a name with no words",
      "## Action Items\n",
      TEMPLATE,
      ["📝", "Action Items"],
      ['section name "📝" has no words a heading could match; skipped it'],
    ],
    [
      "two names for one section",
      "## Action Items\n",
      TEMPLATE,
      ["Action Items", "action item", "Action Items (carried)"],
      [
        'section "action item" names the same section as "Action Items"; carried it once, as "Action Items"',
        'section "Action Items (carried)" names the same section as "Action Items"; carried it once, as "Action Items"',
      ],
    ],
  ])("warns about %s", (_, previousBody, targetBody, sections, warnings) => {
    expect(run(previousBody, targetBody, sections).warnings).toEqual(warnings);
  });

  it("has a key per requested section, even skipped ones", () => {
    const result = run("## Action Items\n- a\n", TEMPLATE, ["Action Items", "📝", "action item"]);
    expect(Object.keys(result.carried)).toEqual(["Action Items", "📝", "action item"]);
    expect(Object.keys(result.done)).toEqual(["Action Items", "📝", "action item"]);
    expect(result.carried["action item"]).toEqual([]);
  });

  it("changes nothing with no sections", () => {
    expect(run("## Action Items\n- a\n", TEMPLATE, [])).toEqual({ body: TEMPLATE, carried: {}, done: {}, added: {}, dropped: {}, warnings: [] });
  });

  it("changes nothing when run again on its own output", () => {
    const previousBody = "Action items:\n- a\n  - b\n\n1. [ ] c\n\n**Open Discussion**\n\nShould we?\n\n- ~~no~~\n";
    const once = run(previousBody).body;
    expect(run(previousBody, once).body).toBe(once);
    expect(run(previousBody, "").body).toBe(
      "### Action Items\n\n- [ ] a\n  - b\n- [ ] c\n\n### Open Discussion\n\n- [ ] Should we?\n",
    );
  });

  it("leaves the new body as it was, with a warning, when reading fails", () => {
    // The parser overflows the stack on lists nested ~1500 deep; a bad name from JavaScript fails faster.
    const result = carryOver({ previousBody: "## Action Items\n- a\n", targetBody: TEMPLATE, sections: [null as unknown as string] });
    expect(result.body).toBe(TEMPLATE);
    expect(result.carried).toEqual({ null: [] });
    expect(result.warnings).toEqual([expect.stringMatching(/^could not carry items over \(.+\); the new meeting body was left as it was$/)]);
  });

  it("never throws, whatever the strings", () => {
    const markdownish = fc
      .array(
        fc.oneof(
          fc.constantFrom("\n", "\r\n", "\r", " ", "\t", "- ", "* ", "1. ", "1) ", "[ ] ", "[x] ", "~~", "**", "_", "#", "## ", ":"),
          fc.constantFrom("Action Items", "action item:", "Open Discussion", "<!--", "-->", "---", "```", "> ", "|", "<!-- meeting-bot:x=1 -->"),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(markdownish, markdownish, fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), (previousBody, targetBody, extra) => {
        const result = carryOver({ previousBody, targetBody, sections: [...SECTIONS, ...extra] });
        expect(typeof result.body).toBe("string");
        expect(parseMarkers(result.body).length).toBeLessThanOrEqual(parseMarkers(targetBody).length);
      }),
      { numRuns: propertyRuns(400) },
    );
  });
});

describe("open tasks the carry-over leaves behind", () => {
  it("are named in a warning, by the heading they are under, unless a section read otherwise holds them", () => {
    const previousBody = "# Notes\n- [ ] check the recording\n\n## Action Items\n- [ ] a\n### Priya\n- [ ] send notes\n- [x] done\n\n## Proposed Agenda\n- [ ] a topic\n";
    const result = carryOver({ previousBody, targetBody: TEMPLATE, sections: SECTIONS, otherSections: ["Proposed Agenda"] });
    expect(result.warnings).toContain(
      '2 open tasks of the previous meeting are outside the carried sections (under "Notes", under "Priya") and stay there; move them under "Action Items" or "Open Discussion", or add their section to carryOver',
    );
    const agendaToo = carryOver({ previousBody, targetBody: TEMPLATE, sections: SECTIONS });
    expect(agendaToo.warnings.find((warning) => warning.includes("open tasks"))).toMatch(/^3 open tasks .*under "Proposed Agenda"/);
    expect(run("- [ ] before any heading\n## Action Items\n- [ ] a\n").warnings[0]).toBe(
      '1 open task of the previous meeting is outside the carried sections (above the first heading) and stays there; move it under "Action Items" or "Open Discussion", or add its section to carryOver',
    );
    expect(run("## Action Items\n- [ ] a\n  - [ ] nested\n").warnings.filter((warning) => warning.includes("open task"))).toEqual([]);
  });
});
