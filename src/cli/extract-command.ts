import { parseArgs } from "node:util";
import { extractSections } from "../core/extract-sections.js";
import { toSectionItem } from "../core/extract-items.js";
import { findCallsToAction } from "../core/find-calls-to-action.js";
import { parseIssueTemplate } from "../core/issue-template.js";
import type { CliIo } from "./cli-io.js";
import { CliError } from "./cli-error.js";
import { loadSeries } from "./load-series.js";
import { readInputFile } from "./read-input-file.js";

const DEFAULT_SECTIONS = ["Action Items", "Open Discussion"];

const USAGE = 'usage: meeting-bot extract FILE [--sections "Action Items,Open Discussion"] [--collect [--config FILE] [--series ID]]';

/**
 * `meeting-bot extract FILE [--sections "Action Items,Open Discussion"]`: print the items of the
 * named sections as JSON, one key per section (an empty list when the section is missing).
 * With `--collect`: the calls to action the series' `collect` rules would take from FILE into the
 * next meeting instead, one key per target section (the carried sections are left to the carry).
 */
export async function extractCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { sections: { type: "string" }, collect: { type: "boolean", default: false }, config: { type: "string" }, series: { type: "string" } },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new CliError(USAGE, 2);
  if (!values.collect && (values.config !== undefined || values.series !== undefined)) throw new CliError(`--config and --series go with --collect; ${USAGE}`, 2);
  if (values.collect) return collect(file, values, io);
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

/** `extract FILE --collect`: what the next meeting would collect from FILE, by target section. */
async function collect(file: string, values: { sections?: string | undefined; config?: string | undefined; series?: string | undefined }, io: CliIo): Promise<number> {
  const { series } = await loadSeries(io, { config: values.config, series: values.series, defaults: true });
  const carried = values.sections === undefined ? series.carryOver : splitList(values.sections);
  const body = parseIssueTemplate(await readInputFile(io.cwd, file, "file"), file).body;
  const targets = [...new Set(series.collect.map((rule) => rule.into))];
  const calls = findCallsToAction(body, series.collect, { exclude: carried }).filter((call) => !call.done);
  const json = Object.fromEntries(
    targets.map((into) => [
      into,
      calls
        .filter((call) => call.into === into)
        .map((call) => ({ ...toSectionItem(call.item), marker: call.marker, people: call.people, from: call.under })),
    ]),
  );
  io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  return 0;
}
