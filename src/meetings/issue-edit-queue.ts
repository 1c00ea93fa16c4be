import type { Store } from "../store/store.js";

/** How one issue body is read, changed and written, for a batch of requests. */
export interface IssueEditor<R, O> {
  /** Requests of one kind are applied together; another kind waits for the next batch. */
  kind: string;
  read(): Promise<string>;
  write(body: string): Promise<void>;
  /** Pure: apply every request of the batch, in order, to one body. */
  apply(body: string, requests: R[]): { body: string; outcomes: O[] };
}

interface Pending<R, O> {
  request: R;
  editor: IssueEditor<R, O>;
  resolve(outcome: O): void;
  reject(error: unknown): void;
}

const LEASE_MS = 30_000;

/**
 * Serialises edits of each issue body and coalesces them. GitHub has no conditional update for
 * issue bodies, so two concurrent read-modify-writes lose one edit. Here every edit of an issue
 * waits its turn; requests that arrive while a write is in flight are applied together in the
 * next single read + write. Across replicas a store lease guards the same critical section.
 *
 * 50 commands arriving at once cost a handful of writes, not 50, and none is lost.
 */
export class IssueEditQueue {
  readonly #pending = new Map<string, Array<Pending<never, never>>>();
  readonly #store: Store;
  readonly #sleep: (ms: number) => Promise<void>;
  /** Batches written so far (for tests and benchmarks). */
  writes = 0;

  constructor(options: { store: Store; sleep?: (ms: number) => Promise<void> }) {
    this.#store = options.store;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Queue `request` for the issue `key` (e.g. `owner/repo#12`); resolves with its outcome once written. */
  submit<R, O>(key: string, request: R, editor: IssueEditor<R, O>): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const queue = this.#pending.get(key);
      const entry = { request, editor, resolve, reject } as unknown as Pending<never, never>;
      if (queue) {
        queue.push(entry);
        return;
      }
      this.#pending.set(key, [entry]);
      void this.#drain(key);
    });
  }

  async #drain(key: string): Promise<void> {
    // The first batch starts at once; later batches collect what arrived during the previous write.
    for (;;) {
      const queue = this.#pending.get(key);
      if (!queue || queue.length === 0) {
        this.#pending.delete(key);
        return;
      }
      // The leading requests of one kind: a batch is applied by one editor.
      const kind = (queue[0] as Pending<never, never>).editor.kind;
      const same = queue.findIndex((entry) => entry.editor.kind !== kind);
      const batch = queue.splice(0, same === -1 ? queue.length : same);
      try {
        await this.#runBatch(key, batch);
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
  }

  async #runBatch(key: string, batch: Array<Pending<never, never>>): Promise<void> {
    const editor = (batch[0] as Pending<never, never>).editor as unknown as IssueEditor<unknown, unknown>;
    const lease = await this.#acquire(key);
    try {
      const before = await editor.read();
      const { body, outcomes } = editor.apply(
        before,
        batch.map((entry) => entry.request),
      );
      if (body !== before) {
        await editor.write(body);
        this.writes++;
      }
      batch.forEach((entry, index) => (entry.resolve as (outcome: unknown) => void)(outcomes[index]));
    } finally {
      await lease.release();
    }
  }

  /** Another replica may be editing the same issue: wait for its lease (bounded). */
  async #acquire(key: string) {
    for (let attempt = 0; ; attempt++) {
      const lease = await this.#store.acquire(`edit:${key}`, LEASE_MS);
      if (lease) return lease;
      if (attempt >= 50) throw new Error(`timed out waiting for another process to finish editing ${key}`);
      await this.#sleep(Math.min(100 * 2 ** attempt, 2_000));
    }
  }
}
