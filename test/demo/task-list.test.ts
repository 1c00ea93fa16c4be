import { describe, expect, it } from "@jest/globals";
import { DemoError } from "../../src/demo/demo-error.js";
import { addTask, openTasks, tickOff } from "../../src/demo/task-list.js";

const BODY = [
  "## Agenda",
  "",
  "### Action Items",
  "",
  "<!-- carried over -->",
  "",
  "- [ ] Draft the roadmap",
  "- [x] Book the room",
  "* [ ] Review PR 12",
  "",
  "### Open Discussion",
  "",
  "<!-- carried over -->",
  "",
  "<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z -->",
  "",
].join("\n");

describe("openTasks", () => {
  it.each([
    ["Action Items", ["Draft the roadmap", "Review PR 12"]],
    ["action items", ["Draft the roadmap", "Review PR 12"]],
    ["Open Discussion", []],
  ])("%s → %j", (section, expected) => {
    expect(openTasks(BODY, section)).toEqual(expected);
  });

  it("throws DemoError for a missing section", () => {
    expect(() => openTasks(BODY, "Outcomes")).toThrow(new DemoError('the issue body has no "Outcomes" section'));
  });
});

describe("tickOff", () => {
  it.each([
    ["Draft the roadmap", "- [x] Draft the roadmap"],
    ["Draft", "- [x] Draft the roadmap"],
    ["Review PR", "* [x] Review PR 12"],
  ])("%s", (text, line) => {
    const body = tickOff(BODY, text);
    expect(body.split("\n")).toContain(line);
    expect(body.split("\n").filter((candidate, i) => candidate !== BODY.split("\n")[i])).toEqual([line]);
  });

  it.each(["Book the room", "Nothing like this"])("refuses %s (already done or absent)", (text) => {
    expect(() => tickOff(BODY, text)).toThrow(DemoError);
  });
});

describe("addTask", () => {
  it("appends after the last task of the section", () => {
    const lines = addTask(BODY, "Action Items", "New thing").split("\n");
    expect(lines.slice(6, 11)).toEqual(["- [ ] Draft the roadmap", "- [x] Book the room", "* [ ] Review PR 12", "- [ ] New thing", ""]);
  });

  it("starts a list after a comment with a blank line, before the app's marker", () => {
    const body = addTask(BODY, "Open Discussion", "Meeting time");
    expect(body).toContain("<!-- carried over -->\n\n- [ ] Meeting time\n\n<!-- meeting-bot:");
    expect(openTasks(body, "Open Discussion")).toEqual(["Meeting time"]);
  });

  it("keeps CRLF bodies' other lines intact", () => {
    const crlf = BODY.replace(/\n/g, "\r\n");
    expect(openTasks(addTask(crlf, "Action Items", "X"), "Action Items")).toEqual(["Draft the roadmap", "Review PR 12", "X"]);
  });
});
