import type { Root } from "mdast";
import { inlineCode } from "./agenda-command.js";
import { closestMatch } from "./closest-match.js";
import { commandLines, parseSeriesOption } from "./command-lines.js";
import { parseMarkdown } from "./markdown.js";

/**
 * One `/meeting` command. Dates are local dates of the series zone (`yyyy-MM-dd`), times
 * `HH:mm` (24-hour). `help` with a `problem` is a command we could not understand; the problem is
 * a Markdown sentence safe to post.
 */
export type MeetingCommand = { line: number } & (
  | { kind: "help"; problem?: string }
  | { kind: "skip"; series?: string; date?: string }
  | { kind: "unskip"; series?: string; date?: string }
  | { kind: "cancel"; series?: string }
  | { kind: "move"; series?: string; date: string; time?: string }
  | { kind: "calendar"; series?: string }
);

export const MEETING_SUBCOMMANDS = ["skip", "unskip", "move", "cancel", "calendar", "help"] as const;

const KEYWORD = /^\/meeting(?=[ \t\r\n]|$)/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/**
 * Every `/meeting` command in a comment, in order. Commands are read exactly as `/agenda`'s are
 * (see `commandLines`): one per line, at the start of a line of ordinary text.
 *
 *     /meeting | /meeting help
 *     /meeting skip [--series id] [yyyy-MM-dd]
 *     /meeting unskip [--series id] [yyyy-MM-dd]
 *     /meeting cancel [--series id]              (on a meeting issue)
 *     /meeting move [--series id] yyyy-MM-dd [HH:mm]
 *     /meeting calendar [--series id]
 */
export function parseMeetingCommands(commentBody: string, tree: Root = parseMarkdown(commentBody)): MeetingCommand[] {
  return commandLines(commentBody, KEYWORD, tree).map(({ rest, line }) => ({ line, ...parseLine(rest) }) as MeetingCommand);
}

type Parsed = MeetingCommand extends infer C ? (C extends { line: number } ? Omit<C, "line"> : never) : never;

function parseLine(rest: string): Parsed {
  if (rest === "") return { kind: "help" };
  const word = rest.split(/\s/, 1)[0] ?? "";
  const subcommand = word.toLowerCase();
  if (subcommand === "help") return { kind: "help" };
  if (!(MEETING_SUBCOMMANDS as readonly string[]).includes(subcommand)) {
    const guess = closestMatch(subcommand, MEETING_SUBCOMMANDS);
    const hint = guess ? `; did you mean ${inlineCode(`/meeting ${guess}`)}?` : "";
    return { kind: "help", problem: `unknown subcommand ${inlineCode(word)}${hint}` };
  }
  const options = parseSeriesOption(rest.slice(word.length).trim(), `/meeting ${subcommand} --series weekly`);
  if ("problem" in options) return { kind: "help", problem: options.problem };
  const series = options.series === undefined ? {} : { series: options.series };
  const args = options.text === "" ? [] : options.text.split(/\s+/);

  if (subcommand === "cancel" || subcommand === "calendar") {
    if (args.length > 0) return { kind: "help", problem: `${inlineCode(`/meeting ${subcommand}`)} takes no date; ${subcommand === "cancel" ? "write it on the meeting's issue, or use `/meeting skip yyyy-MM-dd`" : "write just `/meeting calendar`"}` };
    return { kind: subcommand, ...series };
  }
  if (subcommand === "skip" || subcommand === "unskip") {
    if (args.length > 1) return { kind: "help", problem: `${inlineCode(`/meeting ${subcommand}`)} takes one date at most, e.g. \`/meeting ${subcommand} 2026-12-25\`` };
    if (args.length === 0) return { kind: subcommand, ...series };
    const date = parseDate(args[0] as string);
    if (typeof date !== "string") return { kind: "help", problem: date.problem };
    return { kind: subcommand, ...series, date };
  }
  // move DATE [TIME]
  if (args.length === 0 || args.length > 2) return { kind: "help", problem: "say where to move the meeting: `/meeting move 2026-12-24` or `/meeting move 2026-12-24 18:00` (date and time in the series' time zone)" };
  const date = parseDate(args[0] as string);
  if (typeof date !== "string") return { kind: "help", problem: date.problem };
  if (args[1] === undefined) return { kind: "move", ...series, date };
  const time = TIME.exec(args[1]);
  if (!time) return { kind: "help", problem: `${inlineCode(args[1])} is not a time; write it as HH:mm in 24-hour form, e.g. \`18:00\`` };
  return { kind: "move", ...series, date, time: `${(time[1] as string).padStart(2, "0")}:${time[2] as string}` };
}

function parseDate(text: string): string | { problem: string } {
  const match = DATE.exec(text);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) return text;
  }
  return { problem: `${inlineCode(text)} is not a date; write it as yyyy-MM-dd, e.g. \`2026-12-25\`` };
}
