import { IANAZone } from "luxon";

const DAY_MS = 86_400_000;
const SECOND_MS = 1_000;
// Per zone, at most this many UTC days are remembered; the memo is simply dropped when full.
const MAX_DAYS_PER_ZONE = 4_096;

/** The offsets of one UTC day: constant, one transition, or NaN for "ask Intl every time". */
type DayOffsets = number | { at: number; before: number; after: number };

/**
 * An IANA zone whose `offset(ts)` is memoised per UTC day.
 *
 * Why: luxon asks Intl (formatToParts, ~10 µs) for every offset, and the scheduler evaluates the
 * schedules of many series on every tick. Offsets change at most once a day in practice, so each
 * day is resolved once, a transition located to the second by bisection; a day with more than one
 * change is not memoised. Same answers as IANAZone; DateTimes built with it behave identically
 * (same type and name, so `equals` and `zoneName` are unchanged).
 */
class MemoizedZone extends IANAZone {
  readonly #days = new Map<number, DayOffsets>();
  readonly #plain: IANAZone;

  constructor(name: string) {
    super(name);
    this.#plain = IANAZone.create(name);
  }

  override offset(ts: number): number {
    const day = Math.floor(ts / DAY_MS);
    if (!Number.isFinite(day)) return this.#plain.offset(ts);
    let entry = this.#days.get(day);
    if (entry === undefined) {
      if (this.#days.size >= MAX_DAYS_PER_ZONE) this.#days.clear();
      entry = this.#offsetsOfDay(day);
      this.#days.set(day, entry);
    }
    if (typeof entry !== "number") return ts < entry.at ? entry.before : entry.after;
    return Number.isNaN(entry) ? this.#plain.offset(ts) : entry;
  }

  #offsetsOfDay(day: number): DayOffsets {
    const plain = this.#plain;
    const start = day * DAY_MS;
    const last = start + DAY_MS - SECOND_MS; // offsets are resolved to the second
    const before = plain.offset(start);
    const after = plain.offset(last);
    if (Number.isNaN(before) || Number.isNaN(after)) return Number.NaN;
    if (before === after) return before;
    // Bisect for the first second with the new offset.
    let low = start;
    let high = last;
    while (high - low > SECOND_MS) {
      const middle = low + Math.floor((high - low) / (2 * SECOND_MS)) * SECOND_MS;
      if (plain.offset(middle) === before) low = middle;
      else high = middle;
    }
    // A second change the same day: not memoised.
    if (plain.offset(high) !== after) return Number.NaN;
    return { at: high, before, after };
  }
}

const zones = new Map<string, MemoizedZone>();

/** The shared memoised zone for a valid IANA name (validate the name first: see canonicalTimeZone). */
export function memoizedZone(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new MemoizedZone(name);
    zones.set(name, zone);
  }
  return zone;
}
