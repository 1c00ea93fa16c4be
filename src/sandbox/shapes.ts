import type { Account, CheckRun, Comment, Installation, InstallationPermissions, Issue, Label, PullFile, Reaction, Repository } from "./state.js";
import { DEFAULT_INSTALLATION_PERMISSIONS, REACTION_CONTENTS } from "./state.js";

/**
 * Renders sandbox objects in GitHub's REST shapes (the required properties of the OpenAPI schemas,
 * which the contract test checks). `api` is the API root (…/api/v3), `web` the html root.
 */
export class Shapes {
  constructor(
    readonly api: string,
    readonly web: string,
    private readonly app: { id: number; slug: string; owner: () => Account; createdAt: Date },
  ) {}

  nodeId(kind: string, id: number): string {
    return Buffer.from(`${kind}:${id}`).toString("base64").replace(/=+$/, "");
  }

  user(account: Account): Record<string, unknown> {
    const url = `${this.api}/users/${encodeURIComponent(account.login)}`;
    return {
      login: account.login,
      id: account.id,
      node_id: this.nodeId(account.type === "Organization" ? "Organization" : account.type === "Bot" ? "Bot" : "User", account.id),
      avatar_url: `${this.web}/avatars/u/${account.id}`,
      gravatar_id: "",
      url,
      html_url: account.type === "Bot" ? `${this.web}/apps/${account.login.replace(/\[bot\]$/, "")}` : `${this.web}/${account.login}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type: account.type,
      user_view_type: "public",
      site_admin: false,
    };
  }

  iso(date: Date | null): string | null {
    return date === null ? null : date.toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  repository(repository: Repository, openIssues: number): Record<string, unknown> {
    const url = `${this.api}/repos/${repository.fullName}`;
    return {
      id: repository.id,
      node_id: this.nodeId("Repository", repository.id),
      name: repository.name,
      full_name: repository.fullName,
      private: repository.private,
      owner: this.user(repository.owner),
      html_url: `${this.web}/${repository.fullName}`,
      description: null,
      fork: false,
      url,
      archive_url: `${url}/{archive_format}{/ref}`,
      assignees_url: `${url}/assignees{/user}`,
      blobs_url: `${url}/git/blobs{/sha}`,
      branches_url: `${url}/branches{/branch}`,
      collaborators_url: `${url}/collaborators{/collaborator}`,
      comments_url: `${url}/comments{/number}`,
      commits_url: `${url}/commits{/sha}`,
      compare_url: `${url}/compare/{base}...{head}`,
      contents_url: `${url}/contents/{+path}`,
      contributors_url: `${url}/contributors`,
      deployments_url: `${url}/deployments`,
      downloads_url: `${url}/downloads`,
      events_url: `${url}/events`,
      forks_url: `${url}/forks`,
      git_commits_url: `${url}/git/commits{/sha}`,
      git_refs_url: `${url}/git/refs{/sha}`,
      git_tags_url: `${url}/git/tags{/sha}`,
      git_url: `git://${new URL(this.web).host}/${repository.fullName}.git`,
      hooks_url: `${url}/hooks`,
      issue_comment_url: `${url}/issues/comments{/number}`,
      issue_events_url: `${url}/issues/events{/number}`,
      issues_url: `${url}/issues{/number}`,
      keys_url: `${url}/keys{/key_id}`,
      labels_url: `${url}/labels{/name}`,
      languages_url: `${url}/languages`,
      merges_url: `${url}/merges`,
      milestones_url: `${url}/milestones{/number}`,
      notifications_url: `${url}/notifications{?since,all,participating}`,
      pulls_url: `${url}/pulls{/number}`,
      releases_url: `${url}/releases{/id}`,
      ssh_url: `git@${new URL(this.web).hostname}:${repository.fullName}.git`,
      stargazers_url: `${url}/stargazers`,
      statuses_url: `${url}/statuses/{sha}`,
      subscribers_url: `${url}/subscribers`,
      subscription_url: `${url}/subscription`,
      tags_url: `${url}/tags`,
      teams_url: `${url}/teams`,
      trees_url: `${url}/git/trees{/sha}`,
      clone_url: `${this.web}/${repository.fullName}.git`,
      mirror_url: null,
      svn_url: `${this.web}/${repository.fullName}`,
      homepage: null,
      language: null,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 0,
      default_branch: repository.defaultBranch,
      open_issues: openIssues,
      open_issues_count: openIssues,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: repository.archived ?? false,
      disabled: false,
      visibility: repository.private ? "private" : "public",
      license: null,
      pushed_at: this.iso(repository.pushedAt),
      created_at: this.iso(repository.createdAt),
      updated_at: this.iso(repository.updatedAt),
      network_count: 0,
      subscribers_count: 0,
    };
  }

  label(repository: Repository, label: Label): Record<string, unknown> {
    return {
      id: label.id,
      node_id: this.nodeId("Label", label.id),
      url: `${this.api}/repos/${repository.fullName}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      color: label.color,
      default: false,
      description: label.description,
    };
  }

  reactionRollup(url: string, reactions: readonly Reaction[]): Record<string, unknown> {
    const rollup: Record<string, unknown> = { url, total_count: reactions.length };
    for (const content of REACTION_CONTENTS) rollup[content] = reactions.filter((reaction) => reaction.content === content).length;
    return rollup;
  }

  issue(repository: Repository, issue: Issue): Record<string, unknown> {
    const repoUrl = `${this.api}/repos/${repository.fullName}`;
    const url = `${repoUrl}/issues/${issue.number}`;
    const htmlUrl = `${this.web}/${repository.fullName}/${issue.pullRequest ? "pull" : "issues"}/${issue.number}`;
    return {
      url,
      repository_url: repoUrl,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: htmlUrl,
      id: issue.id,
      node_id: this.nodeId(issue.pullRequest ? "PullRequest" : "Issue", issue.id),
      number: issue.number,
      title: issue.title,
      user: this.user(issue.user),
      labels: issue.labels.map((label) => this.label(repository, label)),
      state: issue.state,
      state_reason: issue.stateReason,
      locked: issue.locked,
      assignee: issue.assignees[0] ? this.user(issue.assignees[0]) : null,
      assignees: issue.assignees.map((account) => this.user(account)),
      milestone: null,
      comments: issue.comments,
      created_at: this.iso(issue.createdAt),
      updated_at: this.iso(issue.updatedAt),
      closed_at: this.iso(issue.closedAt),
      closed_by: issue.closedBy ? this.user(issue.closedBy) : null,
      author_association: issue.authorAssociation,
      active_lock_reason: issue.activeLockReason,
      body: issue.body,
      reactions: this.reactionRollup(`${url}/reactions`, issue.reactions),
      timeline_url: `${url}/timeline`,
      performed_via_github_app: null,
      ...(issue.pullRequest
        ? {
            draft: false,
            pull_request: {
              url: `${repoUrl}/pulls/${issue.number}`,
              html_url: htmlUrl,
              diff_url: `${htmlUrl}.diff`,
              patch_url: `${htmlUrl}.patch`,
              merged_at: null,
            },
          }
        : {}),
    };
  }

  comment(repository: Repository, comment: Comment, issue: Issue): Record<string, unknown> {
    const url = `${this.api}/repos/${repository.fullName}/issues/comments/${comment.id}`;
    return {
      url,
      html_url: `${this.web}/${repository.fullName}/${issue.pullRequest ? "pull" : "issues"}/${issue.number}#issuecomment-${comment.id}`,
      issue_url: `${this.api}/repos/${repository.fullName}/issues/${issue.number}`,
      id: comment.id,
      node_id: this.nodeId("IssueComment", comment.id),
      user: this.user(comment.user),
      created_at: this.iso(comment.createdAt),
      updated_at: this.iso(comment.updatedAt),
      author_association: comment.authorAssociation,
      body: comment.body,
      reactions: this.reactionRollup(`${url}/reactions`, comment.reactions),
      performed_via_github_app: comment.user.type === "Bot" ? this.app_() : null,
    };
  }

  reaction(reaction: Reaction): Record<string, unknown> {
    return {
      id: reaction.id,
      node_id: this.nodeId("Reaction", reaction.id),
      user: this.user(reaction.user),
      content: reaction.content,
      created_at: this.iso(reaction.createdAt),
    };
  }

  /** The app's permissions (app.yml), or an installation's when it has other ones. */
  permissions(installation?: Installation): InstallationPermissions {
    return { ...(installation?.permissions ?? DEFAULT_INSTALLATION_PERMISSIONS) };
  }

  events(): string[] {
    return ["issue_comment", "issues", "pull_request", "pull_request_review", "pull_request_review_comment", "push"];
  }

  app_(): Record<string, unknown> {
    const { id, slug, createdAt } = this.app;
    return {
      id,
      slug,
      node_id: this.nodeId("App", id),
      client_id: `Iv1.sandbox${id}`,
      owner: this.user(this.app.owner()),
      name: slug,
      description: "GitHub App running against the meeting-bot sandbox",
      external_url: this.web,
      html_url: `${this.web}/apps/${slug}`,
      created_at: this.iso(createdAt),
      updated_at: this.iso(createdAt),
      permissions: this.permissions(),
      events: this.events(),
      installations_count: 0,
    };
  }

  installation(installation: Installation): Record<string, unknown> {
    return {
      id: installation.id,
      account: this.user(installation.account),
      repository_selection: installation.repositorySelection,
      access_tokens_url: `${this.api}/app/installations/${installation.id}/access_tokens`,
      repositories_url: `${this.api}/installation/repositories`,
      html_url: `${this.web}/${installation.account.type === "Organization" ? `organizations/${installation.account.login}/` : ""}settings/installations/${installation.id}`,
      app_id: this.app.id,
      app_slug: this.app.slug,
      target_id: installation.account.id,
      target_type: installation.account.type,
      permissions: this.permissions(installation),
      events: this.events(),
      created_at: this.iso(installation.createdAt),
      updated_at: this.iso(installation.updatedAt),
      single_file_name: null,
      has_multiple_single_files: false,
      single_file_paths: [],
      suspended_by: null,
      suspended_at: null,
    };
  }

  checkRun(repository: Repository, checkRun: CheckRun): Record<string, unknown> {
    const url = `${this.api}/repos/${repository.fullName}/check-runs/${checkRun.id}`;
    return {
      id: checkRun.id,
      node_id: this.nodeId("CheckRun", checkRun.id),
      head_sha: checkRun.headSha,
      external_id: checkRun.externalId,
      url,
      html_url: `${this.web}/${repository.fullName}/runs/${checkRun.id}`,
      details_url: checkRun.detailsUrl,
      status: checkRun.status,
      conclusion: checkRun.conclusion,
      started_at: this.iso(checkRun.startedAt),
      completed_at: this.iso(checkRun.completedAt),
      output: { ...checkRun.output, annotations_count: checkRun.annotations.length, annotations_url: `${url}/annotations` },
      name: checkRun.name,
      check_suite: { id: checkRun.id },
      app: this.app_(),
      pull_requests: [],
    };
  }

  /** A branch as a pull request names it (`head`, `base`). */
  private branchRef(repository: Repository, branch: string, openIssues: number): Record<string, unknown> {
    return {
      label: `${repository.owner.login}:${branch}`,
      ref: branch,
      sha: repository.heads.get(branch) ?? "0".repeat(40),
      user: this.user(repository.owner),
      repo: this.repository(repository, openIssues),
    };
  }

  /** A pull request (REST `pull-request`); `pull.pull` holds its branches. */
  pullRequest(repository: Repository, pull: Issue, openIssues: number, files: readonly PullFile[] = []): Record<string, unknown> {
    const issue = this.issue(repository, pull);
    const repoUrl = `${this.api}/repos/${repository.fullName}`;
    const url = `${repoUrl}/pulls/${pull.number}`;
    const html = `${this.web}/${repository.fullName}/pull/${pull.number}`;
    const head = pull.pull?.head ?? repository.defaultBranch;
    const headSha = repository.heads.get(head) ?? "0".repeat(40);
    const href = (value: string) => ({ href: value });
    return {
      url,
      id: pull.id,
      node_id: this.nodeId("PullRequest", pull.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issue.url,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${repoUrl}/pulls/comments{/number}`,
      comments_url: `${issue.url}/comments`,
      statuses_url: `${repoUrl}/statuses/${headSha}`,
      number: pull.number,
      state: pull.state,
      locked: pull.locked,
      title: pull.title,
      user: issue.user,
      body: pull.body,
      labels: issue.labels,
      milestone: null,
      active_lock_reason: pull.activeLockReason,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_at: issue.closed_at,
      merged_at: null,
      merge_commit_sha: null,
      assignee: issue.assignee,
      assignees: issue.assignees,
      requested_reviewers: [],
      requested_teams: [],
      head: this.branchRef(repository, head, openIssues),
      base: this.branchRef(repository, pull.pull?.base ?? repository.defaultBranch, openIssues),
      _links: {
        self: href(url),
        html: href(html),
        issue: href(String(issue.url)),
        comments: href(`${issue.url}/comments`),
        review_comments: href(`${url}/comments`),
        review_comment: href(`${repoUrl}/pulls/comments{/number}`),
        commits: href(`${url}/commits`),
        statuses: href(`${repoUrl}/statuses/${headSha}`),
      },
      author_association: pull.authorAssociation,
      auto_merge: null,
      draft: false,
      merged: pull.pull?.merged ?? false,
      mergeable: true,
      rebaseable: true,
      mergeable_state: "clean",
      merged_by: null,
      comments: pull.comments,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: files.length,
      deletions: files.filter((file) => file.status === "removed").length,
      changed_files: files.length,
    };
  }

  /** One entry of GET …/pulls/{n}/files (REST `diff-entry`). */
  pullFile(repository: Repository, branch: string, file: PullFile): Record<string, unknown> {
    const blob = `${this.web}/${repository.fullName}/blob/${branch}/${file.filename}`;
    return {
      sha: file.sha,
      filename: file.filename,
      status: file.status,
      additions: file.status === "removed" ? 0 : 1,
      deletions: file.status === "added" ? 0 : 1,
      changes: file.status === "modified" ? 2 : 1,
      blob_url: blob,
      raw_url: `${this.web}/${repository.fullName}/raw/${branch}/${file.filename}`,
      contents_url: `${this.api}/repos/${repository.fullName}/contents/${file.filename}?ref=${encodeURIComponent(branch)}`,
    };
  }

  /** A git ref (REST `git-ref`). */
  gitRef(repository: Repository, branch: string): Record<string, unknown> {
    const sha = repository.heads.get(branch) ?? "0".repeat(40);
    return {
      ref: `refs/heads/${branch}`,
      node_id: this.nodeId("Ref", Number.parseInt(sha.slice(0, 8), 16)),
      url: `${this.api}/repos/${repository.fullName}/git/refs/heads/${branch}`,
      object: { type: "commit", sha, url: `${this.api}/repos/${repository.fullName}/git/commits/${sha}` },
    };
  }

  /** The commit a contents write made (REST `file-commit`'s `commit`). */
  commit(repository: Repository, sha: string, message: string, author: Account, at: Date): Record<string, unknown> {
    const who = { name: author.login, email: `${author.id}+${author.login}@users.noreply.github.com`, date: this.iso(at) };
    return {
      sha,
      node_id: this.nodeId("Commit", Number.parseInt(sha.slice(0, 8), 16)),
      url: `${this.api}/repos/${repository.fullName}/git/commits/${sha}`,
      html_url: `${this.web}/${repository.fullName}/commit/${sha}`,
      author: who,
      committer: who,
      message,
      tree: { sha: sha.split("").reverse().join(""), url: `${this.api}/repos/${repository.fullName}/git/trees/${sha}` },
      parents: [],
      verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    };
  }
}
