/**
 * Whether a heading's text names a section, the way a human reader would decide it:
 * `## 3. Action items:`, `### 📝 Open Discussion (async)`, `# ACTION ITEMS` and
 * `Action Item – week 3` all name "Action Items"; `## Review of last week's action items` does not.
 *
 * Rules, in order: ignore emoji (also `:memo:` shortcodes), a leading number (`3.`, `3)`, `3.1`,
 * `III.`, `b)`, `(2)`), case and spacing; the name must then be the whole title, or the title up to
 * a qualifier (text after `(`, `[`, `:`, `|`, an en/em dash, or a hyphen with spaces around it).
 * Words match singular or plural (`Item`/`Items`, `Discussions`/`Discussion`).
 */
export function matchesSectionName(title: string, name: string): boolean {
  const wanted = sectionNameWords(name);
  if (wanted.length === 0) return false;
  const core = stripDecorations(title);
  const candidates = [core];
  for (const cut of core.matchAll(QUALIFIER)) candidates.push(core.slice(0, cut.index));
  return candidates.some((candidate) => sameWords(words(candidate), wanted));
}

/** The words a section name is matched by: `"📝 Open Discussions"` → `["open", "discussions"]`. Empty when it has none. */
export function sectionNameWords(name: string): string[] {
  return words(stripDecorations(name));
}

const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0e\ufe0f\u20e3]/gu;
const SHORTCODE = /:[a-z0-9_+-]+:/gi;
const NUMBERING = /^(?:[([]?(?:\d+(?:\.\d+)*|[ivxlcdm]+|[a-z])[.)\]]|\d+(?:\.\d+)*|#\d+)(?=\s|$)/i;
// A hyphen only starts a qualifier with space before it: "Follow-ups" is one name.
const QUALIFIER = /[([:|\u2013\u2014]|\s-+(?=\s|$)/g;

function stripDecorations(text: string): string {
  const bare = text.normalize("NFKC").replace(EMOJI, " ").replace(SHORTCODE, " ").trim();
  return bare.replace(NUMBERING, "").trim();
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
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
