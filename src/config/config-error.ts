/** One thing wrong in a configuration file, located by key path (and YAML line when known). */
export interface ConfigProblem {
  /** Key path in the file, e.g. `series[0].schedule.timezone`; "" for the file as a whole. */
  path: string;
  message: string;
  /** How to fix it. */
  hint?: string;
  line?: number;
  column?: number;
}

/**
 * A configuration that cannot be used, with every problem found (not just the first), so one
 * edit can fix them all. The message is a readable list:
 *
 *     .github/meeting-bot.yml has 2 problems:
 *       - series[0].schedule.timezone (line 7): unknown time zone "Europe/Berln"; use an IANA name such as "Europe/Berlin"
 *       - series[0].schedule.time (line 6): "25:00" is not a time; write HH:mm in 24-hour form, e.g. "20:30"
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";

  constructor(
    /** The configuration file, e.g. `.github/meeting-bot.yml`. */
    readonly file: string,
    readonly problems: ConfigProblem[],
    /** A one-line summary to use instead of the list (YAML syntax errors, an empty file). */
    summary?: string,
  ) {
    super(summary ?? formatProblems(file, problems));
  }
}

export function formatProblem(problem: ConfigProblem): string {
  const where = problem.path === "" ? "(top level)" : problem.path;
  const line = problem.line === undefined ? "" : ` (line ${problem.line})`;
  const hint = problem.hint === undefined ? "" : `; ${problem.hint}`;
  return `${where}${line}: ${problem.message}${hint}`;
}

export function formatProblems(file: string, problems: ConfigProblem[]): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return [`${file} has ${count}:`, ...problems.map((problem) => `  - ${formatProblem(problem)}`)].join("\n");
}
