/**
 * The work a process has started and not finished (webhook handlers, scheduler ticks), so a
 * shutdown can let it finish, within a bound, before the process exits.
 */
export class InFlight {
  readonly #running = new Set<Promise<unknown>>();

  /** Run `work`, counted until it settles. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    const counted = running.then(
      () => undefined,
      () => undefined,
    );
    this.#running.add(counted);
    void counted.then(() => this.#running.delete(counted));
    return running;
  }

  get size(): number {
    return this.#running.size;
  }

  /** Resolves true when everything in flight (including work started meanwhile) settled, false after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = (async () => {
      while (this.#running.size > 0) await Promise.all(this.#running);
      return true as const;
    })();
    try {
      return await Promise.race([settled, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
