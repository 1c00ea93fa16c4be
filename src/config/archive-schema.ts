import { z } from "zod";
import { dateFormatOf } from "../core/date-placeholder.js";
import { findPlaceholders } from "../core/render-placeholders.js";

export const DEFAULT_ARCHIVE_PATH = "meetings/{{date:yyyy-MM-dd}}.md";

/** What a path template may use: values that name one meeting and fit in a file name. */
const PATH_PLACEHOLDERS = "{{date:FORMAT}} (e.g. {{date:yyyy-MM-dd}}) or {{number}}";

/**
 * `archive:` of a series (opt-in): where a closed meeting issue is written as a Markdown file, and how.
 * Only placeholders that name one meeting are allowed in the path, and at least one is required:
 * a path without one would overwrite the same file every week.
 */
export const archiveSchema = z
  .strictObject({
    path: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(200, "must be at most 200 characters")
      .superRefine((value, ctx) => {
        const hint = (text: string) => ({ code: "custom" as const, message: text });
        if (value.startsWith("/") || value.includes("\\") || value.split("/").some((segment) => segment === ".." || segment === "." || segment === "")) {
          ctx.addIssue({ ...hint(`${JSON.stringify(value)} is not a path inside the repository`), params: { hint: `write it relative to the repository root, e.g. "${DEFAULT_ARCHIVE_PATH}"` } });
          return;
        }
        const uses = findPlaceholders(value);
        for (const use of uses) {
          if (use.name === "number" || dateFormatOf(use.name) !== undefined) continue;
          const better = use.name === "date" ? "{{date}} has commas and spaces, write {{date:yyyy-MM-dd}}; " : "";
          ctx.addIssue({ ...hint(`{{${use.name}}} cannot be used in the archive path`), params: { hint: `${better}the path may use ${PATH_PLACEHOLDERS}` } });
        }
        if (uses.length === 0) {
          ctx.addIssue({ ...hint("the path names the same file for every meeting"), params: { hint: `add ${PATH_PLACEHOLDERS}, e.g. "${DEFAULT_ARCHIVE_PATH}"` } });
        }
      })
      .default(DEFAULT_ARCHIVE_PATH)
      .describe("Where each closed meeting is written, relative to the repository root; {{date:FORMAT}} (luxon tokens) and {{number}} name the meeting."),
    via: z
      .enum(["commit", "pull-request"])
      .default("commit")
      .describe('"commit": straight to the default branch; "pull-request": on a branch, with a pull request to merge.'),
    comments: z.boolean().default(false).describe("Also write the issue's comments (not the app's own) after the body."),
  })
  .describe("Opt-in: write each closed meeting issue to a file in the repository. Needs `contents: write` (and `pull_requests: write` for pull requests).");

export type ArchiveConfig = z.output<typeof archiveSchema>;
