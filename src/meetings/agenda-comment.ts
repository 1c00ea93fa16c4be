import type { EmitterWebhookEvent } from "@octokit/webhooks";

/** The webhooks whose text may hold `/agenda` commands: the three places people write on an issue or PR. */
export const AGENDA_EVENTS = ["issue_comment.created", "pull_request_review_comment.created", "pull_request_review.submitted"] as const;
export type AgendaEventName = (typeof AGENDA_EVENTS)[number];

/**
 * Where a command was written:
 * - `issue-comment`: the conversation of an issue or PR; the app reacts to it and replies below it;
 * - `review-comment`: a line of a PR's diff; `review`: a submitted review's summary. GitHub only lets
 *   an app react to or reply in those with `pull_requests: write`, which this app does not ask for
 *   (it never changes a PR), so it answers them with a reply in the PR's conversation.
 */
export type AgendaCommentKind = "issue-comment" | "review-comment" | "review";

/** A comment that may hold `/agenda` commands, whichever event brought it. */
export interface AgendaComment {
  kind: AgendaCommentKind;
  /** The comment's (or review's) id; ids are only unique within a kind. */
  id: number;
  body: string;
  /** Null for a deleted ("ghost") user. */
  user: { login: string; type: string } | null;
  authorAssociation: string;
  createdAt: string;
  htmlUrl: string;
  /** The issue or pull request it was written on. */
  thread: { number: number; title: string; body: string | null };
  repository: { owner: string; name: string; fullName: string };
}

type Payload = EmitterWebhookEvent<AgendaEventName>["payload"];

/** One shape for the three payloads. */
export function agendaCommentFrom(payload: Payload): AgendaComment {
  const repository = { owner: payload.repository.owner.login, name: payload.repository.name, fullName: payload.repository.full_name };
  const user = (account: { login: string; type?: string | undefined } | null) => (account ? { login: account.login, type: account.type ?? "User" } : null);
  if ("review" in payload) {
    const { review, pull_request: pull } = payload;
    return {
      kind: "review",
      id: review.id,
      body: review.body ?? "",
      user: user(review.user),
      authorAssociation: review.author_association,
      // A review is created when it is started and written when submitted; replies come after that.
      createdAt: review.submitted_at ?? "1970-01-01T00:00:00Z",
      htmlUrl: review.html_url,
      thread: { number: pull.number, title: pull.title, body: pull.body },
      repository,
    };
  }
  // A comment in an issue's or PR's conversation, or on a line of a PR's diff: the same fields.
  const { comment } = payload;
  const thread = "pull_request" in payload ? payload.pull_request : payload.issue;
  return {
    kind: "pull_request" in payload ? "review-comment" : "issue-comment",
    id: comment.id,
    body: comment.body,
    user: user(comment.user),
    authorAssociation: comment.author_association,
    createdAt: comment.created_at,
    htmlUrl: comment.html_url,
    thread: { number: thread.number, title: thread.title, body: thread.body ?? null },
    repository,
  };
}
