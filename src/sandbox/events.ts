import type { Account, Comment, Installation, Issue, Label, Repository, ReviewNote } from "./state.js";

/** What happened in the sandbox, in domain terms; webhooks.ts renders these as GitHub webhook payloads. */
export type SandboxEvent =
  | {
      name: "issues";
      action: "opened" | "edited" | "closed" | "reopened" | "labeled" | "unlabeled";
      repository: Repository;
      issue: Issue;
      sender: Account;
      label?: Label;
      changes?: { title?: { from: string }; body?: { from: string } };
    }
  | {
      name: "issue_comment";
      action: "created" | "edited" | "deleted";
      repository: Repository;
      issue: Issue;
      comment: Comment;
      sender: Account;
      changes?: { body: { from: string } };
    }
  | {
      /** `pull_request_review_comment.created` or `pull_request_review.submitted`, after `note.kind`. */
      name: "pull_request_review_comment" | "pull_request_review";
      repository: Repository;
      pull: Issue;
      note: ReviewNote;
      sender: Account;
    }
  | {
      /** `opened` (openPullRequest, POST /pulls) and `synchronize` (a push to its head branch). */
      name: "pull_request";
      action: "opened" | "synchronize";
      repository: Repository;
      pull: Issue;
      sender: Account;
      before?: string;
      after?: string;
    }
  | {
      name: "push";
      repository: Repository;
      ref: string;
      before: string;
      after: string;
      commit: { id: string; message: string; timestamp: Date; added: string[]; modified: string[]; removed: string[] };
      sender: Account;
    }
  | { name: "installation"; action: "created" | "deleted"; installation: Installation; repositories: Repository[]; sender: Account }
  | {
      name: "installation_repositories";
      action: "added" | "removed";
      installation: Installation;
      added: Repository[];
      removed: Repository[];
      sender: Account;
    };
