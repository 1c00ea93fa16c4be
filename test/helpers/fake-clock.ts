import { DateTime } from "luxon";

/** A clock that moves only when told: weeks pass in a line of code, never by waiting. */
export class FakeClock {
  #now: DateTime;

  constructor(start: string) {
    this.#now = DateTime.fromISO(start, { zone: "utc" });
    if (!this.#now.isValid) throw new Error(`FakeClock: ${start} is not an ISO instant`);
  }

  readonly now = (): DateTime => this.#now;

  set(iso: string): void {
    this.#now = DateTime.fromISO(iso, { zone: "utc" });
  }

  advance(duration: { days?: number; hours?: number; minutes?: number; seconds?: number }): void {
    this.#now = this.#now.plus(duration);
  }
}
