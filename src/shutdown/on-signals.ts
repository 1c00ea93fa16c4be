import type { Logger } from "probot";

export interface ShutdownTarget {
  /** Stop taking new work, let work in flight finish within `graceMs`, release resources. */
  shutdown(graceMs: number): Promise<{ drained: boolean }>;
}

/** Within Docker's and Kubernetes' default 10 s between SIGTERM and SIGKILL, with room to exit. */
export const DEFAULT_GRACE_MS = 8_000;

/**
 * SIGTERM (`docker stop`, Kubernetes) and SIGINT (Ctrl-C) end the process gracefully: timers and
 * cron jobs stop, in-flight edits and creations finish (for at most `graceMs`), the store closes,
 * and the process exits 0 (1 if work was still running at the bound). `probot run` installs no
 * handler of its own; without one, Node as PID 1 ignores SIGTERM and is killed mid-write.
 * A second signal exits at once.
 */
export function exitOnSignals(
  target: ShutdownTarget,
  log: Pick<Logger, "info" | "warn" | "error">,
  options: { graceMs?: number; exit?: (code: number) => void; signals?: NodeJS.Signals[] } = {},
): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting now");
      exit(1);
      return;
    }
    stopping = true;
    const started = Date.now();
    log.info({ signal, graceSeconds: graceMs / 1000 }, `${signal}: shutting down; letting work in flight finish`);
    target.shutdown(graceMs).then(
      ({ drained }) => {
        if (drained) log.info({ signal, ms: Date.now() - started }, "shut down cleanly");
        else log.warn({ signal, ms: Date.now() - started }, `work still running after ${graceMs / 1000} s; exiting anyway (it is retried or redelivered)`);
        exit(drained ? 0 : 1);
      },
      (error: unknown) => {
        log.error({ err: error, signal }, "shutdown failed");
        exit(1);
      },
    );
  };
  const signals = options.signals ?? ["SIGTERM", "SIGINT"];
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
