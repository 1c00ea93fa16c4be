import { describe, expect, it } from "@jest/globals";
import { agendaHelp } from "../../src/core/agenda-help.js";
import { parseAgendaCommands } from "../../src/core/agenda-command.js";
import { parseMarkdown } from "../../src/core/markdown.js";

describe("agendaHelp", () => {
  it("lists the commands with one example each, for one series", () => {
    expect(agendaHelp({ seriesIds: ["meeting"], section: "Proposed Agenda" })).toBe(
      [
        "`/agenda` puts items on the **Proposed Agenda** list of the upcoming meeting. Write each command at the start of its own line:",
        "",
        "- `/agenda add Release 2.0 plan`: add an item (one line, at most 300 characters)",
        "- `/agenda add`: add this issue or pull request itself",
        "- `/agenda remove #123` or `/agenda remove Release 2.0 plan`: take an unchecked item off again",
        "- `/agenda help`: show this help",
        "",
      ].join("\n"),
    );
  });

  it("starts with the problem", () => {
    const help = agendaHelp({ seriesIds: ["meeting"], section: "Agenda", problem: "unknown subcommand `foo`" });
    expect(help.split("\n").slice(0, 2)).toEqual(["Sorry, I could not follow that: unknown subcommand `foo`.", ""]);
  });

  it.each<[string, string | undefined, string]>([
    ["naming the default series", "weekly", "without it, items go to `weekly`."],
    ["without knowing the default series", undefined, "without it, items go to the default series."],
  ])("explains --series when there are several series, %s", (_, defaultSeries, ending) => {
    const help = agendaHelp({ seriesIds: ["weekly", "triage"], section: "Agenda", ...(defaultSeries ? { defaultSeries } : {}) });
    expect(help).toContain(
      `This repository has several meeting series: \`weekly\`, \`triage\`. Choose one with \`--series\`, e.g. \`/agenda add --series triage Release 2.0 plan\`; ${ending}`,
    );
  });

  it("does not mention --series for a single series", () => {
    expect(agendaHelp({ seriesIds: ["weekly"], section: "Agenda" })).not.toContain("--series");
  });

  it("shows a section name with Markdown in it as plain words", () => {
    const help = agendaHelp({ seriesIds: ["m"], section: "Agenda_* <b>[x]" });
    expect(help).toContain("**Agenda\\_\\* \\<b\\>\\[x\\]**");
    const strong = parseMarkdown(help.split("\n")[0] ?? "").children[0];
    expect(JSON.stringify(strong)).not.toContain('"type":"html"');
  });

  it("gives examples that parse as the commands they describe", () => {
    const help = agendaHelp({ seriesIds: ["weekly", "triage"], section: "Agenda" });
    const examples = [...help.matchAll(/`(\/agenda[^`]*)`/g)].map((match) => match[1] ?? "");
    const kinds = examples.map((example) => parseAgendaCommands(example)[0]);
    expect(kinds).toEqual([
      { index: 0, line: 1, kind: "help" },
      { index: 0, line: 1, kind: "add", text: "Release 2.0 plan" },
      { index: 0, line: 1, kind: "add", text: "" },
      { index: 0, line: 1, kind: "remove", target: { number: 123 } },
      { index: 0, line: 1, kind: "remove", target: { text: "Release 2.0 plan" } },
      { index: 0, line: 1, kind: "help" },
      { index: 0, line: 1, kind: "add", series: "triage", text: "Release 2.0 plan" },
    ]);
  });
});
