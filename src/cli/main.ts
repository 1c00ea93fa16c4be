import { ConfigError } from "../config/config-error.js";
import { PLACEHOLDERS } from "../core/render-placeholders.js";
import { ScheduleError } from "../core/schedule.js";
import { TemplateError } from "../core/template-error.js";
import type { CliIo } from "./cli-io.js";
import { CliError } from "./cli-error.js";
import { extractCommand } from "./extract-command.js";
import { initCommand } from "./init-command.js";
import { nextCommand } from "./next-command.js";
import { previewCommand } from "./preview-command.js";

export type { CliIo } from "./cli-io.js";

const HELP = `meeting-bot: weekly meeting issues from your issue template, offline.

Commands:
  extract FILE [--sections "Action Items,Open Discussion"] [--collect [--config FILE] [--series ID]]
      Print the items of the named sections of a meeting issue as JSON; --collect: the calls to
      action (TODO:, [TODO], NEXT WEEK MEETING: …) the next meeting would collect from it.
  preview [--config FILE] [--series ID] [--template FILE] [--previous FILE]
          [--previous-title TITLE] [--previous-number N] [--now ISO-8601] [--json]
      Print the next meeting issue (title, labels, body) as the app would create it.
  next [--config FILE] [--series ID] [--count N] [--issue FILE]... [--now ISO-8601] [--json]
      Print the next N meetings in the meeting's time zone and every configured zone, and the
      skipped dates between them; --issue reads the skips and moves /meeting recorded in a
      meeting issue's body (the series' newest issue holds them all).
  init --from FILE [--write] [--json]
      Infer .github/meeting-bot.yml and a meeting template from past meeting issues
      (FILE: gh issue list --state all --limit 200 --json number,title,body,createdAt,labels,author)
      and print them with the reasons; --write writes them.

The config defaults to .github/meeting-bot.yml in the current directory.

Template placeholders:
${PLACEHOLDERS.map((placeholder) => `  {{${placeholder.name}}}  ${placeholder.description}`).join("\n")}
  {{date:FORMAT}}  the meeting date in a luxon format, e.g. {{date:yyyy-MM-dd}}

Set MEETING_BOT_DEBUG=1 to see stack traces.
`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  extract: extractCommand,
  preview: previewCommand,
  next: nextCommand,
  init: initCommand,
};

/** Run the CLI; returns the exit code. Known problems print one clear line, never a stack trace. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr.write(`meeting-bot: unknown command "${command}"; run meeting-bot --help\n`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof CliError) {
    io.stderr.write(`meeting-bot: ${error.message}\n`);
    return error.exitCode;
  }
  // node:util parseArgs: unknown flag, missing value.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
    io.stderr.write(`meeting-bot: ${(error as Error).message}; run meeting-bot --help\n`);
    return 2;
  }
  if (error instanceof ConfigError || error instanceof TemplateError || error instanceof ScheduleError) {
    io.stderr.write(`meeting-bot: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`meeting-bot: unexpected error: ${message}\n`);
  if (io.env.MEETING_BOT_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
  else io.stderr.write("meeting-bot: set MEETING_BOT_DEBUG=1 for the stack trace, and please report it\n");
  return 1;
}
