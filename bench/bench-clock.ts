import { DateTime } from "luxon";

/**
 * The app's clock in a benchmark: frozen at an instant (moved by hand, like the tests' fake clock),
 * or running at real speed from a chosen instant, so the app's real timers fire at real times.
 */
export class BenchClock {
  // Frozen: the instant. Running: the offset from Date.now().
  #ms: number;
  #running = false;

  constructor(iso: string) {
    this.#ms = DateTime.fromISO(iso, { zone: "utc" }).toMillis();
    if (!Number.isFinite(this.#ms)) throw new Error(`BenchClock: ${iso} is not an ISO instant`);
  }

  readonly now = (): DateTime => DateTime.fromMillis(this.millis(), { zone: "utc" });

  millis(): number {
    return this.#running ? Date.now() + this.#ms : this.#ms;
  }

  /** Stop at `ms` (epoch ms of the simulated time). */
  freeze(ms: number): void {
    this.#running = false;
    this.#ms = ms;
  }

  advance(duration: { days?: number; hours?: number; minutes?: number; seconds?: number }): void {
    this.freeze(DateTime.fromMillis(this.millis()).plus(duration).toMillis());
  }

  /** Run at real speed such that simulated time `ms` is `inMs` milliseconds of real time from now. */
  runSoThat(ms: number, inMs: number): void {
    this.#running = true;
    this.#ms = ms - (Date.now() + inMs);
  }
}
