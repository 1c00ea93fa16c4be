import { renderPlaceholders, splitPlaceholders, type PlaceholderName, type PlaceholderValues } from "./render-placeholders.js";

/** The placeholders whose values change when a meeting moves. */
export const TIME_PLACEHOLDERS: readonly PlaceholderName[] = ["date", "time", "timezones", "timezone_table", "timeanddate_url", "calendar"];

/**
 * Rewrite in place what the app rendered from `template` with the values `before` into the same
 * with `after`, leaving everything people wrote alone. Only template lines that use one of `names`
 * are rewritten, and only where their whole rendered text (with the template's own words around
 * the values, every line of a multi-line value) still stands on whole lines of `text`: the same
 * date written in an agenda item is not a rendered value and stays. `missed` counts the lines
 * that were edited by hand (or whose template changed since) and so could not be found.
 */
export function rewriteRenderedValues(
  text: string,
  template: string,
  before: PlaceholderValues,
  after: PlaceholderValues,
  names: readonly PlaceholderName[] = TIME_PLACEHOLDERS,
): { text: string; rewritten: number; missed: number } {
  let result = text;
  let rewritten = 0;
  let missed = 0;
  for (const line of template.split("\n")) {
    const uses = splitPlaceholders(line).filter((part) => part.kind === "placeholder").map((part) => (part.kind === "placeholder" ? part.name : ""));
    if (!uses.some((name) => (names as readonly string[]).includes(name))) continue;
    const where = { path: "template" };
    const old = renderPlaceholders(line.replace(/\r$/, ""), before, where);
    const next = renderPlaceholders(line.replace(/\r$/, ""), after, where);
    if (old === next) continue;
    // GitHub's editor saves every line ending as CRLF: a multi-line value's lines too.
    let replaced = replaceWholeLines(result, old, next);
    if (replaced === result && /\n/.test(old)) replaced = replaceWholeLines(result, old.replace(/\r?\n/g, "\r\n"), next.replace(/\r?\n/g, "\r\n"));
    if (replaced === result) missed += 1;
    else rewritten += 1;
    result = replaced;
  }
  return { text: result, rewritten, missed };
}

/** Replace every occurrence of `old` that starts and ends on line boundaries of `text`. */
function replaceWholeLines(text: string, old: string, next: string): string {
  if (old === "") return text;
  let result = "";
  let from = 0;
  for (let at = text.indexOf(old); at !== -1; at = text.indexOf(old, at + 1)) {
    const end = at + old.length;
    const startsLine = at === 0 || text[at - 1] === "\n";
    const endsLine = end === text.length || text[end] === "\n" || text[end] === "\r";
    if (!startsLine || !endsLine || at < from) continue;
    result += text.slice(from, at) + next;
    from = end;
  }
  return result + text.slice(from);
}
