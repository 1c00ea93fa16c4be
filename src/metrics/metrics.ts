import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { statusOf } from "../github/is-transient-error.js";

/** What each `/agenda` command came to: done, refused (with a reply saying why), failed (GitHub), or queued for a retry. */
export type CommandOutcome = "ok" | "refused" | "failed" | "retry";

/**
 * The app's Prometheus metrics (prom-client), in a registry of its own. Labels are bounded (no
 * repository names), so a large installation cannot blow up the series count.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #meetingsCreated = new Counter({ name: "meeting_bot_meetings_created_total", help: "Meeting issues created.", registers: [this.registry] });
  readonly #carryOvers = new Counter({
    name: "meeting_bot_carry_overs_total",
    help: "Meeting issues created after a previous meeting, whose unfinished items were carried over.",
    registers: [this.registry],
  });
  readonly #commands = new Counter({ name: "meeting_bot_agenda_commands_total", help: "/agenda commands, by outcome.", labelNames: ["outcome"], registers: [this.registry] });
  readonly #githubErrors = new Counter({
    name: "meeting_bot_github_errors_total",
    help: 'Failed GitHub requests, by HTTP status ("network" when there was no answer).',
    labelNames: ["status"],
    registers: [this.registry],
  });
  readonly #lateness = new Histogram({
    name: "meeting_bot_scheduler_lateness_seconds",
    help: "From a meeting issue's creation time to the scheduler starting its run.",
    buckets: [0.1, 0.5, 1, 2, 5, 15, 60, 300, 3600],
    registers: [this.registry],
  });
  readonly #reconcile = new Histogram({
    name: "meeting_bot_reconcile_duration_seconds",
    help: "Duration of a reconcile pass with GitHub.",
    buckets: [0.5, 1, 5, 15, 60, 300, 900],
    registers: [this.registry],
  });

  #processMetrics = false;

  constructor(options: { retriesPending?: () => Promise<number> } = {}) {
    const pending = options.retriesPending;
    new Gauge({
      name: "meeting_bot_command_retries_pending",
      help: "/agenda commands waiting for a retry (with Redis: in every replica).",
      registers: [this.registry],
      async collect() {
        if (pending) this.set(await pending().catch(() => 0));
      },
    });
  }

  /** Add Node's process metrics (CPU, memory, event-loop lag), once: only when /metrics is served. */
  withProcessMetrics(): this {
    if (!this.#processMetrics) collectDefaultMetrics({ register: this.registry, prefix: "meeting_bot_" });
    this.#processMetrics = true;
    return this;
  }

  meetingCreated(carried: boolean): void {
    this.#meetingsCreated.inc();
    if (carried) this.#carryOvers.inc();
  }

  command(outcome: CommandOutcome): void {
    this.#commands.inc({ outcome });
  }

  githubError(error: unknown): void {
    this.#githubErrors.inc({ status: String(statusOf(error) ?? "network") });
  }

  schedulerLateness(seconds: number): void {
    this.#lateness.observe(Math.max(0, seconds));
  }

  reconciled(seconds: number): void {
    this.#reconcile.observe(seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
