import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TokenIssuer } from "./auth.js";
import { FaultRules } from "./faults.js";
import { handleRequest } from "./handle-request.js";
import { SandboxError } from "./http-error.js";
import { RateLimiter } from "./rate-limit.js";
import { matchesFilter, type LoggedRequest, type RequestFilter } from "./request-log.js";
import type { Route } from "./route-table.js";
import { openIssueCount } from "./routes/app.js";
import { allRoutes } from "./routes/index.js";
import { Shapes } from "./shapes.js";
import {
  SandboxState,
  type AuthorAssociation,
  type CheckRun,
  type Comment,
  type FileEntry,
  type Installation,
  type InstallationPermissions,
  type Issue,
  type IssueChanges,
  type Permission,
  type ReactionContent,
  type Repository,
  type ReviewNote,
} from "./state.js";
import { webhookPayload } from "./webhook-payload.js";
import { WebhookDispatcher, type Delivery, type DeliveryMode } from "./webhooks.js";

export interface SandboxOptions {
  appId: number;
  /** The app's PEM private key; the sandbox verifies JWTs with its public half. */
  privateKey: string;
  webhookSecret: string;
  /** Where webhooks go; without it deliveries are captured in `sandbox.deliveries` only. */
  webhookUrl?: string;
  /** Default "meeting-bot"; the bot user is `<appSlug>[bot]`. */
  appSlug?: string;
  /** The sandbox clock for every timestamp it writes (created_at, updated_at, …). Default: real time. */
  now?: () => Date;
  /** Wall clock (epoch ms) for JWT and token expiry and rate-limit windows. Default: Date.now. */
  authClock?: () => number;
  latencyMs?: number;
  /** Requests per hour per caller before 403 "API rate limit exceeded". Default 5000. */
  rateLimit?: number;
  /** Default 0 (any free port). */
  port?: number;
}

export interface ActorOptions {
  /** Login acting; default: the repository owner. */
  user?: string;
}

export interface Sandbox {
  readonly url: string;
  readonly baseUrl: string;
  readonly appId: number;
  readonly appSlug: string;
  readonly routes: readonly Route[];
  readonly state: SandboxState;
  readonly faults: FaultRules;
  readonly requests: readonly LoggedRequest[];
  readonly deliveries: readonly Delivery[];

  addInstallation(options: { account: string; type?: "User" | "Organization" }): Installation;
  removeInstallation(installationId: number): void;
  addRepository(installationId: number, name: string, options?: { defaultBranch?: string; private?: boolean; archived?: boolean }): Repository;
  removeRepository(fullName: string): void;
  putFile(fullName: string, path: string, content: string | Buffer, options?: { branch?: string; push?: boolean; user?: string; message?: string }): FileEntry;
  deleteFile(fullName: string, path: string, options?: { branch?: string; push?: boolean; user?: string; message?: string }): void;
  readFile(fullName: string, path: string, ref?: string): string | undefined;

  createIssue(
    fullName: string,
    input: { title: string; body?: string; labels?: string[]; assignees?: string[]; user?: string; pullRequest?: boolean; createdAt?: Date },
  ): Issue;
  editIssue(fullName: string, number: number, changes: IssueChanges, options?: ActorOptions): Issue;
  lockIssue(fullName: string, number: number, reason?: string): void;
  deleteIssue(fullName: string, number: number): void;
  transferIssue(fullName: string, number: number, toFullName: string): Issue;
  issues(fullName: string): Issue[];
  issue(fullName: string, number: number): Issue;
  /** The issue as the REST API renders it (same shape as GET /repos/{owner}/{repo}/issues/{n}). */
  issueJson(fullName: string, number: number): Record<string, unknown>;

  comment(fullName: string, number: number, body: string, options?: { user?: string; association?: AuthorAssociation }): Comment;
  /** A review comment on a line of a pull request's diff: delivers `pull_request_review_comment.created`. */
  reviewComment(fullName: string, pullNumber: number, body: string, options?: { user?: string; association?: AuthorAssociation; path?: string; line?: number }): ReviewNote;
  /** A submitted review with a summary `body`: delivers `pull_request_review.submitted`. */
  review(fullName: string, pullNumber: number, body: string, options?: { user?: string; association?: AuthorAssociation }): ReviewNote;
  editComment(fullName: string, commentId: number, body: string, options?: ActorOptions): Comment;
  deleteComment(fullName: string, commentId: number, options?: ActorOptions): void;
  comments(fullName: string, number: number): Comment[];
  react(fullName: string, commentId: number, content: ReactionContent, options?: ActorOptions): void;

  setPermission(fullName: string, login: string, permission: Permission): void;
  addTeamMember(org: string, teamSlug: string, login: string, role?: "member" | "maintainer"): void;
  /** What the installation's tokens may do (default: app.yml's permissions); beyond it GitHub answers 403. */
  setInstallationPermissions(installationId: number, permissions: InstallationPermissions): void;

  /** A pull request from branch `head` (made with putFile(…, { branch })) into `base` (default branch): `pull_request.opened`. */
  openPullRequest(fullName: string, input: { title: string; head: string; base?: string; body?: string; user?: string }): Issue;
  /** The check runs created in a repository, oldest first. */
  checkRuns(fullName: string): CheckRun[];

  setLatency(ms: number): void;
  setClock(now: () => Date): void;
  countRequests(filter?: RequestFilter): number;
  resetLog(): void;

  setWebhookUrl(url: string | undefined): void;
  setDeliveryMode(mode: DeliveryMode): void;
  redeliver(deliveryId: string): Promise<Delivery>;
  /** Resolves when every webhook queued so far has been delivered (or failed). */
  webhooksIdle(): Promise<void>;
  clearDeliveries(): void;

  close(): Promise<void>;
}

/** Starts the fake GitHub on 127.0.0.1 and returns its control API. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const appSlug = options.appSlug ?? "meeting-bot";
  const authClock = options.authClock ?? (() => Date.now());
  const state = new SandboxState({ appId: options.appId, appSlug, now: options.now ?? (() => new Date()) });
  const appOwner = state.account("sandbox-app-owner", "Organization");
  const appCreatedAt = state.now();
  const tokens = new TokenIssuer(options.appId, options.privateKey, authClock);
  const faults = new FaultRules();
  const rateLimiter = new RateLimiter(options.rateLimit ?? 5000, authClock);
  const log: LoggedRequest[] = [];
  let latencyMs = options.latencyMs ?? 0;

  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const baseUrl = `${url}/api/v3`;
  const shapes = new Shapes(baseUrl, url, { id: options.appId, slug: appSlug, owner: () => appOwner, createdAt: appCreatedAt });
  const webhooks = new WebhookDispatcher({
    appId: options.appId,
    secret: options.webhookSecret,
    ...(options.webhookUrl ? { url: options.webhookUrl } : {}),
    now: () => state.now(),
  });
  state.onEvent((event) => {
    if (event.name === "installation" && event.action === "deleted") tokens.revokeInstallation(event.installation.id);
    // Rendered now, so later changes do not leak into an earlier delivery.
    webhooks.enqueue(webhookPayload(event, shapes, openIssueCount));
  });

  const parts = { routes: allRoutes, state, shapes, tokens, faults, rateLimiter, log, latencyMs: () => latencyMs, authClock };
  server.on("request", (req, res) => {
    handleRequest(parts, req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ message: `Sandbox failure: ${String(error)}`, documentation_url: "https://docs.github.com/rest" }));
      }
    });
  });

  const issueOf = (fullName: string, number: number): { repository: Repository; issue: Issue } => {
    const repository = state.repository(fullName);
    const issue = repository.issues.get(number);
    if (!issue || issue.deleted) throw new SandboxError(`no issue ${fullName}#${number}`);
    return { repository, issue };
  };
  const commentOf = (fullName: string, commentId: number): { repository: Repository; comment: Comment } => {
    const repository = state.repository(fullName);
    const comment = repository.comments.get(commentId);
    if (!comment) throw new SandboxError(`no comment ${commentId} in ${fullName}`);
    return { repository, comment };
  };
  const userFor = (repository: Repository, login: string | undefined) => state.account(login ?? repository.owner.login);
  const reviewNote = (
    fullName: string,
    pullNumber: number,
    input: { kind: ReviewNote["kind"]; body: string; user?: string; association?: AuthorAssociation; path?: string; line?: number },
  ): ReviewNote => {
    const { repository, issue } = issueOf(fullName, pullNumber);
    if (!issue.pullRequest) throw new SandboxError(`${fullName}#${pullNumber} is an issue, not a pull request: create it with { pullRequest: true }`);
    const { user, ...rest } = input;
    return state.createReviewNote(repository, issue, { ...rest, user: userFor(repository, user) });
  };

  return {
    url,
    baseUrl,
    appId: options.appId,
    appSlug,
    routes: allRoutes,
    state,
    faults,
    requests: log,
    deliveries: webhooks.deliveries,

    addInstallation: (input) => state.addInstallation(input),
    removeInstallation: (installationId) => state.removeInstallation(installationId),
    addRepository: (installationId, name, input) => state.addRepository(installationId, name, input),
    removeRepository: (fullName) => state.removeRepository(fullName),
    putFile: (fullName, path, content, input) => state.putFile(fullName, path, content, input),
    deleteFile: (fullName, path, input) => state.deleteFile(fullName, path, input),
    readFile: (fullName, path, ref) => state.readFile(state.repository(fullName), path, ref)?.content.toString("utf8"),

    createIssue(fullName, input) {
      const repository = state.repository(fullName);
      const { user, ...issue } = input;
      return state.createIssue(repository, issue, userFor(repository, user));
    },
    editIssue(fullName, number, changes, input = {}) {
      const { repository, issue } = issueOf(fullName, number);
      return state.updateIssue(repository, issue, changes, userFor(repository, input.user));
    },
    lockIssue(fullName, number, reason) {
      state.setLocked(issueOf(fullName, number).issue, true, reason ?? null);
    },
    deleteIssue(fullName, number) {
      const { repository, issue } = issueOf(fullName, number);
      state.deleteIssue(repository, issue);
    },
    transferIssue(fullName, number, toFullName) {
      const { repository, issue } = issueOf(fullName, number);
      return state.transferIssue(repository, issue, state.repository(toFullName));
    },
    issues: (fullName) => [...state.repository(fullName).issues.values()].filter((issue) => !issue.deleted && !issue.transferredTo),
    issue: (fullName, number) => issueOf(fullName, number).issue,
    issueJson(fullName, number) {
      const { repository, issue } = issueOf(fullName, number);
      return shapes.issue(repository, issue);
    },

    comment(fullName, number, body, input = {}) {
      const { repository, issue } = issueOf(fullName, number);
      const user = userFor(repository, input.user);
      const permission = state.permissionOf(repository, user.login);
      if (issue.locked && !["admin", "maintain", "write", "triage"].includes(permission)) {
        throw new SandboxError(
          `${user.login} cannot comment on ${fullName}#${number}: the issue is locked and only collaborators may comment (setPermission first)`,
        );
      }
      return state.createComment(repository, issue, body, user, input.association);
    },
    reviewComment(fullName, pullNumber, body, input = {}) {
      return reviewNote(fullName, pullNumber, { ...input, kind: "review-comment", body });
    },
    review(fullName, pullNumber, body, input = {}) {
      return reviewNote(fullName, pullNumber, { ...input, kind: "review", body });
    },
    editComment(fullName, commentId, body, input = {}) {
      const { repository, comment } = commentOf(fullName, commentId);
      return state.updateComment(repository, comment, body, userFor(repository, input.user ?? comment.user.login));
    },
    deleteComment(fullName, commentId, input = {}) {
      const { repository, comment } = commentOf(fullName, commentId);
      state.deleteComment(repository, comment, userFor(repository, input.user ?? comment.user.login));
    },
    comments: (fullName, number) =>
      [...state.repository(fullName).comments.values()].filter((comment) => comment.issueNumber === number),
    react(fullName, commentId, content, input = {}) {
      const { repository, comment } = commentOf(fullName, commentId);
      state.react(comment, userFor(repository, input.user), content);
    },

    setPermission: (fullName, login, permission) => state.setPermission(fullName, login, permission),
    addTeamMember: (org, teamSlug, login, role) => state.addTeamMember(org, teamSlug, login, role),
    setInstallationPermissions: (installationId, permissions) => state.setInstallationPermissions(installationId, permissions),

    openPullRequest(fullName, input) {
      const repository = state.repository(fullName);
      const base = input.base ?? repository.defaultBranch;
      for (const branch of [input.head, base]) {
        if (!repository.files.has(branch)) throw new SandboxError(`openPullRequest: ${fullName} has no branch ${branch}; make it with putFile(…, { branch: "${branch}" })`);
      }
      return state.openPullRequest(repository, { title: input.title, body: input.body ?? null, head: input.head, base }, userFor(repository, input.user));
    },
    checkRuns: (fullName) => [...state.repository(fullName).checkRuns.values()],

    setLatency(ms) {
      latencyMs = ms;
    },
    setClock(now) {
      state.now = now;
    },
    countRequests: (filter) => log.filter((entry) => matchesFilter(entry, filter)).length,
    resetLog() {
      log.length = 0;
    },

    setWebhookUrl: (target) => webhooks.setUrl(target),
    setDeliveryMode(mode) {
      webhooks.mode = mode;
    },
    redeliver: (deliveryId) => webhooks.redeliver(deliveryId),
    webhooksIdle: () => webhooks.idle(),
    clearDeliveries() {
      webhooks.deliveries.length = 0;
    },

    async close() {
      await webhooks.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
