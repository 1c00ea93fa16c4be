import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parseIssueTemplate, type IssueTemplate } from "../../src/core/issue-template.js";
import { TemplateError } from "../../src/core/template-error.js";

const fixture = (path: string): string => readFileSync(new URL(path, import.meta.url), "utf8");

describe("parseIssueTemplate", () => {
  const cases: Array<[string, string, Partial<IssueTemplate>]> = [
    ["no front matter: body only", "## Agenda\n\n* item\n", { labels: [], assignees: [], body: "## Agenda\n\n* item\n", bodyLineOffset: 0 }],
    ["empty file", "", { body: "", bodyLineOffset: 0 }],
    [
      "all keys",
      "---\nname: Weekly\nabout: Make one\ntitle: 'Weekly #{{number}}'\nlabels: [meeting, weekly]\nassignees: [alice]\n---\nBody\n",
      { name: "Weekly", about: "Make one", title: "Weekly #{{number}}", labels: ["meeting", "weekly"], assignees: ["alice"], body: "Body\n", bodyLineOffset: 7, titleLine: 4 },
    ],
    ["labels as a comma-separated string", "---\nlabels: bug, meeting ,, bug\n---\n", { labels: ["bug", "meeting"], body: "" }],
    ["a single label", "---\nlabels: meeting\nassignees: ''\n---\nx", { labels: ["meeting"], assignees: [], body: "x" }],
    ["empty values are absent", "---\nname:\ntitle:\nlabels:\n---\nx", { labels: [], body: "x", bodyLineOffset: 5 }],
    ["numeric title is text", "---\ntitle: 2020\n---\n", { title: "2020", titleLine: 2 }],
    ["empty front matter", "---\n---\nbody", { labels: [], body: "body", bodyLineOffset: 2 }],
    ["closing fence at end of file", "---\nname: x\n---", { name: "x", body: "", bodyLineOffset: 3 }],
    ["only one newline after the fence is dropped", "---\nname: x\n---\n\n\nbody\n", { body: "\n\nbody\n" }],
    ["trailing spaces after fences", "---  \nname: x\n--- \t\nbody", { name: "x", body: "body" }],
    ["a later --- in the body stays", "---\nname: x\n---\na\n---\nb\n", { body: "a\n---\nb\n" }],
    ["CRLF kept in the body", "---\r\nname: x\r\ntitle: t\r\n---\r\nline 1\r\nline 2\r\n", { name: "x", title: "t", body: "line 1\r\nline 2\r\n", bodyLineOffset: 4 }],
    ["BOM tolerated with front matter", "\uFEFF---\nname: x\n---\nbody", { name: "x", body: "body" }],
    ["BOM stripped from a body-only template", "\uFEFFbody", { body: "body" }],
    ["unknown keys ignored", "---\nname: x\ntype: Task\nprojects: [a/1]\n---\n", { name: "x" }],
    ["a body starting with text then --- is not front matter", "Intro\n---\n", { body: "Intro\n---\n", bodyLineOffset: 0 }],
  ];

  it.each(cases)("%s", (_name, text, expected) => {
    expect(parseIssueTemplate(text)).toMatchObject(expected);
  });

  it("reads the reference fixture", () => {
    const template = parseIssueTemplate(fixture("../fixtures/crates-io-weekly-meeting.md"));
    expect(template).toMatchObject({
      name: "Crates.io Weekly Team Meeting",
      about: "Create a new weekly meeting agenda.",
      title: "Crates.io Weekly Team Meeting #001",
      labels: ["meeting"],
      assignees: [],
      bodyLineOffset: 6,
      titleLine: 4,
    });
    expect(template.body.startsWith("\n<!-- Thanks stacksgov")).toBe(true);
  });

  const errors: Array<[string, string, string]> = [
    ["unclosed front matter", "---\nname: x\nbody\n", "weekly.md:1: unclosed front matter"],
    ["invalid YAML, with the file line", "---\nname: x\ntitle: a: b\n---\nbody", "weekly.md:3: invalid front matter:"],
    ["duplicate keys", "---\nname: a\nname: b\n---\n", "weekly.md:3: invalid front matter: Map keys must be unique"],
    ["front matter that is not a mapping", "---\n- a\n- b\n---\n", "weekly.md:2: invalid front matter: expected `key: value` lines"],
    ["title that is a list", "---\nname: x\ntitle: [a, b]\n---\n", "weekly.md:3: invalid front matter: `title` must be text"],
    ["labels that are a mapping", "---\n\nlabels:\n  a: b\n---\n", "weekly.md:3: invalid front matter: `labels` must be a comma-separated string or a list"],
    ["labels list with a nested list", "---\nlabels: [[a]]\n---\n", "weekly.md:2: invalid front matter: `labels` must be"],
    [
      "alias bomb",
      "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n",
      "weekly.md:2: invalid front matter: Excessive alias count",
    ],
  ];

  it.each(errors)("rejects %s", (_name, text, message) => {
    let error: unknown;
    try {
      parseIssueTemplate(text, ".github/ISSUE_TEMPLATE/weekly.md");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).message).toContain(`.github/ISSUE_TEMPLATE/${message}`);
    expect((error as TemplateError).path).toBe(".github/ISSUE_TEMPLATE/weekly.md");
  });

  it("counts lines after a BOM and CRLF the same way", () => {
    expect(() => parseIssueTemplate("\uFEFF---\r\nname: x\r\ntitle: a: b\r\n---\r\n", "t.md")).toThrow("t.md:3: invalid front matter");
  });
});
