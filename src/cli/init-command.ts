import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { decideOnboarding } from "../core/setup/decide-onboarding.js";
import { inferSetup } from "../core/setup/infer-setup.js";
import { HISTORY_COMMAND, historyIssue, type HistoryIssue, type HistoryTemplate } from "../core/setup/meeting-history.js";
import type { CliIo } from "./cli-io.js";
import { CliError } from "./cli-error.js";
import { parseNow } from "./parse-now.js";
import { readInputFile } from "./read-input-file.js";

const USAGE = "usage: meeting-bot init --from FILE [--write] [--json] [--now ISO-8601]";
const TEMPLATES = ".github/ISSUE_TEMPLATE";

/**
 * `meeting-bot init --from FILE`: infer `.github/meeting-bot.yml` and a meeting template from the
 * team's past meeting issues (FILE as `gh issue list --json …` prints it) and the issue templates
 * under .github/ISSUE_TEMPLATE here. Prints the reasons and both files; `--write` writes them,
 * never over a file that exists with other content.
 */
export async function initCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: "string" }, write: { type: "boolean", default: false }, json: { type: "boolean", default: false }, now: { type: "string" } },
  });
  if (positionals.length > 0 || values.from === undefined) {
    throw new CliError(`${USAGE}\n  make FILE with: ${HISTORY_COMMAND} > FILE`, 2);
  }
  const issues = parseHistory(await readInputFile(io.cwd, values.from, "history"), values.from);
  const now = parseNow(values.now);
  const setup = inferSetup({ issues, templates: await readTemplates(io.cwd) });
  // What the app would do on its own (you asked, so the files are proposed either way).
  const decision = decideOnboarding(setup, now);
  const onboarding = decision.offer ? { offer: true } : { offer: false, why: decision.why };

  if (values.json) {
    const { confidence, signals, reasons, meetings, label, templatePath, files } = setup;
    io.stdout.write(`${JSON.stringify({ confidence, signals, onboarding, reasons, meetings, label, templatePath, files }, null, 2)}\n`);
  } else if (setup.confidence !== "none") {
    const count = setup.meetings.length;
    io.stdout.write(`meeting-bot init: ${count === 0 ? "a meeting template" : `${count} meeting issue${count === 1 ? "" : "s"}`} found; confidence: ${setup.confidence}\n\n`);
    io.stdout.write(`Why:\n${setup.reasons.map((reason) => `  - ${reason}\n`).join("")}\n`);
    if (!decision.offer) io.stdout.write(`The app would not open an onboarding issue for this history on its own: ${decision.why}\n\n`);
    for (const file of setup.files) io.stdout.write(`==> ${file.path} <==\n${file.content}\n`);
  }
  if (setup.confidence === "none") {
    if (!values.json) io.stderr.write(`meeting-bot: ${setup.reasons.join(" ")} Nothing to set up from ${values.from}.\n`);
    return 1;
  }
  if (!values.write) return 0;

  for (const file of setup.files) {
    const target = resolve(io.cwd, file.path);
    const existing = await readFile(target, "utf8").catch(() => null);
    if (existing !== null && existing !== file.content) {
      throw new CliError(`${file.path} exists already; meeting-bot init never overwrites a file: move it away, or compare it with the output of meeting-bot init --from ${values.from}`);
    }
  }
  for (const file of setup.files) {
    const target = resolve(io.cwd, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
    io.stderr.write(`meeting-bot: wrote ${file.path}\n`);
  }
  io.stderr.write("meeting-bot: next, check the first issue with `npx meeting-bot preview`, then commit the files\n");
  return 0;
}

function parseHistory(text: string, file: string): HistoryIssue[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON (${(error as Error).message}); make it with: ${HISTORY_COMMAND} > ${file}`);
  }
  if (!Array.isArray(raw)) throw new CliError(`${file} is not a list of issues; make it with: ${HISTORY_COMMAND} > ${file}`);
  try {
    return raw.map((item, index) => historyIssue(item, index)).filter((issue): issue is HistoryIssue => issue !== null);
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}; make it with: ${HISTORY_COMMAND} > ${file}`);
  }
}

/** The Markdown issue templates of the repository in `cwd`, if any. */
async function readTemplates(cwd: string): Promise<HistoryTemplate[]> {
  const names = await readdir(resolve(cwd, TEMPLATES)).catch(() => [] as string[]);
  const templates: HistoryTemplate[] = [];
  for (const name of names.filter((entry) => entry.toLowerCase().endsWith(".md")).sort()) {
    const path = `${TEMPLATES}/${name}`;
    const text = await readFile(resolve(cwd, path), "utf8").catch(() => null);
    if (text !== null) templates.push({ path, text });
  }
  return templates;
}
