/**
 * Whether a heading's text names a section, the way a human reader would decide it:
 * `## 3. Action items:`, `### 📝 Open Discussion/Ideas`, `## Action Items agreed today`,
 * `# ACTION ITEMS` and `Action Item – week 3` all name "Action Items";
 * `## Review of last week's action items` and `## Actions required` do not.
 *
 * Rules, in order (the README's table lists them with examples):
 * - ignore emoji (also `:memo:` shortcodes), a leading number (`3.`, `3)`, `3.1`, `III.`, `b)`,
 *   `(2)`), case, spacing and punctuation between words;
 * - a slash joins two names (`Open Discussion / Wrap-up`, `Action Item/Who`): each side counts;
 * - the title must START with the name's words, whatever follows (`Open Discussion Items`,
 *   `Action Items (owners)`); words before the name make it something else (`Follow-up discussion`);
 * - words match singular or plural (`Item`/`Items`, `Discussions`/`Discussion`), and a hyphen
 *   binds (`Follow-ups` is not `Follow`);
 * - `<Word> Items` is also named by `<Word>s` when that is the whole title, up to a qualifier
 *   (`Actions`, `Actions:` and `Actions (owners)` name "Action Items"; `Actions required` does not).
 */
export function matchesSectionName(title: string, name: string): boolean {
  const wanted = sectionNameWords(name);
  if (wanted.length === 0) return false;
  const alias = shortName(wanted);
  return titleParts(title).some(
    (part) => startsWith(part, wanted) || (alias !== null && wholeTitles(part).some((whole) => sameWords(whole, alias))),
  );
}

/**
 * Which of `names` a heading starts: those it names (see `matchesSectionName`), and when its
 * slash joins two of them (`Action Items / Open Discussion`), only the one written first, so
 * that its items are not read into both sections.
 */
export function namedSections(title: string, names: readonly string[]): string[] {
  const matched = names.filter((name) => matchesSectionName(title, name));
  if (matched.length < 2) return matched;
  for (const part of titleParts(title)) {
    const first = matched.filter((name) => matchesSectionName(part, name));
    if (first.length > 0) return first;
  }
  return matched;
}

/**
 * Whether a title is exactly the name (each side of a slash), allowing a trailing colon or a
 * qualifier after `(`, `[`, `:`, `|` or a dash (none with `qualifiers: false`): what a label must
 * say to count where the looser start-of-title rule would take sentences. `Action items` above a
 * list is a label; `Action item: Priya sends the notes` is not (with `qualifiers: false`).
 */
export function isWholeSectionName(title: string, name: string, options: { qualifiers?: boolean } = {}): boolean {
  const wanted = sectionNameWords(name);
  if (wanted.length === 0) return false;
  const alias = shortName(wanted);
  const wholes = (part: string) => (options.qualifiers === false ? [words(part).map((word) => word.text)] : wholeTitles(part));
  return titleParts(title).some((part) =>
    wholes(part).some((whole) => sameWords(whole, wanted) || (alias !== null && sameWords(whole, alias))),
  );
}

/** The words a section name is matched by: `"📝 Open Discussions"` → `["open", "discussions"]`. Empty when it has none. */
export function sectionNameWords(name: string): string[] {
  return words(stripDecorations(name)).map((word) => word.text);
}

interface Word {
  text: string;
  /** Joined to the next word by a hyphen (`follow-ups`): the two read as one. */
  hyphen: boolean;
}

const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0e\ufe0f\u20e3]/gu;
const SHORTCODE = /:[a-z0-9_+-]+:/gi;
const NUMBERING = /^(?:[([]?(?:\d+(?:\.\d+)*|[ivxlcdm]+|[a-z])[.)\]]|\d+(?:\.\d+)*|#\d+)(?=\s|$)/i;
// Where a qualifier starts: text after `(`, `[`, `:`, `|`, an en/em dash, or a hyphen with space before it.
const QUALIFIER = /[([:|\u2013\u2014]|\s-+(?=\s|$)/g;

/** The title, undecorated, split at slashes: `💬 Open Discussion/Ideas` → `["Open Discussion", "Ideas"]`. */
function titleParts(title: string): string[] {
  return stripDecorations(title)
    .split("/")
    .map((part) => stripDecorations(part))
    .filter((part) => words(part).length > 0);
}

/** A part as a whole title: all of it, and each cut before a qualifier (`Actions (owners)` → `Actions`). */
function wholeTitles(part: string): string[][] {
  const cuts = [part, ...[...part.matchAll(QUALIFIER)].map((cut) => part.slice(0, cut.index))];
  return cuts.map((cut) => words(cut).map((word) => word.text));
}

function startsWith(part: string, wanted: string[]): boolean {
  const title = words(part);
  if (title.length < wanted.length) return false;
  // The name must end where a word ends: `Follow` does not start `Follow-ups`.
  if (title[wanted.length - 1]?.hyphen) return false;
  return wanted.every((word, index) => sameWord(title[index]?.text ?? "", word));
}

/** `action items` → `actions`: the one-word name a team may write instead. Null for other names. */
function shortName(wanted: string[]): string[] | null {
  const [first, second] = wanted;
  if (wanted.length !== 2 || first === undefined || second === undefined || !sameWord(second, "items")) return null;
  return [`${first}s`];
}

function stripDecorations(text: string): string {
  const bare = text.normalize("NFKC").replace(EMOJI, " ").replace(SHORTCODE, " ").trim();
  return bare.replace(NUMBERING, "").trim();
}

function words(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(-(?=[\p{L}\p{N}]))?/gu)) {
    found.push({ text: match[0].replace(/-$/, ""), hyphen: match[1] !== undefined });
  }
  return found;
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((word, index) => sameWord(word, b[index] as string));
}

// Enough English plurals for section names: items, discussions, issues, matches, activities.
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return (
    long === `${short}s` ||
    long === `${short}es` ||
    (short.endsWith("y") && long === `${short.slice(0, -1)}ies`)
  );
}
