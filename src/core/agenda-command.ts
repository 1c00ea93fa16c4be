import type { Root } from "mdast";
import { closestMatch } from "./closest-match.js";
import { commandLines, parseSeriesOption } from "./command-lines.js";
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
  return commandLines(commentBody, KEYWORD, tree).map(({ rest, line }, index) => ({ index, line, ...parseCommandLine(rest) }) as AgendaCommand);
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

  const options = parseSeriesOption(args, "/agenda add --series weekly Release plan");
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
