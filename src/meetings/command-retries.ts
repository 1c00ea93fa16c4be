import { isRateLimitError, isTransientError, retryAfterSeconds } from "../github/is-transient-error.js";
import type { AgendaComment } from "./agenda-comment.js";

/** A command whose run failed, waiting for its next attempt. */
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

/**
 * `/agenda` commands that failed because GitHub did (5xx, timeouts, rate limits), to be run again
 * by the app itself: GitHub never redelivers a failed webhook on its own, so without this a command
 * written during an outage would wait for someone to press "Redeliver". A retry is the same run as
 * a redelivery (hidden item markers and the "seen" key keep it from doing anything twice). Kept in
 * memory: after a restart, Redeliver is still the way back.
 */
export class CommandRetries {
  private readonly pending = new Map<string, PendingCommand>();

  /** Record a failed run of `comment`; `failures` is how many runs failed before this one. */
  failed(comment: AgendaComment, installationId: number, failures: number, error: unknown, nowMs: number): RetryDecision {
    const failed = failures + 1;
    if (!isTransientError(error) && !isRateLimitError(error)) return { retry: false, failures: failed, reason: "not-transient" };
    const backoff = BACKOFF_MS[failures];
    if (backoff === undefined) return { retry: false, failures: failed, reason: "gave-up" };
    const key = keyOf(comment);
    if (!this.pending.has(key) && this.pending.size >= MAX_PENDING) return { retry: false, failures: failed, reason: "full" };
    // GitHub's own word on when to come back wins over the backoff, but never sooner than it.
    const askedMs = (retryAfterSeconds(error, nowMs) ?? 0) * 1000;
    const inMs = Math.max(backoff, askedMs);
    this.pending.set(key, { comment, installationId, failures: failed, dueAtMs: nowMs + inMs });
    return { retry: true, inMs, failures: failed };
  }

  /** Take out the commands due at `nowMs`, oldest first. */
  takeDue(nowMs: number): PendingCommand[] {
    const due = [...this.pending.values()].filter((command) => command.dueAtMs <= nowMs).sort((a, b) => a.dueAtMs - b.dueAtMs);
    for (const command of due) this.pending.delete(keyOf(command.comment));
    return due;
  }

  get size(): number {
    return this.pending.size;
  }
}

function keyOf(comment: AgendaComment): string {
  return `${comment.kind}:${comment.repository.fullName}:${comment.id}`;
}
