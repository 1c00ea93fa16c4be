import { isRateLimitError, isTransientError, retryAfterSeconds } from "../github/is-transient-error.js";
import type { Store } from "../store/store.js";
import type { AgendaComment } from "./agenda-comment.js";

/** A command whose run failed (or could not start), waiting for its next attempt. */
export interface PendingCommand {
  comment: AgendaComment;
  installationId: number;
  /** Runs that failed so far. */
  failures: number;
  dueAtMs: number;
}

export type RetryDecision =
  | { retry: true; inMs: number; failures: number }
  | { retry: false; failures: number; reason: "not-transient" | "gave-up" | "full" };

const MINUTE = 60_000;
/** Waits after the 1st, 2nd, … failure: about 1 h 15 min in all, then the command is given up. */
const BACKOFF_MS = [1, 2, 4, 8, 15, 15, 15, 15].map((minutes) => minutes * MINUTE);
const MAX_PENDING = 1_000;
const QUEUE = "agenda-commands";
/** A taken command is due again after this long, if whoever took it did not finish (it died). */
const CLAIM_MS = 5 * MINUTE;

/**
 * `/agenda` commands that failed because GitHub did (5xx, timeouts, rate limits), to be run again
 * by the app itself: GitHub never redelivers a failed webhook on its own, so without this a command
 * written during an outage would wait for someone to press "Redeliver". A retry is the same run as
 * a redelivery (hidden item markers and the "seen" key keep it from doing anything twice).
 *
 * The commands wait in the store's delayed queue: in memory for one process, and with REDIS_URL
 * in Redis, where they survive a restart and are taken by whichever replica is alive (a taken
 * command is claimed, and due again if its taker dies before it is done).
 */
export class CommandRetries {
  readonly #store: Store;
  /** The earliest due time this process scheduled, so its timer can wake for it. */
  #earliestMs: number | undefined;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Record a failed run of `comment`; `failures` is how many runs failed before this one. */
  async failed(comment: AgendaComment, installationId: number, failures: number, error: unknown, nowMs: number): Promise<RetryDecision> {
    const failed = failures + 1;
    if (!isTransientError(error) && !isRateLimitError(error)) return this.#drop(comment, { retry: false, failures: failed, reason: "not-transient" });
    const backoff = BACKOFF_MS[failures];
    if (backoff === undefined) return this.#drop(comment, { retry: false, failures: failed, reason: "gave-up" });
    if (failures === 0 && (await this.#store.queueSize(QUEUE)).size >= MAX_PENDING) return { retry: false, failures: failed, reason: "full" };
    // GitHub's own word on when to come back wins over the backoff, but never sooner than it.
    const askedMs = (retryAfterSeconds(error, nowMs) ?? 0) * 1000;
    const inMs = Math.max(backoff, askedMs);
    await this.later({ comment, installationId, failures: failed, dueAtMs: nowMs + inMs });
    return { retry: true, inMs, failures: failed };
  }

  /** Run `command` at its due time (e.g. when another process holds the command, or this one is stopping). */
  async later(command: PendingCommand): Promise<void> {
    await this.#store.schedule(QUEUE, { id: keyOf(command.comment), payload: JSON.stringify(command), dueAtMs: command.dueAtMs });
    this.#earliestMs = Math.min(this.#earliestMs ?? Infinity, command.dueAtMs);
  }

  /** Take out the commands due at `nowMs`, oldest first; each must end in `done` or `failed`. */
  async takeDue(nowMs: number, limit = 100): Promise<PendingCommand[]> {
    if (this.#earliestMs !== undefined && this.#earliestMs <= nowMs) this.#earliestMs = undefined;
    const entries = await this.#store.takeDue(QUEUE, nowMs, CLAIM_MS, limit);
    return entries.map((entry) => JSON.parse(entry.payload) as PendingCommand);
  }

  /** The command ran (or will not be run again): it leaves the queue. */
  async done(comment: AgendaComment): Promise<void> {
    await this.#store.unschedule(QUEUE, keyOf(comment));
  }

  /** Commands waiting, in this process or (with Redis) in any replica. */
  async size(): Promise<number> {
    return (await this.#store.queueSize(QUEUE)).size;
  }

  /** When this process should wake for a retry it scheduled itself; other replicas' are found by polling. */
  get nextWakeUpMs(): number | undefined {
    return this.#earliestMs;
  }

  async #drop(comment: AgendaComment, decision: RetryDecision): Promise<RetryDecision> {
    await this.done(comment);
    return decision;
  }
}

function keyOf(comment: AgendaComment): string {
  return `${comment.kind}:${comment.repository.fullName}:${comment.id}`;
}
