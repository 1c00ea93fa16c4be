import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "probot";
import type { Store } from "../store/store.js";

/** Hourly, at minute 0. `MEETING_BOT_RECONCILE_CRON` changes it (node-cron syntax); `off` turns it off. */
export const DEFAULT_RECONCILE_CRON = "0 * * * *";
const LEASE_MS = 10 * 60_000;

/**
 * The periodic reconcile on node-cron. With replicas (REDIS_URL), each firing is run by one of
 * them: node-cron asks its run coordinator, here the store's "remember once" keys, keyed by the
 * firing's time, so the first replica to ask runs it and the others skip it. A run still going
 * when the next firing comes is not started twice.
 */
/** Throws a message naming the variable and the fix when `expression` is neither a cron expression nor `off`. */
export function checkReconcileCron(expression: string): void {
  if (expression !== "off" && !cron.validate(expression)) {
    throw new Error(`MEETING_BOT_RECONCILE_CRON is not a cron expression: "${expression}". Use five or six fields, e.g. "0 * * * *" (hourly), or "off".`);
  }
}

export function scheduleReconcile(
  expression: string,
  store: Store,
  run: () => Promise<void>,
  log: Pick<Logger, "error" | "warn" | "info" | "debug">,
  /** Run on the replicas that were not elected for a firing (catch up from the store). */
  skipped?: () => Promise<void>,
): ScheduledTask {
  checkReconcileCron(expression);
  const task = cron.schedule(
    expression,
    async () => {
      try {
        await run();
      } catch (error) {
        log.error({ err: error }, "reconcile failed; trying again at the next run");
      }
    },
    {
      name: "meeting-bot-reconcile",
      noOverlap: true,
      distributed: true,
      distributedLease: LEASE_MS,
      runCoordinator: { shouldRun: (key, ttlMs) => store.remember(`cron:${key}`, ttlMs) },
      logger: {
        info: (message) => log.debug(message),
        warn: (message) => log.warn(message),
        error: (message) => log.error(typeof message === "string" ? message : { err: message }, "node-cron"),
        debug: (message) => log.debug(typeof message === "string" ? message : { err: message }, "node-cron"),
      },
    },
  );
  if (skipped) {
    task.on("execution:skipped", () => {
      skipped().catch((error: unknown) => log.error({ err: error }, "catching up with the other replicas failed"));
    });
  }
  return task;
}
