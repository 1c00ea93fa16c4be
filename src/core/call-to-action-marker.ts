/**
 * How a call to action is marked in meeting notes, for a configured list of markers (`TODO`,
 * `ACTION ITEM`, `NEXT WEEK MEETING`), matched in any case, a final `s` allowed (`TODOs:`):
 * - a **label** opening the text: `TODO: …`, `TODO(alice): …`, `**TODO:** …`, `**ACTION**: …`;
 * - a **bracketed tag** in the first line: `[TODO] …`, `` `[TODO]` … ``, `**[TODO]**`, not a link
 *   (`[TODO](…)`), and not inside code or an HTML comment;
 * - a **label alone** (`TODO:`, `**TODO**`, and, directly above its items, `TODO`): the items
 *   below it are the calls to action.
 * `TODO` in the middle of a sentence is text.
 */
export interface MarkerMatcher {
  /** The label that opens `line`, or the tag in it; null when it has neither. */
  match(line: string): MarkerMatch | null;
  /** Whether `line` is only a label (`TODO:`, `**TODO(alice)**`); with `bare`, also the marker alone (`TODO`). */
  labelOnly(line: string, bare?: boolean): LabelOnly | null;
  /** Whether `text` holds one of the markers anywhere, in any form: when not, nothing in it is a call (a cheap test first). */
  mentions(text: string): boolean;
}

export interface LabelOnly {
  /** The configured marker, as configured. */
  marker: string;
  /** The people named in brackets after it (`TODO(alice, bob):`), as they are to be written (`@alice`). */
  people: string[];
}

export interface MarkerMatch extends LabelOnly {
  /** The line without the marker: what the call to action says. */
  rest: string;
}

// Emphasis a label may be wrapped in: `**TODO:**`, `**TODO**:`, `_TODO_:`.
const WRAP = "(\\*\\*|__|\\*|_)?";
// A GitHub login, `@` optional.
const LOGIN = /^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const WHO = "(?:[ \\t]*\\(([^()\\n]{1,100})\\))?";

const matchers = new Map<string, MarkerMatcher>();

/** The matcher of `markers` (built once per list: the app matches the same few lists all day). */
export function markerMatcher(markers: readonly string[]): MarkerMatcher {
  const key = markers.join("\u0000");
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = buildMatcher(markers);
    if (matchers.size > 100) matchers.clear();
    matchers.set(key, matcher);
  }
  return matcher;
}

function buildMatcher(markers: readonly string[]): MarkerMatcher {
  const words = markerWords(markers);
  if (words.length === 0) return { match: () => null, labelOnly: () => null, mentions: () => false };
  // Longest first: `ACTION ITEM:` is that marker, not `ACTION` followed by ` ITEM:`.
  const alternatives = words.map((entry) => entry.pattern).join("|");
  const label = new RegExp(`^(~~)?${WRAP}(${alternatives})s?${WHO}${WRAP}[ \\t]*:${WRAP}(?!/)[ \\t]*`, "iu");
  const alone = new RegExp(`^(\\*\\*|__)?(${alternatives})s?${WHO}(\\*\\*|__)?[ \\t]*(:)?(\\*\\*|__)?[ \\t]*$`, "iu");
  const tag = new RegExp(`(\\*\\*|__)?(\`?)\\[[ \\t]*(${alternatives})s?[ \\t]*\\]\\2\\1(?![(\\[])`, "giu");
  const anywhere = new RegExp(alternatives, "iu");
  const configured = (written: string) => words.find((entry) => entry.test.test(written))?.marker ?? written;

  return {
    match(line) {
      const found = label.exec(line);
      if (found) {
        const [whole, struck = "", open = "", written = "", who, close = "", after = ""] = found;
        // `**TODO: the whole sentence in bold**`: the bold stays, around the rest.
        const keep = struck + (open !== "" && open !== close && open !== after ? open : "");
        return { marker: configured(written), people: people(who), rest: `${keep}${line.slice(whole.length)}`.trimEnd() };
      }
      const hidden = hiddenRanges(line);
      for (const hit of line.matchAll(tag)) {
        const at = hit.index;
        const end = at + hit[0].length;
        // In code, only the tag as the whole code span counts; in a comment, nothing.
        if (hidden.some(([from, to, code]) => at < to && end > from && !(code && hit[2] === "`" && from === at + (hit[1]?.length ?? 0) && to === end - (hit[1]?.length ?? 0)))) continue;
        const before = line.slice(0, at);
        const after = line.slice(end);
        // One space where the tag was between words; none at either end.
        const head = before.replace(/[ \t]+$/, "");
        const tail = after.replace(/^[ \t]+/, "");
        const rest = head !== "" && tail !== "" && (before !== head || after !== tail) ? `${head} ${tail}` : `${head}${tail}`;
        return { marker: configured(hit[3] ?? ""), people: [], rest: rest.trim() };
      }
      return null;
    },
    mentions(text) {
      return anywhere.test(text);
    },
    labelOnly(line, bare = false) {
      const found = alone.exec(line.trim());
      if (!found) return null;
      const [, open = "", written = "", who, close = "", colon, after = ""] = found;
      const bold = open !== "" && (open === close || open === after);
      if (open !== "" && !bold) return null;
      if (close !== "" && open === "") return null;
      if (!colon && !bold && !bare) return null;
      return { marker: configured(written), people: people(who) };
    },
  };
}

/** Each marker's pattern (words joined by any run of spaces), longest first; markers without words left out. */
function markerWords(markers: readonly string[]): Array<{ marker: string; pattern: string; test: RegExp }> {
  return markers
    .map((marker) => ({ marker, words: marker.trim().split(/\s+/).filter((word) => word !== "") }))
    .filter((entry) => entry.words.length > 0)
    .sort((a, b) => b.words.join(" ").length - a.words.join(" ").length)
    .map(({ marker, words }) => {
      const pattern = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[ \\t]+");
      return { marker, pattern, test: new RegExp(`^${pattern}s?$`, "iu") };
    });
}

/** `alice`, `alice, bob`, `@alice & Mary Ann` → `["@alice"]`, `["@alice", "@bob"]`, `["@alice", "Mary Ann"]`. */
function people(who: string | undefined): string[] {
  if (who === undefined) return [];
  return who
    .split(/\s*(?:[,;&/]|\band\b)\s*/)
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => (LOGIN.test(part) ? `@${part.replace(/^@/, "")}` : part));
}

/** Code spans and HTML comments of a line, as [from, to, isCode]. */
function hiddenRanges(line: string): Array<[number, number, boolean]> {
  const ranges: Array<[number, number, boolean]> = [];
  if (line.includes("`")) {
    for (const span of line.matchAll(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)) ranges.push([span.index, span.index + span[0].length, true]);
  }
  if (line.includes("<!--")) {
    for (const comment of line.matchAll(/<!--[\s\S]*?(?:-->|$)/g)) ranges.push([comment.index, comment.index + comment[0].length, false]);
  }
  return ranges;
}

const DONE = markerMatcher(["DONE", "COMPLETED", "FINISHED"]);
const DONE_SIGN = /^(?:✅|✔️?|☑️?|✓)/u;

/**
 * Whether a call to action says it is done: a `[DONE]` tag anywhere in its first line (or
 * `` `[DONE]` ``), a `DONE:` label opening it (before or after its own marker), or a check mark
 * (✅, ✔️, ☑️) opening it.
 */
export function saysItIsDone(line: string, rest: string): boolean {
  const lines = [line, rest].map((text) => text.replace(/^(?:~~|\*\*|__)/, "").trimStart());
  return lines.some((text) => DONE_SIGN.test(text)) || DONE.match(line) !== null || DONE.match(rest) !== null;
}
