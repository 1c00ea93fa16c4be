import { describe, expect, it } from "@jest/globals";
import { limitConcurrency } from "../../src/scheduler/limit-concurrency.js";

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Let every queued promise continuation run (no timers involved). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** Tasks that record when they start and run until their gate is opened. */
function gatedTasks(count: number) {
  const started: number[] = [];
  let active = 0;
  let maxActive = 0;
  const gates = Array.from({ length: count }, () => deferred<number>());
  const task = (index: number) => async () => {
    started.push(index);
    active++;
    maxActive = Math.max(maxActive, active);
    try {
      return await (gates[index] as Deferred<number>).promise;
    } finally {
      active--;
    }
  };
  return { started, gates, task, stats: () => ({ active, maxActive }) };
}

describe("limitConcurrency", () => {
  it.each([
    { limit: 1, tasks: 5 },
    { limit: 3, tasks: 10 },
    { limit: 4, tasks: 4 },
    { limit: 10, tasks: 3 },
  ])("runs at most $limit of $tasks tasks at once, and all of them in the end", async ({ limit, tasks }) => {
    const run = limitConcurrency(limit);
    const { started, gates, task, stats } = gatedTasks(tasks);
    const results = Array.from({ length: tasks }, (_, index) => run(task(index)));
    await settle();
    expect(started).toHaveLength(Math.min(limit, tasks));

    // Finish tasks in a scrambled order; the limit holds at every step.
    const order = Array.from({ length: tasks }, (_, index) => (index * 7 + 3) % tasks);
    for (const index of new Set(order)) {
      (gates[index] as Deferred<number>).resolve(index * 10);
      await settle();
      expect(stats().active).toBeLessThanOrEqual(limit);
    }
    for (let index = 0; index < tasks; index++) if (!started.includes(index)) (gates[index] as Deferred<number>).resolve(index * 10);

    expect(await Promise.all(results)).toEqual(Array.from({ length: tasks }, (_, index) => index * 10));
    expect(stats().maxActive).toBe(Math.min(limit, tasks));
    expect(stats().active).toBe(0);
  });

  it("starts waiting tasks in the order they were submitted, whichever finishes first", async () => {
    const run = limitConcurrency(2);
    const { started, gates, task } = gatedTasks(6);
    const results = Array.from({ length: 6 }, (_, index) => run(task(index)));
    await settle();
    expect(started).toEqual([0, 1]);
    (gates[1] as Deferred<number>).resolve(1);
    await settle();
    expect(started).toEqual([0, 1, 2]);
    (gates[0] as Deferred<number>).resolve(0);
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const index of [3, 2, 5, 4]) {
      (gates[index] as Deferred<number>).resolve(index);
      await settle();
    }
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    await Promise.all(results);
  });

  it.each([
    {
      name: "a rejected promise",
      failing: async () => {
        throw new Error("boom");
      },
    },
    {
      name: "a synchronous throw",
      failing: (() => {
        throw new Error("boom");
      }) as () => Promise<never>,
    },
  ])("passes on the error of $name and frees the slot for the next task", async ({ failing }) => {
    const run = limitConcurrency(1);
    const failed = run(failing);
    const next = run(async () => "next ran");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("next ran");
    // The slot is free again: a new task starts at once.
    let ranAtOnce = false;
    const later = run(async () => {
      ranAtOnce = true;
    });
    expect(ranAtOnce).toBe(true);
    await later;
  });

  it("keeps separate limiters separate", async () => {
    const first = limitConcurrency(1);
    const second = limitConcurrency(1);
    const gate = deferred();
    const blocked = first(() => gate.promise);
    let ran = false;
    await second(async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    gate.resolve();
    await blocked;
  });

  // Bug: a finishing task decrements `active` before the waiter it wakes has resumed, so a task
  // submitted in between sees a free slot, starts at once, and the woken waiter then starts too:
  // limit + 1 tasks run, and the newcomer overtook the waiter. Fix: hand the slot over (keep
  // `active` as it is when waking a waiter; only decrement when nobody waits).
  it("does not let a task submitted while a slot is handed over jump the queue", async () => {
    const run = limitConcurrency(1);
    const { started, gates, task, stats } = gatedTasks(3);
    const first = task(0)();
    // Task 0 is already running; wrap its promise so the limiter awaits it.
    const results = [run(() => first), run(task(1))];
    // Submitted right after task 0 finishes, before task 1 has resumed.
    const newcomer = first.then(() => run(task(2)));
    (gates[0] as Deferred<number>).resolve(0);
    await settle();
    expect(stats().maxActive).toBeLessThanOrEqual(1);
    expect(started).toEqual([0, 1]);
    (gates[1] as Deferred<number>).resolve(1);
    (gates[2] as Deferred<number>).resolve(2);
    await Promise.all([...results, newcomer]);
  });
});
