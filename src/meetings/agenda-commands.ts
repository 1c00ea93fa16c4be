import type { DateTime } from "luxon";
import type { Logger } from "probot";
import type { GitHubClient } from "../github/github-client.js";
import type { AgendaComment } from "./agenda-comment.js";
import { CommandRetries, type PendingCommand } from "./command-retries.js";
import { CommandBusyError, reportAgendaFailure, RUN_LEASE_MS, runAgendaComment, type AgendaClient, type AgendaDeps } from "./handle-agenda-comment.js";

export interface AgendaCommandsOptions {
  now(): DateTime;
  /** Told when a run failed: queued for a retry, or failed for good (metrics). */
  onFailure?(outcome: "retry" | "failed"): void;
  log(): Logger;
  octokitFor(installationId: number): Promise<GitHubClient>;
  deps: AgendaDeps;
}

/**
 * Runs `/agenda` comments, from a webhook or from the retry queue, and decides what happens when a
 * run cannot finish: GitHub failing (retry with backoff, then tell the commenter), GitHub refusing
 * (tell the commenter now), another process running the same comment (run it after that process's
 * lease), or this process stopping (leave it queued for whoever runs next).
 */
export class AgendaCommands {
  readonly retries: CommandRetries;
  readonly #options: AgendaCommandsOptions;
  /** Set when the process is shutting down: new comments are queued, not started. */
  stopping = false;
  /** Comments being run now, for a shutdown to hand over those it cannot wait for. */
  readonly #running = new Map<string, PendingCommand>();

  constructor(options: AgendaCommandsOptions) {
    this.#options = options;
    this.retries = new CommandRetries(options.deps.store);
  }

  /** A comment from a webhook, with the event's client. Rejects when the delivery should show as failed on GitHub. */
  async fromWebhook(comment: AgendaComment, installationId: number | undefined, client: AgendaClient): Promise<void> {
    if (installationId === undefined) return runAgendaComment(comment, client, this.#options.deps);
    if (this.stopping) {
      // In memory it would die with the process: fail the delivery, so GitHub shows it to redeliver.
      if (!this.#options.deps.store.shared) throw new Error("meeting-bot is shutting down: redeliver this webhook once it runs again");
      // With Redis: kept for another replica (or the next start) rather than started now.
      await this.retries.later({ comment, installationId, failures: 0, dueAtMs: this.#options.now().toMillis() });
      this.#options.log().info({ repo: comment.repository.fullName, comment: comment.htmlUrl }, `shutting down: ${commandsIn(comment)} command queued for the next run`);
      return;
    }
    const running = { comment, installationId, failures: 0, dueAtMs: 0 };
    this.#running.set(comment.htmlUrl, running);
    try {
      await runAgendaComment(comment, client, this.#options.deps);
    } catch (error) {
      if (await this.#failed(comment, installationId, 0, error)) return;
      throw error; // Probot answers the delivery with an error status: GitHub shows it failed
    } finally {
      if (this.#running.get(comment.htmlUrl) === running) this.#running.delete(comment.htmlUrl);
    }
  }

  /**
   * The process stops before these comments' runs finished: with a shared store (Redis), queue
   * them for another replica (or the next start), due when this process's run leases have lapsed.
   * A re-run finds what was already done (hidden item markers, the reply) and does the rest.
   * Returns how many were handed over; in memory there is nowhere to hand them (GitHub shows the
   * deliveries failed, to redeliver).
   */
  async handOver(): Promise<number> {
    if (!this.#options.deps.store.shared) return 0;
    const dueAtMs = this.#options.now().toMillis() + RUN_LEASE_MS;
    for (const command of this.#running.values()) await this.retries.later({ ...command, dueAtMs });
    return this.#running.size;
  }

  /** Run the queued commands that are due (a tick). */
  async retryDue(): Promise<void> {
    if (this.stopping) return;
    for (const job of await this.retries.takeDue(this.#options.now().toMillis())) {
      try {
        const client = { octokit: await this.#options.octokitFor(job.installationId), log: this.#options.log() };
        await runAgendaComment(job.comment, client, this.#options.deps);
        await this.retries.done(job.comment);
      } catch (error) {
        await this.#failed(job.comment, job.installationId, job.failures, error);
      }
    }
  }

  /** Whether the comment is in hand (queued to run later); false when the failure is for good. */
  async #failed(comment: AgendaComment, installationId: number, failures: number, error: unknown): Promise<boolean> {
    const log = this.#options.log();
    const context = { repo: comment.repository.fullName, comment: comment.htmlUrl };
    if (error instanceof CommandBusyError) {
      await this.retries.later({ comment, installationId, failures, dueAtMs: error.retryAtMs });
      log.info(context, `another process is running this ${commandsIn(comment)} comment; checking it again when its lease ends`);
      return true;
    }
    const decision = await this.retries.failed(comment, installationId, failures, error, this.#options.now().toMillis());
    this.#options.onFailure?.(decision.retry ? "retry" : "failed");
    if (decision.retry) {
      log.warn({ ...context, failures: decision.failures, retryInSeconds: decision.inMs / 1000 }, `${commandsIn(comment)} command failed (GitHub error); trying again in ${decision.inMs / 1000} s`);
      return false;
    }
    if (decision.reason !== "not-transient") {
      const why = decision.reason === "full" ? "too many commands already wait for a retry" : `it failed ${decision.failures} times`;
      log.error({ ...context, failures: decision.failures }, `${commandsIn(comment)} command not run: ${why}. Redeliver its webhook (the app's Advanced settings) or write the command again`);
    }
    // Said on the thread too, where the commenter looks; best effort, GitHub may still be failing.
    const why = { "not-transient": "GitHub refused a request", "gave-up": "GitHub kept failing for over an hour", full: "GitHub is failing, and too many commands wait for a retry" }[decision.reason];
    const octokit = await this.#options.octokitFor(installationId).catch(() => undefined);
    if (octokit) await reportAgendaFailure({ octokit, log }, comment, error, why);
    return false;
  }
}

/** What the comment's commands are, for the log: `/agenda`, `/meeting`, or both. */
function commandsIn(comment: AgendaComment): string {
  const agenda = /^[ \t]*\/agenda\b/im.test(comment.body);
  const meeting = /^[ \t]*\/meeting\b/im.test(comment.body);
  return agenda && meeting ? "/agenda and /meeting" : meeting ? "/meeting" : "/agenda";
}
