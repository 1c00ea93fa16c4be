import { createHash } from "node:crypto";
import { SandboxError } from "./http-error.js";
import type { SandboxEvent } from "./events.js";

/** Everything the fake GitHub knows, in memory. Mutations emit events; webhooks.ts turns them into deliveries. */

export type AccountType = "User" | "Organization" | "Bot";
export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";
export type AuthorAssociation =
  | "OWNER"
  | "MEMBER"
  | "COLLABORATOR"
  | "CONTRIBUTOR"
  | "FIRST_TIME_CONTRIBUTOR"
  | "FIRST_TIMER"
  | "MANNEQUIN"
  | "NONE";
export const REACTION_CONTENTS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"] as const;
export type ReactionContent = (typeof REACTION_CONTENTS)[number];

export interface Account {
  id: number;
  login: string;
  type: AccountType;
}

/** What an installation token may do, per permission: GitHub answers 403 "Resource not accessible by integration" beyond it. */
export type InstallationPermissions = Record<string, "read" | "write">;

/** app.yml's permissions: what an installation has unless a test changes it with `setInstallationPermissions`. */
export const DEFAULT_INSTALLATION_PERMISSIONS: InstallationPermissions = {
  issues: "write",
  contents: "read",
  metadata: "read",
  pull_requests: "read",
  members: "read",
  checks: "write",
};

export interface Installation {
  id: number;
  account: Account;
  createdAt: Date;
  updatedAt: Date;
  repositorySelection: "all" | "selected";
  permissions: InstallationPermissions;
}

export interface FileEntry {
  content: Buffer;
  sha: string;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface Reaction {
  id: number;
  user: Account;
  content: ReactionContent;
  createdAt: Date;
}

export interface Issue {
  id: number;
  number: number;
  repoFullName: string;
  title: string;
  body: string | null;
  user: Account;
  labels: Label[];
  assignees: Account[];
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | "duplicate" | null;
  locked: boolean;
  activeLockReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedBy: Account | null;
  pullRequest: boolean;
  authorAssociation: AuthorAssociation;
  comments: number;
  reactions: Reaction[];
  /** GitHub answers 410 Gone for a deleted issue. */
  deleted: boolean;
  /** GitHub answers 301 to the new location for a transferred issue. */
  transferredTo: { repoFullName: string; number: number } | null;
  /** A pull request opened from a branch (`openPullRequest`, POST /pulls): its branches. */
  pull?: { head: string; base: string; merged: boolean };
}

export interface Comment {
  id: number;
  repoFullName: string;
  issueNumber: number;
  body: string;
  user: Account;
  authorAssociation: AuthorAssociation;
  createdAt: Date;
  updatedAt: Date;
  reactions: Reaction[];
}

/**
 * A pull request review comment (on a line of the diff) or a review's summary: the events a
 * reviewer's `/agenda` arrives in. `kind` tells which; only their creation is modelled.
 */
export interface ReviewNote {
  kind: "review-comment" | "review";
  id: number;
  repoFullName: string;
  pullNumber: number;
  body: string;
  user: Account;
  authorAssociation: AuthorAssociation;
  /** Review comments only: the file and line of the diff. */
  path: string;
  line: number;
  createdAt: Date;
}

export interface CheckRun {
  id: number;
  repoFullName: string;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation sent, in order (GitHub appends those of each update). */
  annotations: CheckAnnotation[];
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

/** One file of a pull request's diff (head against base). */
export interface PullFile {
  filename: string;
  status: "added" | "modified" | "removed";
  sha: string;
}

export interface Repository {
  id: number;
  name: string;
  owner: Account;
  fullName: string;
  installationId: number;
  defaultBranch: string;
  private: boolean;
  /** Archived: read-only on GitHub (the app must not try to open issues there). */
  archived?: boolean;
  createdAt: Date;
  updatedAt: Date;
  pushedAt: Date;
  /** branch → path → file */
  files: Map<string, Map<string, FileEntry>>;
  /** branch → head commit sha */
  heads: Map<string, string>;
  /** lower-cased name → label (GitHub label names are case-insensitive) */
  labels: Map<string, Label>;
  /** number → issue (issues and pull requests share numbers) */
  issues: Map<number, Issue>;
  comments: Map<number, Comment>;
  reviewNotes: Map<number, ReviewNote>;
  checkRuns: Map<number, CheckRun>;
  collaborators: Map<string, Permission>;
  nextNumber: number;
}

export interface NewIssue {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  pullRequest?: boolean;
  /** Control API only: an issue opened in the past (seeding history); default: the sandbox clock. */
  createdAt?: Date;
}

export interface IssueChanges {
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  stateReason?: Issue["stateReason"];
  labels?: string[];
  assignees?: string[];
}

/** GitHub's issue and comment body limit. */
export const MAX_BODY_LENGTH = 65536;

export const gitBlobSha = (content: Buffer): string =>
  createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");

export class SandboxState {
  readonly appId: number;
  readonly appSlug: string;
  readonly bot: Account;
  readonly installations = new Map<number, Installation>();
  readonly repositories = new Map<string, Repository>();
  readonly teams = new Map<string, Map<string, "member" | "maintainer">>();
  now: () => Date;
  private readonly accounts = new Map<string, Account>();
  private readonly listeners: Array<(event: SandboxEvent) => void> = [];
  private nextId = 1000;

  constructor(options: { appId: number; appSlug: string; now: () => Date }) {
    this.appId = options.appId;
    this.appSlug = options.appSlug;
    this.now = options.now;
    this.bot = this.account(`${options.appSlug}[bot]`, "Bot");
  }

  onEvent(listener: (event: SandboxEvent) => void): void {
    this.listeners.push(listener);
  }

  private emit(event: SandboxEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  /** Users, bots and organizations by login (created on first use, ids stable afterwards). */
  account(login: string, type: AccountType = "User"): Account {
    const key = login.toLowerCase();
    const existing = this.accounts.get(key);
    if (existing) return existing;
    const created: Account = { id: this.id(), login, type };
    this.accounts.set(key, created);
    return created;
  }

  hasAccount(login: string): boolean {
    return this.accounts.has(login.toLowerCase());
  }

  // ── installations and repositories ─────────────────────────────────────────

  addInstallation(options: { account: string; type?: "User" | "Organization"; sender?: string }): Installation {
    const account = this.account(options.account, options.type ?? "Organization");
    if (account.type === "Bot") throw new SandboxError(`addInstallation: ${options.account} is a bot account`);
    for (const existing of this.installations.values()) {
      if (existing.account.id === account.id) {
        throw new SandboxError(`addInstallation: ${options.account} already has installation ${existing.id}`);
      }
    }
    const now = this.now();
    const installation: Installation = {
      id: this.id(),
      account,
      createdAt: now,
      updatedAt: now,
      repositorySelection: "selected",
      permissions: { ...DEFAULT_INSTALLATION_PERMISSIONS },
    };
    this.installations.set(installation.id, installation);
    this.emit({
      name: "installation",
      action: "created",
      installation,
      repositories: [],
      sender: this.account(options.sender ?? account.login),
    });
    return installation;
  }

  removeInstallation(installationId: number, options: { sender?: string } = {}): void {
    const installation = this.installationById(installationId);
    const repositories = this.repositoriesOf(installationId);
    for (const repository of repositories) this.repositories.delete(repository.fullName.toLowerCase());
    this.installations.delete(installationId);
    this.emit({
      name: "installation",
      action: "deleted",
      installation,
      repositories,
      sender: this.account(options.sender ?? installation.account.login),
    });
  }

  addRepository(
    installationId: number,
    name: string,
    options: { defaultBranch?: string; private?: boolean; archived?: boolean; sender?: string } = {},
  ): Repository {
    const installation = this.installationById(installationId);
    const fullName = `${installation.account.login}/${name}`;
    if (this.repositories.has(fullName.toLowerCase())) throw new SandboxError(`addRepository: ${fullName} exists already`);
    const now = this.now();
    const defaultBranch = options.defaultBranch ?? "main";
    const repository: Repository = {
      id: this.id(),
      name,
      owner: installation.account,
      fullName,
      installationId,
      defaultBranch,
      private: options.private ?? false,
      ...(options.archived ? { archived: true } : {}),
      createdAt: now,
      updatedAt: now,
      pushedAt: now,
      files: new Map([[defaultBranch, new Map()]]),
      heads: new Map([[defaultBranch, fakeSha(`${fullName}@${defaultBranch}:init`)]]),
      labels: new Map(),
      issues: new Map(),
      comments: new Map(),
      reviewNotes: new Map(),
      checkRuns: new Map(),
      collaborators: new Map(),
      nextNumber: 1,
    };
    this.repositories.set(fullName.toLowerCase(), repository);
    this.emit({
      name: "installation_repositories",
      action: "added",
      installation,
      added: [repository],
      removed: [],
      sender: this.account(options.sender ?? installation.account.login),
    });
    return repository;
  }

  removeRepository(fullName: string, options: { sender?: string } = {}): void {
    const repository = this.repository(fullName);
    const installation = this.installationById(repository.installationId);
    this.repositories.delete(repository.fullName.toLowerCase());
    this.emit({
      name: "installation_repositories",
      action: "removed",
      installation,
      added: [],
      removed: [repository],
      sender: this.account(options.sender ?? installation.account.login),
    });
  }

  installationById(installationId: number): Installation {
    const installation = this.installations.get(installationId);
    if (!installation) throw new SandboxError(`no installation ${installationId}; create one with addInstallation()`);
    return installation;
  }

  /** Replace what the installation may do (an owner accepting, or not, the app's new permissions). */
  setInstallationPermissions(installationId: number, permissions: InstallationPermissions): void {
    const installation = this.installationById(installationId);
    installation.permissions = { ...permissions };
    installation.updatedAt = this.now();
  }

  repositoriesOf(installationId: number): Repository[] {
    return [...this.repositories.values()].filter((repository) => repository.installationId === installationId);
  }

  findRepository(fullName: string): Repository | undefined {
    return this.repositories.get(fullName.toLowerCase());
  }

  repository(fullName: string): Repository {
    const repository = this.findRepository(fullName);
    if (!repository) throw new SandboxError(`no repository ${fullName}; create it with addRepository()`);
    return repository;
  }

  // ── people ─────────────────────────────────────────────────────────────────

  setPermission(fullName: string, login: string, permission: Permission): void {
    this.account(login);
    this.repository(fullName).collaborators.set(login.toLowerCase(), permission);
  }

  permissionOf(repository: Repository, login: string): Permission {
    if (login.toLowerCase() === repository.owner.login.toLowerCase()) return "admin";
    return repository.collaborators.get(login.toLowerCase()) ?? (repository.private ? "none" : "read");
  }

  addTeamMember(org: string, teamSlug: string, login: string, role: "member" | "maintainer" = "member"): void {
    this.account(login);
    const key = `${org}/${teamSlug}`.toLowerCase();
    const members = this.teams.get(key) ?? new Map<string, "member" | "maintainer">();
    members.set(login.toLowerCase(), role);
    this.teams.set(key, members);
  }

  /** The association GitHub would show next to this user's comments in this repository. */
  associationOf(repository: Repository, user: Account): AuthorAssociation {
    if (user.type === "Bot") return "NONE";
    if (user.id === repository.owner.id) return "OWNER";
    const permission = repository.collaborators.get(user.login.toLowerCase());
    if (permission && permission !== "none" && permission !== "read") {
      return repository.owner.type === "Organization" ? "MEMBER" : "COLLABORATOR";
    }
    return "NONE";
  }

  // ── contents ───────────────────────────────────────────────────────────────

  putFile(
    fullName: string,
    path: string,
    content: string | Buffer,
    options: { branch?: string; push?: boolean; user?: string; message?: string } = {},
  ): FileEntry {
    return this.changeFile(fullName, path, typeof content === "string" ? Buffer.from(content) : content, options);
  }

  deleteFile(fullName: string, path: string, options: { branch?: string; push?: boolean; user?: string; message?: string } = {}): void {
    this.changeFile(fullName, path, null, options);
  }

  private changeFile(
    fullName: string,
    rawPath: string,
    content: Buffer | null,
    options: { branch?: string; push?: boolean; user?: string; message?: string },
  ): FileEntry {
    const repository = this.repository(fullName);
    const path = rawPath.replace(/^\/+/, "");
    const branch = options.branch ?? repository.defaultBranch;
    // A new branch starts from the default branch, as `git checkout -b` would.
    const files = repository.files.get(branch) ?? new Map<string, FileEntry>(repository.files.get(repository.defaultBranch));
    if (!repository.heads.has(branch)) repository.heads.set(branch, repository.heads.get(repository.defaultBranch) ?? fakeSha(`${fullName}@${branch}:init`));
    repository.files.set(branch, files);
    const previous = files.get(path);
    if (content === null && !previous) throw new SandboxError(`deleteFile: ${fullName}:${path} does not exist on ${branch}`);
    const entry: FileEntry = content === null ? (previous as FileEntry) : { content, sha: gitBlobSha(content) };
    if (content === null) files.delete(path);
    else files.set(path, entry);
    const before = repository.heads.get(branch) ?? fakeSha(`${fullName}@${branch}:init`);
    const after = fakeSha(`${before}:${path}:${entry.sha}:${content === null ? "rm" : "put"}`);
    repository.heads.set(branch, after);
    const now = this.now();
    repository.pushedAt = now;
    if (options.push) {
      const sender = this.account(options.user ?? repository.owner.login);
      const pulls = [...repository.issues.values()].filter((issue) => issue.pull?.head === branch && issue.state === "open" && !issue.deleted);
      this.emit({
        name: "push",
        repository,
        ref: `refs/heads/${branch}`,
        before,
        after,
        commit: {
          id: after,
          message: options.message ?? `Update ${path}`,
          timestamp: now,
          added: content !== null && !previous ? [path] : [],
          modified: content !== null && previous ? [path] : [],
          removed: content === null ? [path] : [],
        },
        sender,
      });
      // Like GitHub, a push to a pull request's branch updates the pull request.
      for (const pull of pulls) this.emit({ name: "pull_request", action: "synchronize", repository, pull, sender, before, after });
    }
    return entry;
  }

  // ── branches and pull requests ─────────────────────────────────────────────

  /** A ref as the API takes it (`main`, `refs/heads/main`, or a branch's head commit sha) → the branch, if any. */
  resolveRef(repository: Repository, ref: string): string | undefined {
    const name = ref.replace(/^refs\/heads\//, "").replace(/^heads\//, "");
    if (repository.files.has(name)) return name;
    for (const [branch, sha] of repository.heads) if (sha === ref) return branch;
    return undefined;
  }

  /** A new branch at `sha` (the head of an existing branch), with that branch's files. False when `sha` is no branch head. */
  createBranch(repository: Repository, name: string, sha: string): boolean {
    const from = this.resolveRef(repository, sha);
    if (from === undefined || repository.heads.get(from) !== sha) return false;
    repository.files.set(name, new Map(repository.files.get(from)));
    repository.heads.set(name, sha);
    return true;
  }

  /** A pull request from branch `head` into `base`: `pull_request.opened`. */
  openPullRequest(repository: Repository, input: { title: string; body?: string | null; head: string; base: string }, user: Account): Issue {
    const issue = this.createIssue(repository, { title: input.title, body: input.body ?? null, pullRequest: true }, user, { silent: true });
    issue.pull = { head: input.head, base: input.base, merged: false };
    this.emit({ name: "pull_request", action: "opened", repository, pull: issue, sender: user });
    return issue;
  }

  /** The files a pull request changes: its head branch against its base branch, as they are now. */
  pullFiles(repository: Repository, pull: Issue): PullFile[] {
    if (!pull.pull) return [];
    const head = repository.files.get(pull.pull.head) ?? new Map<string, FileEntry>();
    const base = repository.files.get(pull.pull.base) ?? new Map<string, FileEntry>();
    const files: PullFile[] = [];
    for (const [filename, entry] of head) {
      const before = base.get(filename);
      if (!before) files.push({ filename, status: "added", sha: entry.sha });
      else if (before.sha !== entry.sha) files.push({ filename, status: "modified", sha: entry.sha });
    }
    for (const [filename, entry] of base) if (!head.has(filename)) files.push({ filename, status: "removed", sha: entry.sha });
    return files.sort((a, b) => a.filename.localeCompare(b.filename));
  }

  readFile(repository: Repository, path: string, ref?: string): FileEntry | undefined {
    return repository.files.get(ref ?? repository.defaultBranch)?.get(path.replace(/^\/+|\/+$/g, ""));
  }

  /** The direct children of a directory path (files and sub-directories), or undefined if there are none. */
  listDirectory(repository: Repository, path: string, ref?: string): Array<{ name: string; path: string; type: "file" | "dir"; entry?: FileEntry }> | undefined {
    const files = repository.files.get(ref ?? repository.defaultBranch);
    if (!files) return undefined;
    const prefix = path.replace(/^\/+|\/+$/g, "");
    const children = new Map<string, { name: string; path: string; type: "file" | "dir"; entry?: FileEntry }>();
    for (const [filePath, entry] of files) {
      if (prefix !== "" && !filePath.startsWith(`${prefix}/`)) continue;
      const rest = prefix === "" ? filePath : filePath.slice(prefix.length + 1);
      const [name, ...deeper] = rest.split("/");
      if (!name) continue;
      const childPath = prefix === "" ? name : `${prefix}/${name}`;
      children.set(name, deeper.length > 0 ? { name, path: childPath, type: "dir" } : { name, path: childPath, type: "file", entry });
    }
    return children.size > 0 ? [...children.values()].sort((a, b) => a.name.localeCompare(b.name)) : undefined;
  }

  // ── labels ─────────────────────────────────────────────────────────────────

  findLabel(repository: Repository, name: string): Label | undefined {
    return repository.labels.get(name.toLowerCase());
  }

  createLabel(repository: Repository, input: { name: string; color?: string; description?: string | null }): Label {
    const label: Label = {
      id: this.id(),
      name: input.name,
      color: (input.color ?? "ededed").replace(/^#/, "").toLowerCase(),
      description: input.description ?? null,
    };
    repository.labels.set(input.name.toLowerCase(), label);
    return label;
  }

  /** Like GitHub, naming an unknown label on an issue creates it (grey, no description). */
  private ensureLabels(repository: Repository, names: readonly string[]): Label[] {
    const labels: Label[] = [];
    for (const name of names) {
      const label = this.findLabel(repository, name) ?? this.createLabel(repository, { name });
      if (!labels.some((existing) => existing.id === label.id)) labels.push(label);
    }
    return labels;
  }

  // ── issues ─────────────────────────────────────────────────────────────────

  createIssue(repository: Repository, input: NewIssue, user: Account, options: { silent?: boolean } = {}): Issue {
    const now = input.createdAt ?? this.now();
    const issue: Issue = {
      id: this.id(),
      number: repository.nextNumber,
      repoFullName: repository.fullName,
      title: input.title,
      body: input.body ?? null,
      user,
      labels: this.ensureLabels(repository, input.labels ?? []),
      assignees: (input.assignees ?? []).map((login) => this.account(login)),
      state: "open",
      stateReason: null,
      locked: false,
      activeLockReason: null,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      pullRequest: input.pullRequest ?? false,
      authorAssociation: this.associationOf(repository, user),
      comments: 0,
      reactions: [],
      deleted: false,
      transferredTo: null,
    };
    repository.nextNumber += 1;
    repository.issues.set(issue.number, issue);
    if (!options.silent) this.emit({ name: "issues", action: "opened", repository, issue, sender: user });
    return issue;
  }

  /** Applies a PATCH; emits edited/closed/reopened/labeled/unlabeled like GitHub, one event per change. */
  updateIssue(repository: Repository, issue: Issue, changes: IssueChanges, sender: Account): Issue {
    const now = this.now();
    const edits: { title?: { from: string }; body?: { from: string } } = {};
    if (changes.title !== undefined && changes.title !== issue.title) {
      edits.title = { from: issue.title };
      issue.title = changes.title;
    }
    if (changes.body !== undefined && changes.body !== issue.body) {
      edits.body = { from: issue.body ?? "" };
      issue.body = changes.body;
    }
    if (changes.assignees !== undefined) issue.assignees = changes.assignees.map((login) => this.account(login));
    const events: SandboxEvent[] = [];
    if (edits.title || edits.body) events.push({ name: "issues", action: "edited", repository, issue, sender, changes: edits });
    if (changes.labels !== undefined) {
      const next = this.ensureLabels(repository, changes.labels);
      for (const label of issue.labels) {
        if (!next.some((candidate) => candidate.id === label.id)) events.push({ name: "issues", action: "unlabeled", repository, issue, sender, label });
      }
      for (const label of next) {
        if (!issue.labels.some((candidate) => candidate.id === label.id)) events.push({ name: "issues", action: "labeled", repository, issue, sender, label });
      }
      issue.labels = next;
    }
    if (changes.state !== undefined && changes.state !== issue.state) {
      issue.state = changes.state;
      if (changes.state === "closed") {
        issue.closedAt = now;
        issue.closedBy = sender;
        issue.stateReason = changes.stateReason ?? "completed";
        events.push({ name: "issues", action: "closed", repository, issue, sender });
      } else {
        issue.closedAt = null;
        issue.closedBy = null;
        issue.stateReason = "reopened";
        events.push({ name: "issues", action: "reopened", repository, issue, sender });
      }
    } else if (changes.stateReason !== undefined && issue.state === "closed") {
      issue.stateReason = changes.stateReason;
    }
    issue.updatedAt = now;
    for (const event of events) this.emit(event);
    return issue;
  }

  addLabels(repository: Repository, issue: Issue, names: readonly string[], sender: Account): Label[] {
    const current = issue.labels.map((label) => label.name);
    this.updateIssue(repository, issue, { labels: [...current, ...names] }, sender);
    return issue.labels;
  }

  removeLabel(repository: Repository, issue: Issue, name: string, sender: Account): Label[] {
    if (!issue.labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) {
      throw new SandboxError(`label ${name} is not on ${repository.fullName}#${issue.number}`);
    }
    const remaining = issue.labels.filter((label) => label.name.toLowerCase() !== name.toLowerCase()).map((label) => label.name);
    this.updateIssue(repository, issue, { labels: remaining }, sender);
    return issue.labels;
  }

  setLocked(issue: Issue, locked: boolean, reason: string | null = null): void {
    issue.locked = locked;
    issue.activeLockReason = locked ? reason : null;
    issue.updatedAt = this.now();
  }

  deleteIssue(repository: Repository, issue: Issue): void {
    issue.deleted = true;
    for (const [id, comment] of repository.comments) {
      if (comment.issueNumber === issue.number) repository.comments.delete(id);
    }
  }

  transferIssue(repository: Repository, issue: Issue, target: Repository): Issue {
    const moved = this.createIssueSilently(target, issue);
    for (const comment of [...repository.comments.values()].filter((c) => c.issueNumber === issue.number)) {
      repository.comments.delete(comment.id);
      target.comments.set(comment.id, { ...comment, repoFullName: target.fullName, issueNumber: moved.number });
    }
    issue.transferredTo = { repoFullName: target.fullName, number: moved.number };
    return moved;
  }

  private createIssueSilently(target: Repository, source: Issue): Issue {
    const moved: Issue = {
      ...source,
      id: this.id(),
      number: target.nextNumber,
      repoFullName: target.fullName,
      labels: this.ensureLabels(target, source.labels.map((label) => label.name)),
      updatedAt: this.now(),
      transferredTo: null,
    };
    target.nextNumber += 1;
    target.issues.set(moved.number, moved);
    return moved;
  }

  // ── comments and reactions ─────────────────────────────────────────────────

  createComment(repository: Repository, issue: Issue, body: string, user: Account, association?: AuthorAssociation): Comment {
    const now = this.now();
    const comment: Comment = {
      id: this.id(),
      repoFullName: repository.fullName,
      issueNumber: issue.number,
      body,
      user,
      authorAssociation: association ?? this.associationOf(repository, user),
      createdAt: now,
      updatedAt: now,
      reactions: [],
    };
    repository.comments.set(comment.id, comment);
    issue.comments += 1;
    issue.updatedAt = now;
    this.emit({ name: "issue_comment", action: "created", repository, issue, comment, sender: user });
    return comment;
  }

  /** A review comment on a pull request's diff, or a submitted review's summary (control API only). */
  createReviewNote(
    repository: Repository,
    pull: Issue,
    input: { kind: ReviewNote["kind"]; body: string; user: Account; association?: AuthorAssociation; path?: string; line?: number },
  ): ReviewNote {
    const note: ReviewNote = {
      kind: input.kind,
      id: this.id(),
      repoFullName: repository.fullName,
      pullNumber: pull.number,
      body: input.body,
      user: input.user,
      authorAssociation: input.association ?? this.associationOf(repository, input.user),
      path: input.path ?? "README.md",
      line: input.line ?? 1,
      createdAt: this.now(),
    };
    repository.reviewNotes.set(note.id, note);
    pull.updatedAt = note.createdAt;
    this.emit({ name: note.kind === "review" ? "pull_request_review" : "pull_request_review_comment", repository, pull, note, sender: input.user });
    return note;
  }

  updateComment(repository: Repository, comment: Comment, body: string, sender: Account): Comment {
    const from = comment.body;
    comment.body = body;
    comment.updatedAt = this.now();
    const issue = repository.issues.get(comment.issueNumber) as Issue;
    this.emit({ name: "issue_comment", action: "edited", repository, issue, comment, sender, changes: { body: { from } } });
    return comment;
  }

  deleteComment(repository: Repository, comment: Comment, sender: Account): void {
    repository.comments.delete(comment.id);
    const issue = repository.issues.get(comment.issueNumber) as Issue;
    issue.comments = Math.max(0, issue.comments - 1);
    this.emit({ name: "issue_comment", action: "deleted", repository, issue, comment, sender });
  }

  /** Returns the reaction and whether it is new (GitHub answers 201) or already there (200). */
  react(target: { reactions: Reaction[] }, user: Account, content: ReactionContent): { reaction: Reaction; created: boolean } {
    const existing = target.reactions.find((reaction) => reaction.user.id === user.id && reaction.content === content);
    if (existing) return { reaction: existing, created: false };
    const reaction: Reaction = { id: this.id(), user, content, createdAt: this.now() };
    target.reactions.push(reaction);
    return { reaction, created: true };
  }

  // ── check runs ─────────────────────────────────────────────────────────────

  createCheckRun(repository: Repository, input: Omit<CheckRun, "id" | "repoFullName">): CheckRun {
    const checkRun: CheckRun = { ...input, id: this.id(), repoFullName: repository.fullName };
    repository.checkRuns.set(checkRun.id, checkRun);
    return checkRun;
  }
}

/** A deterministic 40-hex "commit sha" (the sandbox has no git objects, only the shape). */
export const fakeSha = (seed: string): string => createHash("sha1").update(seed).digest("hex");
