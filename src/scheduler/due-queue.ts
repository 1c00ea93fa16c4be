/**
 * Keys ordered by the time they are next due: a binary min-heap with lazy deletion. A tick only
 * looks at the top, so its cost grows with the number of keys due, not the number installed.
 */
export class DueQueue<K> {
  readonly #heap: Array<{ at: number; key: K; version: number }> = [];
  readonly #versions = new Map<K, number>();
  #nextVersion = 0;

  /** Schedule (or reschedule) `key` at `at` (ms); an earlier entry for it is dropped. */
  set(key: K, at: number): void {
    const version = ++this.#nextVersion;
    this.#versions.set(key, version);
    this.#push({ at, key, version });
    // A replaced or deleted entry stays in the heap until it reaches the top, which a key
    // rescheduled over and over (config pushes) may never let happen: rebuild when stale ones pile up.
    if (this.#heap.length > 2 * this.#versions.size + 16) this.#compact();
  }

  delete(key: K): void {
    this.#versions.delete(key);
  }

  has(key: K): boolean {
    return this.#versions.has(key);
  }

  get size(): number {
    return this.#versions.size;
  }

  /** Entries held, stale ones included; right after a `set`, at most 2 × size + 16. */
  get heapLength(): number {
    return this.#heap.length;
  }

  /** When the earliest key is due; undefined when empty. */
  peekTime(): number | undefined {
    this.#dropStale();
    return this.#heap[0]?.at;
  }

  /** Remove and return every key due at or before `now`, earliest first. */
  popDue(now: number): K[] {
    const due: K[] = [];
    for (;;) {
      this.#dropStale();
      const top = this.#heap[0];
      if (!top || top.at > now) return due;
      this.#pop();
      this.#versions.delete(top.key);
      due.push(top.key);
    }
  }

  #dropStale(): void {
    let top = this.#heap[0];
    while (top && this.#versions.get(top.key) !== top.version) {
      this.#pop();
      top = this.#heap[0];
    }
  }

  // Keep the live entries; a sorted array is a valid min-heap.
  #compact(): void {
    const live = this.#heap.filter((entry) => this.#versions.get(entry.key) === entry.version).sort((a, b) => a.at - b.at);
    this.#heap.length = 0;
    for (const entry of live) this.#heap.push(entry);
  }

  #push(entry: { at: number; key: K; version: number }): void {
    const heap = this.#heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((heap[parent] as typeof entry).at <= entry.at) break;
      heap[index] = heap[parent] as typeof entry;
      index = parent;
    }
    heap[index] = entry;
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && (heap[right] as typeof last).at < (heap[left] as typeof last).at ? right : left;
      if ((heap[child] as typeof last).at >= last.at) break;
      heap[index] = heap[child] as typeof last;
      index = child;
    }
    heap[index] = last;
  }
}
