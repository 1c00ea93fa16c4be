import type { Heading, Paragraph, Root } from "mdast";
import { closestMatch } from "./closest-match.js";
import { parseMarkdown } from "./markdown.js";

/** What `/agenda remove` points at: an item starting with `#123`, or an item's text. */
export type AgendaTarget = { number: number } | { text: string };

/** Where a command was written: its place among the comment's commands, and its line. */
interface CommandPlace {
  /** 0-based among the commands of the comment (part of the marker that makes an add idempotent). */
  index: number;
  /** 1-based line of the comment, for messages. */
  line: number;
}

/**
 * One `/agenda` command. `help` with a `problem` is a command we could not understand; the
 * problem is a Markdown sentence safe to post (user input in it is quoted as inline code).
 */
export type AgendaCommand =
  | (CommandPlace & { kind: "help"; problem?: string })
  | (CommandPlace & { kind: "add"; series?: string; text: string })
  | (CommandPlace & { kind: "remove"; series?: string; target: AgendaTarget });

export const AGENDA_SUBCOMMANDS = ["add", "remove", "help"] as const;

// `/agenda` at the start of a line (after up to 3 spaces), followed by whitespace or the line's end.
const KEYWORD = /^\/agenda(?=[ \t\r\n]|$)/i;
const INDENT = /^ {0,3}/;
// Phones turn `--` into an en or em dash; accept those too.
const SERIES_OPTION = /^(?:--|\u2013|\u2014)series(?:=(\S*)|(?=\s|$))\s*/i;
const NUMBER_TARGET = /^#(\d{1,15})$/;

/**
 * Every `/agenda` command in a comment, in order.
 *
 * A command is one line that starts (after up to 3 spaces) with `/agenda` inside a top-level
 * paragraph (or a paragraph underlined into a setext heading): lines in code blocks, inline code,
 * quotes, lists, tables, HTML and HTML comments are never commands, so people can quote and
 * discuss the syntax freely. A command never spans lines;
 * its text is the rest of its line.
 *
 *     /agenda | /agenda help            → help
 *     /agenda add [--series id] [text]  → add (empty text: add this issue or PR itself)
 *     /agenda remove [--series id] <#123 | text>
 *
 * Keyword, subcommand and option are case-insensitive; `--series=id` works too.
 */
export function parseAgendaCommands(commentBody: string, tree: Root = parseMarkdown(commentBody)): AgendaCommand[] {
  const places = commandStarts(commentBody, tree);
  return places.map(({ offset, line }, index) => {
    const lineEnd = commentBody.slice(offset).search(/\r|\n|$/);
    const rest = commentBody.slice(offset, offset + lineEnd).replace(KEYWORD, "").trim();
    return { index, line, ...parseCommandLine(rest) } as AgendaCommand;
  });
}

type ParsedLine =
  | { kind: "help"; problem?: string }
  | { kind: "add"; series?: string; text: string }
  | { kind: "remove"; series?: string; target: AgendaTarget };

/** What follows `/agenda` on a line (trimmed), as a command. */
function parseCommandLine(rest: string): ParsedLine {
  if (rest === "") return { kind: "help" };
  const word = rest.split(/\s/, 1)[0] ?? "";
  const subcommand = word.toLowerCase();
  const args = rest.slice(word.length).trim();
  if (subcommand === "help") return { kind: "help" };
  if (subcommand !== "add" && subcommand !== "remove") {
    const guess = closestMatch(subcommand, AGENDA_SUBCOMMANDS);
    const hint = guess ? `; did you mean ${inlineCode(`/agenda ${guess}`)}?` : "";
    return { kind: "help", problem: `unknown subcommand ${inlineCode(word)}${hint}` };
  }

  const options = parseOptions(args);
  if ("problem" in options) return { kind: "help", problem: options.problem };
  const series = options.series === undefined ? {} : { series: options.series };
  if (subcommand === "add") return { kind: "add", ...series, text: options.text };

  if (options.text === "") {
    return {
      kind: "help",
      problem: "say what to remove: an issue number (`/agenda remove #123`) or the item's text (`/agenda remove Release plan`)",
    };
  }
  const number = NUMBER_TARGET.exec(options.text);
  const target: AgendaTarget = number ? { number: Number(number[1]) } : { text: options.text };
  return { kind: "remove", ...series, target };
}

/** Leading `--series id` / `--series=id`; the rest is the text. */
function parseOptions(args: string): { series?: string; text: string } | { problem: string } {
  let rest = args;
  let series: string | undefined;
  for (let option = SERIES_OPTION.exec(rest); option; option = SERIES_OPTION.exec(rest)) {
    rest = rest.slice(option[0].length);
    let value = option[1];
    if (value === undefined) {
      const next = /^(\S+)\s*/.exec(rest);
      value = next?.[1];
      rest = rest.slice(next?.[0].length ?? 0);
    }
    if (!value) return { problem: "`--series` needs a series id, e.g. `/agenda add --series weekly Release plan`" };
    value = value.toLowerCase();
    if (series !== undefined && series !== value) {
      return { problem: `\`--series\` is given twice (${inlineCode(series)} and ${inlineCode(value)}); name one series` };
    }
    series = value;
  }
  return series === undefined ? { text: rest.trim() } : { series, text: rest.trim() };
}

/**
 * Where commands start: the offset of each `/agenda` that begins a line of a top-level paragraph,
 * outside any inline construct (code, HTML, links, emphasis), with its 1-based line number.
 */
function commandStarts(body: string, tree: Root): { offset: number; line: number }[] {
  // A setext heading is a paragraph someone underlined (`---` right below the command): still a command.
  const paragraphs = tree.children.filter(
    (node): node is Paragraph | Heading =>
      node.type === "paragraph" || (node.type === "heading" && body[node.position?.start.offset ?? 0] !== "#"),
  );
  // Offsets covered by plain text directly in a paragraph: the only place a command may begin.
  const texts = paragraphs.flatMap((paragraph) =>
    paragraph.children.flatMap((child) =>
      child.type === "text" && child.position ? [[child.position.start.offset ?? 0, child.position.end.offset ?? 0] as const] : [],
    ),
  );
  const starts: { offset: number; line: number }[] = [];
  let line = 1;
  let textIndex = 0;
  for (const match of body.matchAll(/[^\r\n]*(\r\n|\r|\n|$)/g)) {
    if (match.index >= body.length && match[0] === "") break;
    const offset = match.index + (INDENT.exec(match[0])?.[0].length ?? 0);
    if (KEYWORD.test(body.slice(offset, offset + 8))) {
      // Text ranges come in document order, as do lines.
      while (textIndex < texts.length && (texts[textIndex]?.[1] ?? 0) <= offset) textIndex += 1;
      const text = texts[textIndex];
      if (text && text[0] <= offset) starts.push({ offset, line });
    }
    line += 1;
  }
  return starts;
}

/** `text` as Markdown inline code, cut to `max` characters: shown literally, never pings or links. */
export function inlineCode(text: string, max = 40): string {
  const chars = [...text.replace(/[\r\n]+/g, " ")];
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
  const longestRun = Math.max(0, ...[...cut.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longestRun + 1);
  if (cut.trim() === "") return "` `";
  const pad = cut.startsWith("`") || cut.endsWith("`") ? " " : "";
  return `${fence}${pad}${cut}${pad}${fence}`;
}
