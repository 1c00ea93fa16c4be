import { ConfigError, type ConfigProblem } from "./config-error.js";
import { readConfigYaml, validateConfigValue, type KeyPath, type LineOf } from "./parse-config.js";
import type { MeetingBotConfig } from "./schema.js";

/** One file of a configuration: the repository's own, or one it `_extends` (nearest first). */
export interface ConfigLayer {
  /** How messages name it: `.github/meeting-bot.yml`, or `rust-lang/.github:meeting-bot/defaults.yml` in another repository. */
  file: string;
  text: string;
}

/** A problem, and the file it is in. */
export interface LocatedProblem extends ConfigProblem {
  file: string;
}

export type LayeredConfig =
  | {
      ok: true;
      config: MeetingBotConfig;
      /** The file and line of a key path (as far as it exists; else of its nearest parent). */
      locate: (path: KeyPath, preferKey?: boolean) => { file: string; line?: number };
      /** The key path of a setting of series `index`, as the file spells it (`series[1].template`, or `template` in a single-series file). */
      seriesPath: (index: number, ...keys: PropertyKey[]) => KeyPath;
    }
  | { ok: false; problems: LocatedProblem[] };

/**
 * Parse a configuration and the files it `_extends` the way Probot's config loader merges them
 * (top-level keys of nearer files replace those of farther ones; `_extends` itself is dropped),
 * and locate every problem in the file and on the line its key comes from. `layers[0]` is the
 * repository's own file.
 */
export function parseConfigLayers(layers: readonly ConfigLayer[]): LayeredConfig {
  const read: Array<{ file: string; value: Record<string, unknown>; lineOf: LineOf }> = [];
  const problems: LocatedProblem[] = [];
  for (const layer of layers) {
    try {
      const { value, lineOf } = readConfigYaml(layer.text, layer.file);
      if (value !== null && value !== undefined && (typeof value !== "object" || Array.isArray(value))) {
        problems.push({ file: layer.file, path: "", message: "expected `key: value` settings", hint: "start with `series:` (several series) or `schedule:` (one series)", line: lineOf([]) ?? 1 });
        continue;
      }
      const { _extends: _ignored, ...own } = (value ?? {}) as Record<string, unknown>;
      read.push({ file: layer.file, value: own, lineOf });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.map((problem) => ({ ...problem, file: layer.file })));
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const own = read[0];
  if (!own) return { ok: false, problems: [{ file: layers[0]?.file ?? "", path: "", message: "is empty", hint: "add at least a `series` entry" }] };
  // Each top-level key comes from the nearest file that has it.
  const ownerOf = (key: PropertyKey | undefined) => read.find((layer) => key !== undefined && Object.hasOwn(layer.value, key)) ?? own;
  const locate = (path: KeyPath, preferKey?: boolean) => {
    const layer = ownerOf(path[0]);
    const line = layer.lineOf(path, preferKey);
    return { file: layer.file, ...(line === undefined ? {} : { line }) };
  };
  const merged = Object.assign({}, ...[...read].reverse().map((layer) => layer.value)) as Record<string, unknown>;
  // A file of nothing but `_extends` and an empty base is an empty configuration.
  const value = Object.keys(merged).length === 0 && read.every((layer) => Object.keys(layer.value).length === 0) ? null : merged;
  try {
    const config = validateConfigValue(value, own.file, (path, preferKey) => locate(path, preferKey).line);
    const multi = Object.hasOwn(merged, "series");
    return { ok: true, config, locate, seriesPath: (index, ...keys) => (multi ? ["series", index, ...keys] : keys) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ok: false, problems: error.problems.map((problem) => ({ ...problem, file: ownerOf(topKey(problem.path)).file })) };
  }
}

/** `series[0].schedule.time` → `series`; `` → undefined. */
function topKey(path: string): string | undefined {
  const key = /^[^.[]+/.exec(path)?.[0];
  return key === undefined || key === "" ? undefined : key;
}
