import type { DateTime } from "luxon";
import { formatMarker } from "../markers.js";
import { formatMeetingDate, formatMeetingTime } from "../time-zone-table.js";
import { MAX_ISSUE_BODY_LENGTH } from "../issue-body-limit.js";
import { fenced, formatSeriesPreview } from "../format-series-preview.js";
import type { SeriesPreview } from "../preview-series.js";
import type { InferredSetup } from "./infer-setup.js";
import { HISTORY_COMMAND } from "./meeting-history.js";
import { DEFAULT_CONFIG_PATH } from "../../config/parse-config.js";

export const ONBOARDING_TITLE = "Set up meeting-bot";
/** The hidden marker of the onboarding issue: one per repository, ever. */
export const ONBOARDING_MARKER = formatMarker({ onboarding: "setup" });
/** What a maintainer runs to do the same on their machine. */
const HISTORY_FILE_COMMAND = `${HISTORY_COMMAND} > meeting-history.json`;
export const INIT_COMMAND = "npx meeting-bot init --from meeting-history.json --write";
// Browsers and GitHub cope with long URLs, but not endless ones: a longer file is copied from the issue instead.
const MAX_LINK_LENGTH = 8_000;

export interface OnboardingInput {
  setup: InferredSetup;
  /** The first meeting issue the app would open with these files. */
  preview: SeriesPreview | null;
  /** The repository's web address (`https://github.com/owner/repo`) and default branch, for the "create new file" links. */
  htmlUrl: string;
  defaultBranch: string;
  now: DateTime;
}

/** A URL query value that can also stand in a Markdown link: parentheses encoded too. */
function inLink(value: string): string {
  return encodeURIComponent(value).replace(/\(/g, "%28").replace(/\)/g, "%29");
}

function opens(preview: SeriesPreview, now: DateTime): string {
  if (preview.createAt <= now) return "as soon as they are on the default branch";
  return `on ${formatMeetingDate(preview.createAt)}, ${formatMeetingTime(preview.createAt)}`;
}

/**
 * The "Set up meeting-bot" issue: what the history showed and why, each file with a link that
 * opens GitHub's "create new file" page prefilled (no permission needed: the person clicking
 * commits it), the first meeting issue as it would be created, and the same from a terminal.
 * Pure; the body stays within GitHub's limit (the preview's body goes first, then the template's text).
 */
export function planOnboardingIssue(input: OnboardingInput): { title: string; body: string } {
  const { setup } = input;
  const count = setup.meetings.length;
  const found = count === 0 ? "a meeting issue template" : `${count} past meeting issue${count === 1 ? "" : "s"}`;
  const files = setup.files.map((file, index) => ({ ...file, index: index + 1 }));
  const fileSection = (file: (typeof files)[number], withText: boolean) => {
    // A branch such as `release/main` keeps its slashes: GitHub reads the ref from the path, and `%2F` is no branch of it.
    const branch = input.defaultBranch.split("/").map(inLink).join("/");
    const url = `${input.htmlUrl}/new/${branch}?filename=${inLink(file.path)}&value=${inLink(file.content)}`;
    const linkable = url.length <= MAX_LINK_LENGTH;
    const lines = [`### ${file.index}. \`${file.path}\``, ""];
    if (linkable) lines.push(`**[Create \`${file.path}\`](${url})** (opens GitHub's editor with the file filled in)`, "");
    if (withText) {
      if (!linkable) lines.push(`\`${file.path}\` is too long for a link: create it with the text below.`, "");
      lines.push(fenced(file.content, file.path.endsWith(".yml") ? "yaml" : "markdown"));
    } else {
      lines.push(linkable ? "(The text is in the link; it is too long to repeat here.)" : "(Too long to show here or to put in a link: use the commands under *Or from a terminal*.)");
    }
    return lines.join("\n");
  };
  const body = (withPreviewBody: boolean, withTemplateText: boolean) =>
    [
      `meeting-bot is installed on this repository, and ${found} show${count === 1 ? "s" : ""} that the team meets here. Below is a setup made from that history: review it and add the file${files.length === 1 ? "" : "s"}, and meeting-bot opens each meeting issue on schedule, numbered and dated, with last meeting's unfinished items carried over.`,
      "",
      "Nothing happens until the files are on the default branch. **Not interested? Close this issue**: meeting-bot will not ask again.",
      "",
      `**How sure:** ${setup.confidence}. What the history says:`,
      "",
      ...setup.reasons.map((reason) => `- ${reason}`),
      "",
      ...(files.length > 1 ? ["Add the files in this order: the template first, so the configuration works the moment it lands.", ""] : []),
      ...files.flatMap((file) => [fileSection(file, file.path === DEFAULT_CONFIG_PATH || withTemplateText), ""]),
      "### The first meeting issue",
      "",
      ...(input.preview
        ? [`With these files, meeting-bot opens this issue ${opens(input.preview, input.now)}:`, "", formatSeriesPreview(input.preview, { body: withPreviewBody, bodyOpen: true }), ""]
        : ["(No preview: the files need a look first.)", ""]),
      "### Or from a terminal",
      "",
      "In a clone of this repository, with the [GitHub CLI](https://cli.github.com):",
      "",
      fenced(`${HISTORY_FILE_COMMAND}\n${INIT_COMMAND}`, "sh"),
      "",
      "Then commit the files it writes. `npx meeting-bot preview` shows the next meeting issue first.",
      "",
      "Once the configuration works on the default branch, meeting-bot closes this issue.",
      "",
      ONBOARDING_MARKER,
      "",
    ].join("\n");
  for (const [withPreviewBody, withTemplateText] of [[true, true], [false, true], [false, false]] as const) {
    const text = body(withPreviewBody, withTemplateText);
    if (text.length <= MAX_ISSUE_BODY_LENGTH) return { title: ONBOARDING_TITLE, body: text };
  }
  return { title: ONBOARDING_TITLE, body: body(false, false).slice(0, MAX_ISSUE_BODY_LENGTH - ONBOARDING_MARKER.length - 2) + `\n${ONBOARDING_MARKER}\n` };
}
