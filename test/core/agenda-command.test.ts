import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { inlineCode, parseAgendaCommands, type AgendaCommand } from "../../src/core/agenda-command.js";
import { propertyRuns } from "../helpers/property-runs.js";

type Parsed = AgendaCommand extends infer C ? (C extends AgendaCommand ? Omit<C, "index" | "line"> : never) : never;
const strip = (commands: AgendaCommand[]): Parsed[] => commands.map(({ index: _index, line: _line, ...rest }) => rest);

describe("parseAgendaCommands: grammar", () => {
  it.each<[string, Parsed[]]>([
    ["/agenda", [{ kind: "help" }]],
    ["/agenda   ", [{ kind: "help" }]],
    ["/agenda help", [{ kind: "help" }]],
    ["/agenda HELP me please", [{ kind: "help" }]],
    ["/AGENDA Add Release plan", [{ kind: "add", text: "Release plan" }]],
    ["/agenda add", [{ kind: "add", text: "" }]],
    ["/agenda add   ", [{ kind: "add", text: "" }]],
    ["/agenda add\tTabbed   text  ", [{ kind: "add", text: "Tabbed   text" }]],
    ["/agenda add **bold** `code` [link](https://x.y)", [{ kind: "add", text: "**bold** `code` [link](https://x.y)" }]],
    ["/agenda add --series weekly Release plan", [{ kind: "add", series: "weekly", text: "Release plan" }]],
    ["/agenda add --series=weekly Release plan", [{ kind: "add", series: "weekly", text: "Release plan" }]],
    ["/agenda add --SERIES Weekly", [{ kind: "add", series: "weekly", text: "" }]],
    ["/agenda add \u2014series triage x", [{ kind: "add", series: "triage", text: "x" }]],
    ["/agenda add --series weekly --series weekly x", [{ kind: "add", series: "weekly", text: "x" }]],
    ["/agenda add x --series weekly", [{ kind: "add", text: "x --series weekly" }]],
    ["/agenda add --serieses x", [{ kind: "add", text: "--serieses x" }]],
    ["/agenda remove #123", [{ kind: "remove", target: { number: 123 } }]],
    ["/agenda remove --series=triage #7", [{ kind: "remove", series: "triage", target: { number: 7 } }]],
    ["/agenda remove #123 Release plan", [{ kind: "remove", target: { text: "#123 Release plan" } }]],
    ["/agenda remove Release   plan ", [{ kind: "remove", target: { text: "Release   plan" } }]],
    ["/agenda remove 123", [{ kind: "remove", target: { text: "123" } }]],
  ])("%j", (comment, expected) => {
    expect(strip(parseAgendaCommands(comment))).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ["/agenda remove", /say what to remove/],
    ["/agenda remove --series weekly", /say what to remove/],
    ["/agenda foo", /^unknown subcommand `foo`$/],
    ["/agenda ad x", /unknown subcommand `ad`; did you mean `\/agenda add`\?/],
    ["/agenda remvoe #1", /did you mean `\/agenda remove`/],
    ["/agenda add --series", /`--series` needs a series id/],
    ["/agenda add --series=", /`--series` needs a series id/],
    ["/agenda add --series a --series b x", /given twice \(`a` and `b`\)/],
    ["/agenda `@everyone`", /unknown subcommand `` `@everyone` ``/],
  ])("%j is help with a problem", (comment, problem) => {
    const [command] = parseAgendaCommands(comment);
    expect(command?.kind).toBe("help");
    expect(command?.kind === "help" ? command.problem : undefined).toMatch(problem);
  });

  it("quotes a long unknown subcommand as short inline code", () => {
    const [command] = parseAgendaCommands(`/agenda ${"x".repeat(100)}`);
    expect(command).toEqual({ index: 0, line: 1, kind: "help", problem: `unknown subcommand \`${"x".repeat(39)}…\`` });
  });
});

describe("parseAgendaCommands: where commands are recognised", () => {
  it.each<[string, string, number]>([
    ["alone", "/agenda add x", 1],
    ["after up to 3 spaces", "   /agenda add x", 1],
    ["on a later line of a paragraph", "Please discuss.\n/agenda add x", 1],
    ["after a paragraph and a blank line", "Hi!\n\n/agenda add x\n\nThanks", 1],
    ["with CRLF line endings", "Hi\r\n\r\n/agenda add x\r\n/agenda add y\r\n", 2],
    ["with CR line endings", "Hi\r/agenda add x\r/agenda add y", 2],
    ["after a heading", "# Title\n/agenda add x", 1],
    ["after a closed code block", "```\ncode\n```\n/agenda add x", 1],
    ["with inline code later on the line", "/agenda add fix `<b>` tags", 1],
    ["underlined into a setext heading", "/agenda add x\n---\nmore", 1],
    ["underlined into a setext heading with =", "Hi\n/agenda add x\n===", 1],
    ["not mid-line", "Try /agenda add x", 0],
    ["not indented 4 spaces (code)", "    /agenda add x", 0],
    ["not indented 4 spaces in a paragraph", "Hi\n    /agenda add x", 0],
    ["not with a tab before it", "\t/agenda add x", 0],
    ["not in a fenced code block", "```\n/agenda add x\n```", 0],
    ["not in a tilde fence", "~~~md\n/agenda add x\n~~~", 0],
    ["not in an unclosed fence", "```\n/agenda add x", 0],
    ["not in inline code", "`/agenda add x`", 0],
    ["not in inline code spanning lines", "see `this\n/agenda add x` here", 0],
    ["not in a block quote", "> /agenda add x", 0],
    ["not in a lazy block quote line", "> quote\n/agenda add x", 0],
    ["not in a list item", "- /agenda add x", 0],
    ["not in an ordered list item", "1. /agenda add x", 0],
    ["not in a list item's lazy line", "- item\n/agenda add x", 0],
    ["not in an HTML block", "<div>\n/agenda add x\n</div>", 0],
    ["not in an HTML comment", "<!--\n/agenda add x\n-->", 0],
    ["not in an inline HTML comment", "Hi <!--\n/agenda add x\n-->", 0],
    ["not in a table", "| a |\n|---|\n| /agenda add x |", 0],
    ["not in emphasis", "*hi\n/agenda add x*", 0],
    ["not in a link", "[hi\n/agenda add x](https://x.y)", 0],
    ["not in a heading", "# /agenda add x", 0],
    ["not escaped", "\\/agenda add x", 0],
    ["not /agendas", "/agendas add x", 0],
    ["not /agenda-add", "/agenda-add x", 0],
    ["not /agendaadd", "/agendaadd x", 0],
  ])("%s", (_, comment, count) => {
    expect(parseAgendaCommands(comment)).toHaveLength(count);
  });

  it("returns several commands in order, with index and 1-based line", () => {
    const comment = [
      "Two things for Friday:",
      "/agenda add Release plan",
      "",
      "```",
      "/agenda add not this",
      "```",
      "/agenda remove #12",
      "  /AGENDA",
    ].join("\r\n");
    expect(parseAgendaCommands(comment)).toEqual([
      { index: 0, line: 2, kind: "add", text: "Release plan" },
      { index: 1, line: 7, kind: "remove", target: { number: 12 } },
      { index: 2, line: 8, kind: "help" },
    ]);
  });

  it("takes the text from its own line only", () => {
    expect(parseAgendaCommands("/agenda add first\nsecond line\n/agenda add")).toEqual([
      { index: 0, line: 1, kind: "add", text: "first" },
      { index: 1, line: 3, kind: "add", text: "" },
    ]);
  });

  it("keeps a hard line break out of the text", () => {
    expect(strip(parseAgendaCommands("/agenda add first  \nmore"))).toEqual([{ kind: "add", text: "first" }]);
    expect(strip(parseAgendaCommands("/agenda add first\\\nmore"))).toEqual([{ kind: "add", text: "first\\" }]);
  });
});

describe("parseAgendaCommands: fuzz", () => {
  const pieces = fc.constantFrom(
    "/agenda", "/AGENDA ", "/agenda add ", "/agenda remove ", "--series", "=", "#12", " ", "   ", "\t", "\n", "\r\n", "\r",
    "`", "```", "~~~", "> ", "- ", "1. ", "<!--", "-->", "<div>", "*", "_", "[", "](x)", "\\", "|", "---", "text", "é", "\u2014",
  );
  const comment = fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }).map((parts) => parts.join(""));

  it("never throws, and every command is well-formed and starts a line of the comment", () => {
    fc.assert(
      fc.property(comment, (body) => {
        const commands = parseAgendaCommands(body);
        const lines = body.split(/\r\n|\r|\n/);
        commands.forEach((command, index) => {
          expect(command.index).toBe(index);
          expect(lines[command.line - 1]).toMatch(/^ {0,3}\/agenda(?=[ \t]|$)/i);
          if (command.kind === "add") expect(command.text).not.toMatch(/[\r\n]/);
          if (command.kind === "remove" && "text" in command.target) expect(command.target.text).not.toBe("");
        });
        const lineNumbers = commands.map((command) => command.line);
        expect([...lineNumbers].sort((a, b) => a - b)).toEqual(lineNumbers);
        expect(new Set(lineNumbers).size).toBe(lineNumbers.length);
      }),
      { numRuns: propertyRuns(2000) },
    );
  });
});

describe("inlineCode", () => {
  it.each([
    ["foo", "`foo`"],
    ["a`b", "``a`b``"],
    ["`x", "`` `x ``"],
    ["", "` `"],
    ["a\nb", "`a b`"],
  ])("%j → %j", (text, expected) => {
    expect(inlineCode(text)).toBe(expected);
  });
});
