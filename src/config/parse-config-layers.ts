import { ConfigError, type ConfigProblem } from "./config-error.js";
import { readConfigYaml, validateConfigValue, type KeyPath, type LineOf } from "./parse-config.js";
import { DEFAULT_CARRY_OVER, DEFAULT_TEMPLATE, type MeetingBotConfig } from "./schema.js";

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
  | {
      ok: false;
      problems: LocatedProblem[];
      /**
       * The templates the files name as written, read even though the configuration does not
       * validate, so a check can report their problems too (every problem at once). Empty when
       * the repository's own file is not YAML.
       */
      templates: NamedTemplate[];
    };

/** A template a series names in the raw configuration, and where. */
export interface NamedTemplate {
  /** The template's path in the repository (the default when the series names none). */
  path: string;
  /** Where the name is written (or the series, for the default). */
  file: string;
  line?: number;
  /** The series' `title`, when it sets one as text (the template's own title is then not used). */
  title?: string;
  /** The series' `carryOver` section names (the default when it sets none); undefined when written wrongly. */
  carryOver?: string[];
  /** The series' id as written, else its key path (`series[1]`). */
  series: string;
  /** The setting's key path, as problems name it: `series[1].template`, or `template`. */
  key: string;
}

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
  const own = read[0];
  if (problems.length > 0 || !own) {
    const templates = own && own.file === layers[0]?.file ? namedTemplates(read) : [];
    if (problems.length > 0) return { ok: false, problems, templates };
    return { ok: false, problems: [{ file: layers[0]?.file ?? "", path: "", message: "is empty", hint: "add at least a `series` entry" }], templates };
  }
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
    return { ok: false, problems: error.problems.map((problem) => ({ ...problem, file: ownerOf(topKey(problem.path)).file })), templates: namedTemplates(read) };
  }
}

type ReadLayer = { file: string; value: Record<string, unknown>; lineOf: LineOf };

/**
 * The templates each series names, from the raw files (nearest file's top-level key wins, as when
 * merging): `series[i].template`, or `template` in a one-series file; the default for a series that
 * names none. Whatever else is wrong with the configuration.
 */
function namedTemplates(read: readonly ReadLayer[]): NamedTemplate[] {
  const owner = (key: string) => read.find((layer) => Object.hasOwn(layer.value, key));
  const seriesLayer = owner("series");
  const entries: Array<{ value: unknown; layer: ReadLayer | undefined; path: KeyPath; series: string }> = seriesLayer
    ? (Array.isArray(seriesLayer.value.series) ? seriesLayer.value.series : []).map((value, index) => ({ value, layer: seriesLayer, path: ["series", index], series: `series[${index}]` }))
    : [{ value: Object.fromEntries(["id", "template", "title", "carryOver"].flatMap((key) => (owner(key) ? [[key, owner(key)?.value[key]]] : []))), layer: undefined, path: [], series: "the series" }];
  const found: NamedTemplate[] = [];
  for (const entry of entries) {
    if (typeof entry.value !== "object" || entry.value === null || Array.isArray(entry.value)) continue;
    const settings = entry.value as Record<string, unknown>;
    const path = typeof settings.template === "string" && settings.template.trim() !== "" ? settings.template.trim() : DEFAULT_TEMPLATE;
    const layer = entry.layer ?? owner("template") ?? read[0];
    if (!layer) continue;
    const line = layer.lineOf([...entry.path, ...(typeof settings.template === "string" ? ["template"] : [])], true);
    const carryOver = sectionNames(settings.carryOver);
    found.push({
      path,
      file: layer.file,
      ...(line === undefined ? {} : { line }),
      ...(typeof settings.title === "string" ? { title: settings.title } : {}),
      ...(carryOver ? { carryOver } : {}),
      series: typeof settings.id === "string" ? settings.id : entry.series,
      key: entry.path.length === 0 ? "template" : `${entry.series}.template`,
    });
  }
  return found;
}

/** `series[0].schedule.time` → `series`; `` → undefined. */
function topKey(path: string): string | undefined {
  const key = /^[^.[]+/.exec(path)?.[0];
  return key === undefined || key === "" ? undefined : key;
}

/** `carryOver` as section names: the list, or its `sections`; the default when absent. */
function sectionNames(value: unknown): string[] | undefined {
  if (value === undefined) return [...DEFAULT_CARRY_OVER];
  const list = Array.isArray(value) ? value : typeof value === "object" && value !== null ? ((value as { sections?: unknown }).sections ?? [...DEFAULT_CARRY_OVER]) : undefined;
  return Array.isArray(list) && list.every((name) => typeof name === "string") ? (list as string[]) : undefined;
}
