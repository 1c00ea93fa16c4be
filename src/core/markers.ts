/**
 * Hidden markers: how the app finds its own work again in issue bodies.
 *
 *     <!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z -->
 *     <!-- meeting-bot:comment=123456 -->
 *
 * A marker is an HTML comment (invisible on GitHub) holding `key=value` fields. Anyone who can
 * write text the app later copies into an issue could try to plant one, so every piece of user
 * text the app copies goes through `neutralizeMarkers` first.
 */

/** Thrown when the app itself tries to write a marker it could not read back safely. */
export class MarkerError extends Error {
  override readonly name = "MarkerError";
}

export type MarkerFields = Record<string, string>;

const PREFIX = "meeting-bot:";
// Keys are identifiers; values are ids, dates and names. Nothing that could close the comment
// (`-->`), start a new one or separate fields (spaces) can pass.
const KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
const VALUE = /^[A-Za-z0-9._:+-]+$/;
const FIELD = "[A-Za-z][A-Za-z0-9_-]*=[A-Za-z0-9._:+-]+";
// What the parser accepts: exactly what formatMarker writes, give or take whitespace.
const MARKER = new RegExp(`<!--\\s*meeting-bot:(${FIELD}(?:\\s+${FIELD})*)\\s*-->`, "g");
// What the neutralizer defuses: deliberately broader than MARKER (any case, any spacing), so
// that nothing it lets through can ever parse as a marker.
const FORGERY = /(<!--\s*meeting-bot\s*)(:)/gi;
// A zero-width space: the copied comment stays an invisible comment, but no longer says
// `meeting-bot:` to the parser. `\s` does not match it, so neutralizing twice changes nothing.
const ZERO_WIDTH_SPACE = "\u200b";

/** `{ series: "weekly", occurrence: "2020-09-18T20:30:00Z" }` → `<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z -->`. */
export function formatMarker(fields: MarkerFields): string {
  const entries = Object.entries(fields);
  if (entries.length === 0) {
    throw new MarkerError("formatMarker: a marker needs at least one field, e.g. { series: \"weekly\" }");
  }
  const parts = entries.map(([key, value]) => {
    if (!KEY.test(key)) {
      throw new MarkerError(
        `formatMarker: field name ${JSON.stringify(key)} is not allowed; use letters, digits, "_" and "-", starting with a letter`,
      );
    }
    if (!VALUE.test(value)) {
      throw new MarkerError(
        `formatMarker: value ${JSON.stringify(value)} of field "${key}" is not allowed; use only A-Z a-z 0-9 . _ : + - (no spaces), e.g. an id or an ISO date`,
      );
    }
    return `${key}=${value}`;
  });
  return `<!-- ${PREFIX}${parts.join(" ")} -->`;
}

/** Every well-formed marker in `body`, in document order. Malformed look-alikes are ignored. */
export function parseMarkers(body: string): MarkerFields[] {
  const markers: MarkerFields[] = [];
  for (const match of body.matchAll(MARKER)) {
    // Null prototype: a field called `__proto__` must stay a plain field.
    const fields: MarkerFields = Object.create(null) as MarkerFields;
    for (const field of (match[1] as string).split(/\s+/)) {
      const at = field.indexOf("=");
      fields[field.slice(0, at)] = field.slice(at + 1);
    }
    markers.push(fields);
  }
  return markers;
}

/** The first marker in `body` whose fields satisfy `predicate`, e.g. `(m) => m.series === "weekly"`. */
export function findMarker(body: string, predicate: (fields: MarkerFields) => boolean): MarkerFields | undefined {
  return parseMarkers(body).find(predicate);
}

/**
 * Defuse anything in user text that could be read as a marker, by putting a zero-width space
 * before the colon of `<!-- meeting-bot:`. The text reads and renders exactly as before (a copied
 * comment stays hidden, code stays code), but `parseMarkers` no longer sees a marker in it.
 */
export function neutralizeMarkers(text: string): string {
  return text.replace(FORGERY, `$1${ZERO_WIDTH_SPACE}$2`);
}
