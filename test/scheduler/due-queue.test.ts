import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { DueQueue } from "../../src/scheduler/due-queue.js";

function queueOf(entries: Array<[string, number]>): DueQueue<string> {
  const queue = new DueQueue<string>();
  for (const [key, at] of entries) queue.set(key, at);
  return queue;
}

describe("DueQueue", () => {
  it("is empty at first", () => {
    const queue = new DueQueue<string>();
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBeUndefined();
    expect(queue.popDue(Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it.each<{ name: string; entries: Array<[string, number]>; now: number; due: string[]; peekAfter: number | undefined }>([
    { name: "nothing due yet", entries: [["a", 30], ["b", 10], ["c", 20]], now: 9, due: [], peekAfter: 10 },
    { name: "due exactly at its time", entries: [["a", 30], ["b", 10], ["c", 20]], now: 10, due: ["b"], peekAfter: 20 },
    { name: "all due, earliest first", entries: [["a", 30], ["b", 10], ["c", 20]], now: 100, due: ["b", "c", "a"], peekAfter: undefined },
    { name: "some due", entries: [["e", 5], ["d", 50], ["c", 3], ["b", 40], ["a", 4]], now: 40, due: ["c", "a", "e", "b"], peekAfter: 50 },
    { name: "negative and zero times", entries: [["late", 0], ["early", -5]], now: 0, due: ["early", "late"], peekAfter: undefined },
  ])("popDue: $name", ({ entries, now, due, peekAfter }) => {
    const queue = queueOf(entries);
    expect(queue.popDue(now)).toEqual(due);
    expect(queue.size).toBe(entries.length - due.length);
    expect(queue.peekTime()).toBe(peekAfter);
    for (const key of due) expect(queue.has(key)).toBe(false);
  });

  it("peekTime is the earliest time and does not remove anything", () => {
    const queue = queueOf([["a", 30], ["b", 10]]);
    expect(queue.peekTime()).toBe(10);
    expect(queue.peekTime()).toBe(10);
    expect(queue.size).toBe(2);
  });

  it("rescheduling replaces the earlier entry, later or sooner", () => {
    const queue = queueOf([["a", 10], ["b", 20]]);
    queue.set("a", 30); // later: the entry at 10 is gone
    expect(queue.size).toBe(2);
    expect(queue.peekTime()).toBe(20);
    expect(queue.popDue(25)).toEqual(["b"]);
    expect(queue.popDue(29)).toEqual([]);

    queue.set("a", 5); // sooner: the entry at 30 is gone
    expect(queue.popDue(5)).toEqual(["a"]);
    expect(queue.popDue(1000)).toEqual([]);
    expect(queue.size).toBe(0);
  });

  it("delete removes a key, and deleting an unknown key is harmless", () => {
    const queue = queueOf([["a", 10], ["b", 20]]);
    queue.delete("a");
    queue.delete("never-added");
    expect(queue.has("a")).toBe(false);
    expect(queue.has("b")).toBe(true);
    expect(queue.size).toBe(1);
    expect(queue.peekTime()).toBe(20);
    expect(queue.popDue(100)).toEqual(["b"]);
  });

  it("a deleted key can be set again", () => {
    const queue = queueOf([["a", 10]]);
    queue.delete("a");
    queue.set("a", 50);
    expect(queue.popDue(10)).toEqual([]);
    expect(queue.popDue(50)).toEqual(["a"]);
  });

  it("keys due at the same time are all returned", () => {
    const queue = queueOf([["a", 7], ["b", 7], ["c", 7], ["d", 8]]);
    expect(queue.popDue(7).sort()).toEqual(["a", "b", "c"]);
    expect(queue.popDue(8)).toEqual(["d"]);
  });

  describe("stale entries", () => {
    it("do not pile up when one key is rescheduled again and again without popping", () => {
      // Each new time is sooner, so the live entry stays on top and the stale ones never surface.
      const queue = new DueQueue<string>();
      for (let at = 100_000; at > 0; at--) queue.set("busy", at);
      expect(queue.size).toBe(1);
      expect(queue.heapLength).toBeLessThanOrEqual(2 * queue.size + 16);
      expect(queue.popDue(0)).toEqual([]);
      expect(queue.popDue(1)).toEqual(["busy"]);
      expect(queue.heapLength).toBe(0);
    });

    it("do not pile up under repeated set and delete of many keys", () => {
      const queue = new DueQueue<number>();
      for (let round = 0; round < 1000; round++) {
        for (let key = 0; key < 50; key++) queue.set(key, 1_000_000 - round);
        for (let key = 0; key < 50; key += 2) queue.delete(key);
      }
      expect(queue.size).toBe(25);
      expect(queue.heapLength).toBeLessThanOrEqual(2 * 50 + 16);
      // Compaction kept every live key at its latest time.
      const due = queue.popDue(1_000_000 - 999);
      expect(due.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, index) => index * 2 + 1));
      expect(queue.peekTime()).toBeUndefined();
    });
  });

  describe("against a naive model (random operation sequences)", () => {
    type Op =
      | { op: "set"; key: number; at: number }
      | { op: "delete"; key: number }
      | { op: "popDue"; now: number }
      | { op: "peekTime" };
    // Few keys and times: collisions, reschedules and ties are common.
    const key = fc.integer({ min: 0, max: 7 });
    const time = fc.integer({ min: 0, max: 40 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant("set" as const), key, at: time }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("delete" as const), key }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("popDue" as const), now: time }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant("peekTime" as const) }) },
    );

    it("behaves like a map of key → time", () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
          const queue = new DueQueue<number>();
          const model = new Map<number, number>();
          for (const step of ops) {
            switch (step.op) {
              case "set":
                queue.set(step.key, step.at);
                model.set(step.key, step.at);
                break;
              case "delete":
                queue.delete(step.key);
                model.delete(step.key);
                break;
              case "popDue": {
                const popped = queue.popDue(step.now);
                const expected = [...model].filter(([, at]) => at <= step.now).map(([k]) => k);
                expect([...popped].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
                // Earliest first (keys due at the same time in any order).
                const times = popped.map((k) => model.get(k) as number);
                expect(times).toEqual([...times].sort((a, b) => a - b));
                for (const k of popped) model.delete(k);
                break;
              }
              case "peekTime": {
                const times = [...model.values()];
                expect(queue.peekTime()).toBe(times.length === 0 ? undefined : Math.min(...times));
                break;
              }
            }
            expect(queue.size).toBe(model.size);
            for (let k = 0; k <= 7; k++) expect(queue.has(k)).toBe(model.has(k));
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
