import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { TemplateError } from "./template-error.js";

/** A GitHub issue-template file (`.github/ISSUE_TEMPLATE/*.md`): front matter plus body. */
export interface IssueTemplate {
  name?: string;
  about?: string;
  title?: string;
  /** Labels from the front matter, trimmed and de-duplicated; a string is split on commas as GitHub does. */
  labels: string[];
  /** Assignees from the front matter, like `labels`. */
  assignees: string[];
  /** Everything after the closing `---` line, byte for byte (CRLF kept). */
  body: string;
  /** File lines before the body: body line N is file line N + bodyLineOffset. Use it as `lineOffset` for errors. */
  bodyLineOffset: number;
  /** File line of the front-matter `title`, to locate errors in it. */
  titleLine?: number;
}

const BOM = "\uFEFF";
const FENCE = /^---[ \t]*$/;
// Templates are small; a front matter needing more aliases than this is an attack, not a template.
const MAX_ALIASES = 50;

/**
 * Parse an issue template. `path` only labels error messages.
 * A file that does not start with a `---` line is a body-only template.
 */
export function parseIssueTemplate(text: string, path = "template"): IssueTemplate {
  const source = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const opening = /^---[ \t]*(\r?\n)/.exec(source);
  if (!opening) return { labels: [], assignees: [], body: source, bodyLineOffset: 0 };

  const frontStart = opening[0].length;
  let lineStart = frontStart;
  let lineNumber = 2;
  for (;;) {
    const newline = source.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? source.length : newline;
    const line = source.slice(lineStart, lineEnd).replace(/\r$/, "");
    if (FENCE.test(line)) {
      const frontMatter = source.slice(frontStart, lineStart);
      const body = newline === -1 ? "" : source.slice(newline + 1);
      return { ...readFrontMatter(frontMatter, path), body, bodyLineOffset: lineNumber };
    }
    if (newline === -1) break;
    lineStart = newline + 1;
    lineNumber++;
  }
  throw new TemplateError(
    path,
    1,
    "unclosed front matter: the file starts with `---` but no later line is `---`; " +
      "add a `---` line after the YAML, or remove the first line if the body starts with a horizontal rule",
  );
}

type FrontMatter = Omit<IssueTemplate, "body" | "bodyLineOffset">;

function readFrontMatter(yamlText: string, path: string): FrontMatter {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false });
  // The front matter starts on file line 2, after the opening fence.
  const fileLine = (offset: number): number => lineCounter.linePos(offset).line + 1;
  const firstError = doc.errors[0];
  if (firstError) {
    throw new TemplateError(path, fileLine(firstError.pos[0]), `invalid front matter: ${firstError.message}`);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new TemplateError(path, 2, `invalid front matter: ${(error as Error).message}`);
  }
  if (data === null || data === undefined) return { labels: [], assignees: [] };
  if (!isMap(doc.contents) || typeof data !== "object" || Array.isArray(data)) {
    throw new TemplateError(
      path,
      2,
      "invalid front matter: expected `key: value` lines such as `name:`, `about:`, `title:`, `labels:`",
    );
  }

  const fields = data as Record<string, unknown>;
  const keyLine = (key: string): number => lineOfKey(doc, key, fileLine);
  const result: FrontMatter = {
    labels: list(fields["labels"], "labels", path, keyLine),
    assignees: list(fields["assignees"], "assignees", path, keyLine),
  };
  for (const key of ["name", "about", "title"] as const) {
    const value = text(fields[key], key, path, keyLine);
    if (value !== undefined) result[key] = value;
  }
  if (result.title !== undefined) result.titleLine = keyLine("title");
  // Other keys (GitHub adds some over time, e.g. `type`, `projects`) are not ours to judge: ignored.
  return result;
}

function lineOfKey(doc: Document, key: string, fileLine: (offset: number) => number): number {
  if (!isMap(doc.contents)) return 2;
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) return fileLine(pair.key.range[0]);
  }
  return 2;
}

function text(value: unknown, key: string, path: string, keyLine: (key: string) => number): string | undefined {
  if (value === null || value === undefined) return undefined;
  // `title: 2020` is still meant as text.
  if (typeof value === "string" || typeof value === "number") return String(value);
  throw new TemplateError(path, keyLine(key), `invalid front matter: \`${key}\` must be text, e.g. ${key}: 'Weekly Meeting #{{number}}'`);
}

function list(value: unknown, key: string, path: string, keyLine: (key: string) => number): string[] {
  if (value === null || value === undefined) return [];
  let items: unknown[];
  if (typeof value === "string") items = value.split(",");
  else if (Array.isArray(value)) items = value;
  else items = [value];
  const names: string[] = [];
  for (const item of items) {
    if (typeof item !== "string" && typeof item !== "number") {
      throw new TemplateError(
        path,
        keyLine(key),
        `invalid front matter: \`${key}\` must be a comma-separated string or a list of names, e.g. ${key}: [meeting, weekly]`,
      );
    }
    const name = String(item).trim();
    if (name !== "" && !names.includes(name)) names.push(name);
  }
  return names;
}
