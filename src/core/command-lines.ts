import type { Heading, Paragraph, Root } from "mdast";

/** A command's line in a comment: what follows the keyword (trimmed), its offset and 1-based line. */
export interface CommandLine {
  rest: string;
  offset: number;
  line: number;
}

const INDENT = /^ {0,3}/;
// Phones turn `--` into an en or em dash; accept those too.
const SERIES_OPTION = /^(?:--|\u2013|\u2014)series(?:=(\S*)|(?=\s|$))\s*/i;

/**
 * Every line of `body` that starts (after up to 3 spaces) with `keyword` (e.g. `/^\/agenda(?=\s|$)/i`)
 * inside a top-level paragraph (or a paragraph underlined into a setext heading), outside any
 * inline construct (code, HTML, links, emphasis): lines in code blocks, quotes, lists, tables and
 * HTML comments are never commands, so people can quote and discuss the syntax freely. `/agenda`
 * and `/meeting` read comments the same way.
 */
export function commandLines(body: string, keyword: RegExp, tree: Root): CommandLine[] {
  // A setext heading is a paragraph someone underlined (`---` right below the command): still a command.
  const paragraphs = tree.children.filter(
    (node): node is Paragraph | Heading =>
      node.type === "paragraph" || (node.type === "heading" && body[node.position?.start.offset ?? 0] !== "#"),
  );
  // Offsets covered by plain text directly in a paragraph: the only place a command may begin.
  const texts = paragraphs.flatMap((paragraph) =>
    paragraph.children.flatMap((child) =>
      child.type === "text" && child.position ? [[child.position.start.offset ?? 0, child.position.end.offset ?? 0] as const] : [],
    ),
  );
  const found: CommandLine[] = [];
  let line = 1;
  let textIndex = 0;
  for (const match of body.matchAll(/[^\r\n]*(\r\n|\r|\n|$)/g)) {
    if (match.index >= body.length && match[0] === "") break;
    const offset = match.index + (INDENT.exec(match[0])?.[0].length ?? 0);
    const head = body.slice(offset, offset + 12);
    if (keyword.test(head)) {
      // Text ranges come in document order, as do lines.
      while (textIndex < texts.length && (texts[textIndex]?.[1] ?? 0) <= offset) textIndex += 1;
      const text = texts[textIndex];
      if (text && text[0] <= offset) {
        const lineEnd = body.slice(offset).search(/\r|\n|$/);
        found.push({ rest: body.slice(offset, offset + lineEnd).replace(keyword, "").trim(), offset, line });
      }
    }
    line += 1;
  }
  return found;
}

/** Leading `--series id` / `--series=id` (any case; phones' dashes too); the rest is the text. */
export function parseSeriesOption(args: string, example: string): { series?: string; text: string } | { problem: string } {
  let rest = args;
  let series: string | undefined;
  for (let option = SERIES_OPTION.exec(rest); option; option = SERIES_OPTION.exec(rest)) {
    rest = rest.slice(option[0].length);
    let value = option[1];
    if (value === undefined) {
      const next = /^(\S+)\s*/.exec(rest);
      value = next?.[1];
      rest = rest.slice(next?.[0].length ?? 0);
    }
    if (!value) return { problem: `\`--series\` needs a series id, e.g. \`${example}\`` };
    value = value.toLowerCase();
    if (series !== undefined && series !== value) {
      return { problem: `\`--series\` is given twice (${inline(series)} and ${inline(value)}); name one series` };
    }
    series = value;
  }
  return series === undefined ? { text: rest.trim() } : { series, text: rest.trim() };
}

function inline(text: string): string {
  return `\`${text.replace(/`/g, "")}\``;
}
