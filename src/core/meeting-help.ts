/**
 * The reply to `/meeting`, `/meeting help` and `/meeting` commands we could not read: what went
 * wrong (if anything), each command with an example, and `--series` when there are several series.
 */
export function meetingHelp(options: { seriesIds: readonly string[]; timezone: string; problem?: string }): string {
  const lines: string[] = [];
  if (options.problem) lines.push(`Sorry, I could not follow that: ${options.problem}.`, "");
  lines.push(
    `\`/meeting\` changes one meeting of the series, not the schedule in \`.github/meeting-bot.yml\`. Dates and times are in the series' time zone (${options.timezone.replace(/[`\\]/g, "")}). Write each command at the start of its own line:`,
    "",
    "- `/meeting skip` or `/meeting skip 2026-12-25`: the upcoming meeting (or the one on that date) does not take place; its open items move to the next meeting",
    "- `/meeting unskip` or `/meeting unskip 2026-12-25`: it takes place after all",
    "- `/meeting cancel`: on a meeting's issue, skip that meeting",
    "- `/meeting move 2026-12-24` or `/meeting move 2026-12-24 18:00`: this meeting only moves (the upcoming one, or the one whose issue this is), before the next regular meeting",
    "- `/meeting calendar`: the link to subscribe to the series' calendar",
    "- `/meeting help`: show this help",
  );
  if (options.seriesIds.length > 1) {
    const ids = options.seriesIds.map((id) => `\`${id}\``).join(", ");
    lines.push("", `This repository has several meeting series: ${ids}. Choose one with \`--series\`, e.g. \`/meeting skip --series ${options.seriesIds[1] ?? options.seriesIds[0]}\`; without it, the default series.`);
  }
  return `${lines.join("\n")}\n`;
}
