import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { DEFAULT_CONFIG_PATH, parseConfig, validateConfig } from "../config/parse-config.js";
import type { MeetingBotConfig, SeriesConfig } from "../config/schema.js";
import type { CliIo } from "./cli-io.js";
import { CliError } from "./cli-error.js";
import { readInputFile } from "./read-input-file.js";

/**
 * Read the config (`--config`, else `.github/meeting-bot.yml` here) and pick a series (`--series`,
 * else the default). With `defaults` and no config file at all, the default config is used, and
 * stderr says so (a template can be previewed before any config is written).
 */
export async function loadSeries(
  io: CliIo,
  options: { config?: string | undefined; series?: string | undefined; defaults?: boolean },
): Promise<{ config: MeetingBotConfig; series: SeriesConfig; configPath: string }> {
  const configPath = options.config ?? DEFAULT_CONFIG_PATH;
  let config: MeetingBotConfig;
  if (options.config === undefined && !(await exists(resolve(io.cwd, configPath)))) {
    if (!options.defaults) {
      throw new CliError(`no ${DEFAULT_CONFIG_PATH} in ${io.cwd}; pass --config FILE (examples/meeting-bot.yml is a complete example)`);
    }
    config = validateConfig({}, "(the default config)");
    const [series] = config.series as [SeriesConfig];
    io.stderr.write(
      `meeting-bot: note: no ${DEFAULT_CONFIG_PATH} in ${io.cwd}; using the default config (one series, every ${WEEKDAYS[series.schedule.weekday - 1] ?? "week"} at ${series.schedule.time} ${series.schedule.timezone}). Pass --config FILE to use yours.\n`,
    );
  } else {
    config = parseConfig(await readInputFile(io.cwd, configPath, "config"), configPath);
  }
  const series =
    options.series === undefined
      ? (config.series.find((candidate) => candidate.default) ?? config.series[0])
      : config.series.find((candidate) => candidate.id === options.series);
  if (!series) {
    const ids = config.series.map((candidate) => candidate.id).join(", ");
    throw new CliError(`${configPath} has no series "${options.series}"; its series are: ${ids}`);
  }
  return { config, series, configPath };
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
