import { neutralizeMarkers } from "./markers.js";
import { formatMeetingDate, formatMeetingTime, zoneTable } from "./time-zone-table.js";
import type { SeriesPreview } from "./preview-series.js";

/** A fence longer than any run of backticks in `text`, so the text shows exactly, whatever it holds. */
export function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return "`".repeat(longest + 1);
}

/** `text` in a fenced block of `language`, exactly. */
export function fenced(text: string, language: string): string {
  const marks = fence(text);
  return `${marks}${language}\n${text.replace(/\r\n?/g, "\n").replace(/\n?$/, "\n")}${marks}`;
}

/**
 * The preview of a series' next issue in Markdown, for a check run or the onboarding issue: title,
 * labels, the start in every configured zone, the next meetings with their creation times, and the
 * body exactly as it would be created (in a fenced block: what you see is what the issue will say;
 * its hidden marker is defused, so the issue showing it never passes for the meeting itself).
 */
export function formatSeriesPreview(preview: SeriesPreview, options: { heading?: string; bodyOpen?: boolean; body?: boolean } = {}): string {
  const { plan, occurrence, createAt } = preview;
  const when = (start: SeriesPreview["createAt"]) => `${formatMeetingDate(start)}, ${formatMeetingTime(start)}`;
  const labels = plan.labels.map((label) => `\`${label}\``).join(", ");
  const lines = [
    ...(options.heading ? [options.heading, ""] : []),
    `**${escapeMarkdown(plan.title)}**${labels ? ` · labels ${labels}` : ""}`,
    "",
    `Meets ${when(occurrence.start)}; its issue is due ${when(createAt)}.`,
    "",
    zoneTable(occurrence.start, preview.zones),
    "",
    `Next ${preview.upcoming.length} meetings:`,
    "",
    ...preview.upcoming.map(({ occurrence: next, createAt: opens }, index) => `${index + 1}. ${when(next.start)} (issue due ${when(opens)})`),
    ...(options.body === false ? [] : ["", `<details${options.bodyOpen ? " open" : ""}><summary>The issue body</summary>`, "", fenced(neutralizeMarkers(plan.body), "markdown"), "", "</details>"]),
  ];
  if (plan.warnings.length > 0) lines.push("", ...plan.warnings.map((warning) => `> Note: ${warning}`));
  return lines.join("\n");
}

/** Text that GitHub should show as written (a title), not as Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, "\\$&");
}
