import { isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { z } from "zod";
import { closestMatch } from "../core/closest-match.js";
import { ConfigError, type ConfigProblem } from "./config-error.js";
import { shareParts } from "./share-parts.js";
import { configFileSchema, DEFAULT_SERIES_ID, defaultCollectRules, seriesSchema, type MeetingBotConfig, type SeriesConfig } from "./schema.js";

export const DEFAULT_CONFIG_PATH = ".github/meeting-bot.yml";

// A real config uses a handful of aliases at most; this bounds "billion laughs" expansion.
const MAX_ALIASES = 100;

export type KeyPath = ReadonlyArray<PropertyKey>;
export type LineOf = (path: KeyPath, preferKey?: boolean) => number | undefined;

/**
 * Parse and validate the YAML text of a configuration file. Throws a ConfigError listing every
 * problem, each with its key path, YAML line and a hint. `path` only labels messages.
 */
export function parseConfig(text: string, path = DEFAULT_CONFIG_PATH): MeetingBotConfig {
  const { value, lineOf: lineOfPath } = readConfigYaml(text, path);
  return validate(value, path, lineOfPath);
}

/**
 * The YAML of a configuration file, read once: its value and the line of any key path in it.
 * Throws a ConfigError for a syntax error or an alias bomb. `path` only labels messages.
 */
export function readConfigYaml(text: string, path = DEFAULT_CONFIG_PATH): { value: unknown; lineOf: LineOf } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    // Every syntax error, each at its line: a check run shows them all at once.
    const problems: ConfigProblem[] = doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return { path: "", message: `invalid YAML: ${error.message}`, line, column: col };
    });
    const [first] = problems as [ConfigProblem, ...ConfigProblem[]];
    throw new ConfigError(path, problems, `${path}:${first.line}:${first.column}: ${first.message}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const message = `invalid YAML: ${(error as Error).message}`;
    throw new ConfigError(path, [{ path: "", message }], `${path}: ${message}`);
  }
  return { value, lineOf: (keyPath, preferKey) => lineOf(doc, lineCounter, keyPath, preferKey) };
}

/**
 * Validate a parsed value, locating problems with `lineOfPath` (e.g. in whichever of several
 * merged files a key comes from). Same rules and errors as parseConfig.
 */
export function validateConfigValue(value: unknown, path: string, lineOfPath: LineOf): MeetingBotConfig {
  return validate(value, path, lineOfPath);
}

/**
 * Validate an already-parsed configuration (e.g. Probot's `context.config`). Same rules and
 * errors as parseConfig, without line numbers.
 */
export function validateConfig(value: unknown, path = DEFAULT_CONFIG_PATH): MeetingBotConfig {
  return validate(value, path, () => undefined);
}

function validate(raw: unknown, file: string, lineOfPath: LineOf): MeetingBotConfig {
  if (raw === null || raw === undefined) {
    const message = "is empty";
    const hint = "add at least a `series` entry";
    throw new ConfigError(file, [{ path: "", message, hint }], `${file} ${message}: ${hint}`);
  }
  const value = datesAsText(raw);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const problem: ConfigProblem = {
      path: "",
      message: `expected \`key: value\` settings, got ${describe(value)}`,
      hint: "start with `series:` (several series) or `schedule:` (one series)",
      line: lineOfPath([]),
    };
    throw new ConfigError(file, [problem]);
  }

  // A file without `series:` is one series: validate it as such, so paths read as the user wrote them.
  const multi = Object.hasOwn(value, "series");
  const schema = multi ? configFileSchema.options[0] : seriesSchema;
  const result = schema.safeParse(value, { reportInput: true });
  const problems: ConfigProblem[] = [];
  if (!result.success) {
    for (const issue of withoutRangeNoise(result.error.issues)) problems.push(...toProblems(issue, schema, lineOfPath, multi));
  }
  const rawSeries = multi ? (value as { series?: unknown }).series : [value];
  problems.push(...crossSeriesProblems(Array.isArray(rawSeries) ? rawSeries : [], multi, lineOfPath));
  if (problems.length > 0 || !result.success) throw new ConfigError(file, inReadingOrder(dedupe(problems)));

  const parsed = result.data as { series: z.output<typeof seriesSchema>[] } | z.output<typeof seriesSchema>;
  const series = "series" in parsed ? parsed.series : [parsed];
  const defaultIndex = Math.max(0, series.findIndex((entry) => entry.default === true));
  return {
    series: series.map(
      (entry, index): SeriesConfig => {
        const { sections, flagAfter, flaggedList } = entry.carryOver;
        const carryOverFlag = { after: flagAfter, list: flaggedList };
        const collect = entry.collect ?? defaultCollectRules(entry.agenda.section);
        return shareParts({ ...entry, carryOver: sections, carryOverFlag, collect, id: entry.id ?? DEFAULT_SERIES_ID, default: index === defaultIndex });
      },
    ),
  };
}

/** Ids and defaults are about the list as a whole, which per-series validation cannot see. */
function crossSeriesProblems(series: unknown[], multi: boolean, lineOfPath: LineOf): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (index: number): Array<string | number> => (multi ? ["series", index] : []);
  const firstWithId = new Map<string, number>();
  let firstDefault: number | undefined;
  series.forEach((entry, index) => {
    if (typeof entry !== "object" || entry === null) return;
    const { id, default: isDefault } = entry as { id?: unknown; default?: unknown };
    if (id === undefined && series.length > 1) {
      problems.push({
        path: formatPath(at(index)),
        message: "needs an `id` when there is more than one series",
        hint: "add e.g. `id: weekly`; ids appear in hidden markers, so do not change them later",
        line: lineOfPath(at(index)),
      });
    }
    if (typeof id === "string") {
      const first = firstWithId.get(id);
      if (first === undefined) firstWithId.set(id, index);
      else {
        problems.push({
          path: formatPath([...at(index), "id"]),
          message: `duplicate series id "${id}" (also series[${first}])`,
          hint: "give every series its own id",
          line: lineOfPath([...at(index), "id"]),
        });
      }
    }
    if (isDefault === true) {
      if (firstDefault === undefined) firstDefault = index;
      else {
        problems.push({
          path: formatPath([...at(index), "default"]),
          message: `only one series can be the default, and series[${firstDefault}] already is`,
          hint: "remove `default: true` from all but one series",
          line: lineOfPath([...at(index), "default"]),
        });
      }
    }
  });
  return problems;
}

// ── zod issues → problems ────────────────────────────────────────────────────────────────────

function toProblems(issue: z.core.$ZodIssue, schema: z.ZodType, lineOfPath: LineOf, multi: boolean): ConfigProblem[] {
  const path = issue.path;
  const located = (keyPath: KeyPath, message: string, hint?: string, preferKey = false): ConfigProblem => ({
    path: formatPath(keyPath),
    message,
    ...(hint === undefined ? {} : { hint }),
    ...withLine(lineOfPath(keyPath, preferKey)),
  });
  const input = (issue as { input?: unknown }).input;

  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(schemasAt(schema, path), input, issue.keys);
      // In a single-series file, `series` is also a valid top-level key.
      if (!multi && path.length === 0) known.push("series");
      return issue.keys.map((key) => {
        const suggestion = closestMatch(key, known);
        const hint = suggestion ? `did you mean \`${suggestion}\`?` : `known keys here: ${known.join(", ")}`;
        return located([...path, key], `unknown key \`${key}\``, hint, true);
      });
    }
    case "invalid_type": {
      const received = (issue as { received?: string }).received;
      if (received === undefined && input === undefined) {
        return [located(path, "is required")];
      }
      if (received === "Infinity") return [located(path, "the number is too large", "use a smaller number")];
      if (received === "NaN") return [located(path, "expected a number, got .nan", "write a number")];
      return [located(path, `expected ${article(issue.expected)}, got ${describe(input)}`, typeHint(issue.expected, input))];
    }
    case "too_small":
    case "too_big": {
      const limit = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const word = issue.code === "too_small" ? "at least" : "at most";
      // Our own messages ("add at least one series") beat zod's default "Too small: …".
      if (!issue.message.startsWith("Too ")) return [located(path, issue.message)];
      if (issue.origin === "array" || issue.origin === "string") {
        const unit = issue.origin === "array" ? "item" : "character";
        return [located(path, `needs ${word} ${limit} ${unit}${Number(limit) === 1 ? "" : "s"}`)];
      }
      const size = issue.code === "too_small" ? "small" : "large";
      const hint = Math.abs(Number(limit)) >= Number.MAX_SAFE_INTEGER ? "use a smaller number" : `use ${limit} or ${issue.code === "too_small" ? "more" : "less"}`;
      return [located(path, `${describe(input)} is too ${size}`, hint)];
    }
    case "invalid_value": {
      const allowed = issue.values.map(String);
      const suggestion = typeof input === "string" ? closestMatch(input, allowed) : undefined;
      const hint = suggestion ? `did you mean "${suggestion}"?` : `use one of ${allowed.join(", ")}`;
      return [located(path, `${describe(input)} is not allowed here`, hint)];
    }
    case "invalid_union": {
      // One form of the union fits the kind of value written (a mapping for `carryOver`'s long form):
      // its own problems say more than "expected one of …".
      const fitting = ((issue as { errors?: z.core.$ZodIssue[][] }).errors ?? []).filter(
        (option) => option.length > 0 && !option.some((inner) => inner.code === "invalid_type" && inner.path.length === 0),
      );
      if (fitting.length === 1 && typeof input === "object" && input !== null) {
        return (fitting[0] as z.core.$ZodIssue[]).flatMap((inner) => toProblems({ ...inner, path: [...path, ...inner.path] } as z.core.$ZodIssue, schema, lineOfPath, multi));
      }
      // A string close to one of the union's words ("first-of-mnth") gets a suggestion.
      const words = typeof input === "string" ? enumValues(schemasAt(schema, path)) : [];
      const suggestion = typeof input === "string" ? closestMatch(input, words) : undefined;
      return [located(path, issue.message, suggestion ? `did you mean "${suggestion}"?` : undefined)];
    }
    case "custom": {
      const hint = (issue.params as { hint?: string } | undefined)?.hint;
      return [located(path, issue.message, hint)];
    }
    default:
      return [located(path, issue.message)];
  }
}

function typeHint(expected: string, input: unknown): string | undefined {
  if (expected === "boolean") return "write true or false (YAML 1.2 reads yes/no/on/off as text)";
  if (expected === "array") return typeof input === "string" ? `write a list, e.g. [${input}]` : "write a list, e.g. [a, b]";
  if (expected === "object") return "write nested `key: value` lines under this key";
  if (expected === "string" && typeof input === "number") return "put the value in quotes";
  if ((expected === "int" || expected === "number") && typeof input === "string" && input.trim() !== "" && !Number.isNaN(Number(input))) {
    return "remove the quotes";
  }
  if (expected === "int") return "use a whole number";
  return undefined;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    string: "text",
    int: "a whole number",
    number: "a number",
    boolean: "true or false",
    array: "a list",
    object: "a mapping of `key: value` settings",
  };
  return names[expected] ?? expected;
}

function describe(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  if (typeof value === "object") return "a mapping";
  return String(value);
}

function withLine(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

/** z.int() adds its own safe-integer range check; beside our tighter bound it only repeats the problem. */
function withoutRangeNoise(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const isRange = (issue: z.core.$ZodIssue): boolean => issue.code === "too_big" || issue.code === "too_small";
  const limit = (issue: z.core.$ZodIssue): number =>
    Number(issue.code === "too_big" ? issue.maximum : issue.code === "too_small" ? issue.minimum : 0);
  return issues.filter(
    (issue) =>
      !(
        isRange(issue) &&
        Math.abs(limit(issue)) >= Number.MAX_SAFE_INTEGER &&
        issues.some((other) => other !== issue && isRange(other) && formatPath(other.path) === formatPath(issue.path))
      ),
  );
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Top to bottom, as the user reads the file; problems without a line keep zod's order. */
function inReadingOrder(problems: ConfigProblem[]): ConfigProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => (a.problem.line ?? Infinity) - (b.problem.line ?? Infinity) || a.index - b.index)
    .map(({ problem }) => problem);
}

export function formatPath(path: KeyPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

/** The concrete schemas (objects, enums, …) that may apply at a key path, looking through wrappers and unions. */
function schemasAt(schema: z.core.$ZodType, path: KeyPath): z.core.$ZodType[] {
  const found: z.core.$ZodType[] = [];
  const visit = (node: z.core.$ZodType, rest: KeyPath): void => {
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "readonly":
      case "catch":
        return visit(def["innerType"] as z.core.$ZodType, rest);
      case "pipe":
        return visit(def["in"] as z.core.$ZodType, rest);
      case "union":
        return (def["options"] as z.core.$ZodType[]).forEach((option) => visit(option, rest));
      case "array":
        if (rest.length === 0) found.push(node);
        else visit(def["element"] as z.core.$ZodType, rest.slice(1));
        return;
      case "object": {
        const shape = def["shape"] as Record<string, z.core.$ZodType>;
        const child = rest.length > 0 ? shape[String(rest[0])] : undefined;
        if (rest.length === 0) found.push(node);
        else if (child) visit(child, rest.slice(1));
        return;
      }
      default:
        if (rest.length === 0) found.push(node);
    }
  };
  visit(schema, path);
  return found;
}

/**
 * The keys accepted where unknown keys were found. Of several object forms (a union), only those
 * that accept every key the user did write right: {weekOfMonth, offset} is the weekOfMonth form.
 */
function knownKeys(schemas: z.core.$ZodType[], input: unknown, unknown: readonly string[]): string[] {
  const shapes = schemas
    .map((node) => node._zod.def as unknown as { type: string; shape?: Record<string, unknown> })
    .filter((def) => def.type === "object" && def.shape !== undefined)
    .map((def) => Object.keys(def.shape as Record<string, unknown>));
  const written = typeof input === "object" && input !== null ? Object.keys(input).filter((key) => !unknown.includes(key)) : [];
  const fitting = shapes.filter((keys) => written.every((key) => keys.includes(key)));
  return [...new Set((fitting.length > 0 ? fitting : shapes).flat())];
}

function enumValues(schemas: z.core.$ZodType[]): string[] {
  return schemas.flatMap((node) => {
    const def = node._zod.def as unknown as { type: string; entries?: Record<string, unknown> };
    return def.type === "enum" && def.entries ? Object.values(def.entries).map(String) : [];
  });
}

// ── YAML positions ───────────────────────────────────────────────────────────────────────────

/**
 * The line of the node at a key path: the key's own line for mappings, lists, empty values and
 * when `preferKey` (unknown keys), where the user reads "schedule:"; the value's line otherwise.
 */
function lineOf(doc: Document, counter: LineCounter, path: KeyPath, preferKey = false): number | undefined {
  let node: unknown = doc.contents;
  let keyNode: YamlNode | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      keyNode = isScalar(pair.key) ? pair.key : undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number" && node.items[segment] !== undefined) {
      keyNode = undefined;
      node = node.items[segment];
    } else {
      break;
    }
  }
  const useKey = keyNode !== undefined && (preferKey || node === null || isCollection(node));
  const target = useKey ? keyNode : (node as YamlNode | null);
  const offset = target?.range?.[0];
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

/** js-yaml (and so Probot's context.config) reads 2020-09-11 as a Date; we want the text back. */
function datesAsText(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(datesAsText);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, datesAsText(entry)]));
  }
  return value;
}
