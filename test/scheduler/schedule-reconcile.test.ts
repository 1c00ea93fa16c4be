import { describe, expect, it } from "@jest/globals";
import { checkReconcileCron, scheduleReconcile } from "../../src/scheduler/schedule-reconcile.js";
import { MemoryStore } from "../../src/store/memory-store.js";

const log = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

describe("the reconcile job on node-cron", () => {
  it("runs each firing on one replica only (the store's run coordinator)", async () => {
    const store = new MemoryStore(); // shared, as Redis is between replicas
    const runs: string[] = [];
    let caughtUp = 0;
    const replicas = ["a", "b"].map((name) =>
      scheduleReconcile(
        "* * * * * *",
        store,
        async () => {
          runs.push(`${name}@${Math.floor(Date.now() / 1000)}`);
        },
        log,
        async () => {
          caughtUp++; // the replica not elected catches up from the store instead
        },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    for (const replica of replicas) await replica.destroy();
    const seconds = runs.map((run) => run.split("@")[1]);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seconds).size).toBe(seconds.length); // never twice for one firing
    expect(caughtUp).toBeGreaterThanOrEqual(1);
  });

  it("refuses an expression that is not cron, naming the variable and the fix; `off` is allowed", () => {
    expect(() => checkReconcileCron("hourly")).toThrow('MEETING_BOT_RECONCILE_CRON is not a cron expression: "hourly". Use five or six fields, e.g. "0 * * * *" (hourly), or "off".');
    expect(() => checkReconcileCron("off")).not.toThrow();
    expect(() => checkReconcileCron("*/15 * * * *")).not.toThrow();
  });
});
