import { MAX_ITEM_LENGTH } from "./agenda-item.js";

export interface AgendaHelpOptions {
  /** Every series of the repository, in configuration order. */
  seriesIds: readonly string[];
  /** The section items go to (of the series the command was for, or the default one). */
  section: string;
  /** The series used when a command names none; shown when there are several series. */
  defaultSeries?: string;
  /** What was wrong with the command, as Markdown (`AgendaCommand.problem`). */
  problem?: string;
}

/**
 * The reply to `/agenda`, `/agenda help` and commands we could not read: what went wrong (if
 * anything), the commands with one example each, the section they change, and `--series` when
 * the repository has several series.
 */
export function agendaHelp(options: AgendaHelpOptions): string {
  const lines: string[] = [];
  if (options.problem) lines.push(`Sorry, I could not follow that: ${options.problem}.`, "");
  lines.push(
    `\`/agenda\` puts items on the **${escapeMarkdown(options.section)}** list of the upcoming meeting. Write each command at the start of its own line:`,
    "",
    `- \`/agenda add Release 2.0 plan\`: add an item (one line, at most ${MAX_ITEM_LENGTH} characters)`,
    "- `/agenda add`: add this issue or pull request itself",
    "- `/agenda remove #123` or `/agenda remove Release 2.0 plan`: take an unchecked item off again",
    "- `/agenda help`: show this help",
  );
  if (options.seriesIds.length > 1) {
    const ids = options.seriesIds.map((id) => `\`${id}\``).join(", ");
    // The example names a series other than the default (the first, unless said otherwise), as one would.
    const usual = options.defaultSeries ?? options.seriesIds[0];
    const example = options.seriesIds.find((id) => id !== usual) ?? usual;
    const fallback = options.defaultSeries ? `items go to \`${options.defaultSeries}\`` : "items go to the default series";
    lines.push(
      "",
      `This repository has several meeting series: ${ids}. Choose one with \`--series\`, e.g. \`/agenda add --series ${example} Release 2.0 plan\`; without it, ${fallback}.`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Configured text shown as plain words: nothing in it can start Markdown or HTML. */
function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/[\\`*_[\]<>#|~!&]/g, "\\$&");
}
