import { parseArgs } from "node:util";
import { extractSections } from "../core/extract-sections.js";
import { parseIssueTemplate } from "../core/issue-template.js";
import type { CliIo } from "./cli-io.js";
import { CliError } from "./cli-error.js";
import { readInputFile } from "./read-input-file.js";

const DEFAULT_SECTIONS = ["Action Items", "Open Discussion"];

/**
 * `meeting-bot extract FILE [--sections "Action Items,Open Discussion"]`: print the items of the
 * named sections as JSON, one key per section (an empty list when the section is missing).
 */
export async function extractCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { sections: { type: "string" } },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    throw new CliError("usage: meeting-bot extract FILE [--sections \"Action Items,Open Discussion\"]", 2);
  }
  const names = values.sections === undefined ? DEFAULT_SECTIONS : splitList(values.sections);
  if (names.length === 0) throw new CliError('--sections is empty; write e.g. --sections "Action Items,Open Discussion"', 2);

  const text = await readInputFile(io.cwd, file, "file");
  // A file saved from an issue template starts with front matter; an issue body does not.
  const body = parseIssueTemplate(text, file).body;
  io.stdout.write(`${JSON.stringify(extractSections(body, names), null, 2)}\n`);
  return 0;
}

export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
}
