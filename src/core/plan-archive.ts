import type { DateTime } from "luxon";
import { stringify } from "yaml";
import type { ArchiveConfig } from "../config/archive-schema.js";
import type { SeriesConfig } from "../config/schema.js";
import { formatDateAs } from "./date-placeholder.js";
import type { IssueTemplate } from "./issue-template.js";
import { formatMeetingNumber, parseMeetingNumber } from "./meeting-number.js";
import { titleTemplate } from "./plan-meeting-issue.js";
import { PLACEHOLDERS, renderPlaceholders, type RenderValues } from "./render-placeholders.js";

/** The archive path renders to something that is no file in the repository (a date format with `..`, say). */
export class ArchiveError extends Error {
  override readonly name = "ArchiveError";
}

export interface ArchiveInput {
  series: SeriesConfig & { archive: ArchiveConfig };
  template: IssueTemplate;
  issue: { number: number; title: string; body: string; htmlUrl: string };
  /** The meeting's start, in the series zone (from the issue's hidden marker). */
  start: DateTime;
  /** The issue's comments to keep (with `archive.comments`), oldest first. */
  comments?: ReadonlyArray<{ author: string; createdAt: DateTime; body: string }>;
}

export interface ArchivePlan {
  path: string;
  content: string;
  /** The commit message (and the pull request's title). */
  message: string;
}

// Well-formed markers only (as formatMarker writes them); a defused copy stays as text.
const MARKER = /[ \t]*<!--\s*meeting-bot:[A-Za-z0-9._:+=\s-]*?-->/g;

/**
 * The file a closed meeting issue is archived to: `archive.path` rendered for this meeting, and
 * its content: the template's front matter with the issue's own title, then the final body (the
 * app's hidden markers left out), then, with `archive.comments`, the comments. Pure: the same
 * issue gives the same bytes, which is how the app knows an archive is already up to date.
 */
export function planArchive(input: ArchiveInput): ArchivePlan {
  const { series, template, issue } = input;
  const meeting = parseMeetingNumber(issue.title, titleTemplate(series, template));
  const values = {
    ...(Object.fromEntries(PLACEHOLDERS.map((placeholder) => [placeholder.name, ""])) as unknown as RenderValues),
    number: meeting ? formatMeetingNumber(meeting.number, meeting.width) : String(issue.number),
    formatDate: (format: string) => formatDateAs(input.start, format),
  };
  const path = renderPlaceholders(series.archive.path, values, { path: "archive.path" }).trim();
  const segments = path.split("/");
  if (path.startsWith("/") || segments.some((segment) => segment === "" || segment === "." || segment === ".." || segment.length > 255) || /[\u0000-\u001f\\]/.test(path)) {
    throw new ArchiveError(`archive.path ${JSON.stringify(series.archive.path)} gives ${JSON.stringify(path)} for ${issue.title}, which is no file in the repository: fix its date format`);
  }

  const front: Record<string, unknown> = {};
  if (template.name !== undefined) front.name = template.name;
  if (template.about !== undefined) front.about = template.about;
  front.title = issue.title;
  if (template.labels.length > 0) front.labels = template.labels;
  if (template.assignees.length > 0) front.assignees = template.assignees;
  const eol = issue.body.includes("\r\n") ? "\r\n" : "\n";
  // The body as it is (hard line breaks' trailing spaces included), without the markers and blank edges.
  const body = issue.body.replace(MARKER, "").replace(/^(\r?\n)+/, "").replace(/(\r?\n)*$/, "");
  const parts = [`---${eol}${stringify(front).trimEnd().replace(/\n/g, eol)}${eol}---${eol}${eol}${body}${eol}`];
  if (input.comments && input.comments.length > 0) {
    const comments = input.comments.map((comment) => `**@${comment.author}** · ${comment.createdAt.toUTC().toFormat("yyyy-MM-dd HH:mm 'UTC'")}${eol}${eol}${comment.body.replace(MARKER, "").trim()}${eol}`);
    parts.push(`${eol}## Comments${eol}${eol}${comments.join(eol)}`);
  }
  return { path, content: parts.join(""), message: `Archive ${issue.title} (#${issue.number})` };
}
