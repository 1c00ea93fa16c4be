import { createRequire } from "node:module";
import type { SandboxEvent } from "./events.js";
import type { Shapes } from "./shapes.js";
import type { Account, Installation, Repository } from "./state.js";

interface WebhookDefinition {
  name: string;
  examples: Array<Record<string, unknown>>;
}

let definitions: WebhookDefinition[] | undefined;

/** GitHub's documented example payloads, loaded once (the package ships plain JSON). */
function examples(): WebhookDefinition[] {
  if (!definitions) {
    const require = createRequire(import.meta.url);
    definitions = require("@octokit/webhooks-examples/api.github.com/index.json") as WebhookDefinition[];
  }
  return definitions;
}

/**
 * The richest example for an event/action (most top-level keys), so optional keys GitHub sends are present.
 * Some actions (e.g. issues.closed) have no example; any example of the event serves as the skeleton then.
 */
export function exampleFor(event: string, action: string | undefined): Record<string, unknown> {
  const definition = examples().find((candidate) => candidate.name === event);
  const all = definition?.examples ?? [];
  const exact = all.filter((example) => action === undefined || example.action === action);
  const matching = exact.length > 0 ? exact : all;
  const best = [...matching].sort((a, b) => Object.keys(b).length - Object.keys(a).length)[0];
  if (!best) throw new Error(`@octokit/webhooks-examples has no example for ${event}${action ? `.${action}` : ""}`);
  return structuredClone(best);
}

const OPTIONAL_KEYS = ["organization", "installation", "requester", "changes", "label", "enterprise"];

/**
 * Renders a sandbox event as a webhook payload: GitHub's example for that event/action with every object the
 * sandbox knows (repository, installation, issue, comment, sender, …) replaced by the sandbox's own.
 */
export function webhookPayload(event: SandboxEvent, shapes: Shapes, openIssues: (repository: Repository) => number): {
  name: string;
  action: string | undefined;
  installationId: number;
  payload: Record<string, unknown>;
} {
  const action = "action" in event ? event.action : event.name === "pull_request_review" ? "submitted" : event.name === "pull_request_review_comment" ? "created" : undefined;
  const payload = exampleFor(event.name, action);
  for (const key of OPTIONAL_KEYS) delete payload[key];
  const sender = shapes.user(event.sender);
  const installationRef = (installation: { id: number }) => ({ id: installation.id, node_id: shapes.nodeId("Integration::Installation", installation.id) });
  const organization = (owner: Account) =>
    owner.type === "Organization" ? { organization: { ...shapes.user(owner), description: null, hooks_url: "", issues_url: "", members_url: "", public_members_url: "", repos_url: "" } } : {};
  const repositoryShape = (repository: Repository) => shapes.repository(repository, openIssues(repository));
  const briefRepository = (repository: Repository) => ({
    id: repository.id,
    node_id: shapes.nodeId("Repository", repository.id),
    name: repository.name,
    full_name: repository.fullName,
    private: repository.private,
  });

  switch (event.name) {
    case "issues":
    case "issue_comment": {
      Object.assign(payload, {
        action,
        issue: shapes.issue(event.repository, event.issue),
        repository: repositoryShape(event.repository),
        ...organization(event.repository.owner),
        sender,
        installation: installationRef({ id: event.repository.installationId }),
      });
      if (event.name === "issue_comment") payload.comment = shapes.comment(event.repository, event.comment, event.issue);
      if (event.changes) payload.changes = event.changes;
      if (event.name === "issues" && event.label) payload.label = shapes.label(event.repository, event.label);
      return { name: event.name, action, installationId: event.repository.installationId, payload };
    }
    case "pull_request_review_comment":
    case "pull_request_review": {
      const { repository, pull, note } = event;
      const issue = shapes.issue(repository, pull);
      const pullUrl = `${shapes.api}/repos/${repository.fullName}/pulls/${pull.number}`;
      const htmlUrl = String(issue.html_url);
      const example = payload.pull_request as Record<string, unknown>;
      const base = { ...(example.base as Record<string, unknown>), repo: repositoryShape(repository) };
      const pullRequest = {
        ...example,
        ...Object.fromEntries(["id", "node_id", "number", "title", "user", "body", "state", "locked", "labels", "assignee", "assignees", "milestone", "created_at", "updated_at", "closed_at", "author_association", "issue_url"].map((key) => [key, key === "issue_url" ? issue.url : issue[key]])),
        url: pullUrl,
        html_url: htmlUrl,
        diff_url: `${htmlUrl}.diff`,
        patch_url: `${htmlUrl}.patch`,
        comments_url: `${issue.url}/comments`,
        review_comments_url: `${pullUrl}/comments`,
        base,
      };
      const created = shapes.iso(note.createdAt);
      const common = { id: note.id, user: shapes.user(note.user), body: note.body, author_association: note.authorAssociation, pull_request_url: pullUrl };
      const note_ =
        note.kind === "review"
          ? { ...(payload.review as object), ...common, node_id: shapes.nodeId("PullRequestReview", note.id), state: "commented", submitted_at: created, html_url: `${htmlUrl}#pullrequestreview-${note.id}` }
          : {
              ...(payload.comment as object),
              ...common,
              node_id: shapes.nodeId("PullRequestReviewComment", note.id),
              url: `${shapes.api}/repos/${repository.fullName}/pulls/comments/${note.id}`,
              html_url: `${htmlUrl}#discussion_r${note.id}`,
              path: note.path,
              line: note.line,
              created_at: created,
              updated_at: created,
            };
      Object.assign(payload, {
        action: note.kind === "review" ? "submitted" : "created",
        [note.kind === "review" ? "review" : "comment"]: note_,
        pull_request: pullRequest,
        repository: repositoryShape(repository),
        ...organization(repository.owner),
        sender,
        installation: installationRef({ id: repository.installationId }),
      });
      return { name: event.name, action: String(payload.action), installationId: repository.installationId, payload };
    }
    case "pull_request": {
      const { repository, pull } = event;
      Object.assign(payload, {
        action,
        number: pull.number,
        pull_request: shapes.pullRequest(repository, pull, openIssues(repository)),
        repository: repositoryShape(repository),
        ...organization(repository.owner),
        sender,
        installation: installationRef({ id: repository.installationId }),
        ...(event.action === "synchronize" ? { before: event.before, after: event.after } : {}),
      });
      return { name: "pull_request", action, installationId: repository.installationId, payload };
    }
    case "push": {
      const { repository, commit } = event;
      const iso = commit.timestamp.toISOString().replace(/\.\d{3}Z$/, "Z");
      const author = { name: event.sender.login, email: `${event.sender.id}+${event.sender.login}@users.noreply.github.com`, username: event.sender.login };
      const headCommit = {
        id: commit.id,
        tree_id: commit.id.split("").reverse().join(""),
        distinct: true,
        message: commit.message,
        timestamp: iso,
        url: `${shapes.web}/${repository.fullName}/commit/${commit.id}`,
        author,
        committer: author,
        added: commit.added,
        removed: commit.removed,
        modified: commit.modified,
      };
      const repo = repositoryShape(repository);
      Object.assign(payload, {
        ref: event.ref,
        before: event.before,
        after: event.after,
        created: false,
        deleted: false,
        forced: false,
        base_ref: null,
        compare: `${shapes.web}/${repository.fullName}/compare/${event.before.slice(0, 12)}...${event.after.slice(0, 12)}`,
        commits: [headCommit],
        head_commit: headCommit,
        // Push payloads carry epoch-second timestamps and a few extra keys on the repository.
        repository: {
          ...repo,
          created_at: Math.floor(repository.createdAt.getTime() / 1000),
          pushed_at: Math.floor(repository.pushedAt.getTime() / 1000),
          stargazers: 0,
          master_branch: repository.defaultBranch,
          ...(repository.owner.type === "Organization" ? { organization: repository.owner.login } : {}),
        },
        pusher: { name: author.name, email: author.email },
        ...organization(repository.owner),
        sender,
        installation: installationRef({ id: repository.installationId }),
      });
      return { name: "push", action: undefined, installationId: repository.installationId, payload };
    }
    case "installation":
      Object.assign(payload, {
        action,
        installation: shapes.installation(event.installation),
        repositories: event.repositories.map(briefRepository),
        requester: null,
        sender,
      });
      return { name: "installation", action, installationId: event.installation.id, payload };
    case "installation_repositories":
      Object.assign(payload, {
        action,
        installation: shapes.installation(event.installation as Installation),
        repository_selection: event.installation.repositorySelection,
        repositories_added: event.added.map(briefRepository),
        repositories_removed: event.removed.map(briefRepository),
        requester: null,
        sender,
      });
      return { name: "installation_repositories", action, installationId: event.installation.id, payload };
  }
}
