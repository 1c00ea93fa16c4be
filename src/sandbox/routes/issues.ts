import { HttpError, validationFailed } from "../http-error.js";
import { paginate } from "../pagination.js";
import { route } from "../route-table.js";
import { json, noContent, type SandboxRequest } from "../sandbox-request.js";
import type { Issue, IssueChanges } from "../state.js";
import { actor, bodyObject, checkBodyLength, labelNames, optionalString, requireIssue, requireRepository, stringList } from "./access.js";

const STATE_REASONS = ["completed", "not_planned", "reopened", "duplicate"] as const;
const LOCK_REASONS = ["off-topic", "too heated", "resolved", "spam"];

/** Issues (pull requests are issues with a `pull_request` key): create, read, update, list, lock. */
export const issueRoutes = [
  route("POST", "/repos/{owner}/{repo}/issues", "installation", (request) => {
    const repository = requireRepository(request);
    const body = bodyObject(request);
    const title = body.title;
    if (title === undefined || title === null || (typeof title === "string" && title.trim() === "")) {
      throw validationFailed({ resource: "Issue", code: "missing_field", field: "title" });
    }
    if (typeof title !== "string" && typeof title !== "number") {
      throw validationFailed({ resource: "Issue", code: "invalid", field: "title" });
    }
    const text = optionalString(body, "body");
    checkBodyLength(text, "Issue");
    const labels = labelNames(body.labels);
    const assignees = stringList(body.assignees, "assignees") ?? (typeof body.assignee === "string" ? [body.assignee] : undefined);
    const issue = request.state.createIssue(
      repository,
      { title: String(title), body: text ?? null, ...(labels ? { labels } : {}), ...(assignees ? { assignees } : {}) },
      actor(request),
    );
    const shape = request.shapes.issue(repository, issue);
    return json(201, shape, { location: String(shape.url) });
  }),

  route("GET", "/repos/{owner}/{repo}/issues/{issue_number}", "installation", (request) => {
    const repository = requireRepository(request);
    return json(200, request.shapes.issue(repository, requireIssue(request, repository)));
  }),

  route("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", "installation", (request) => {
    const repository = requireRepository(request);
    const issue = requireIssue(request, repository);
    const body = bodyObject(request);
    const changes: IssueChanges = {};
    if (body.title !== undefined) {
      if (typeof body.title !== "string" || body.title.trim() === "") {
        throw validationFailed({ resource: "Issue", code: "missing_field", field: "title" });
      }
      changes.title = body.title;
    }
    if (body.body !== undefined) {
      if (body.body !== null && typeof body.body !== "string") throw validationFailed({ resource: "Issue", code: "invalid", field: "body" });
      checkBodyLength(body.body, "Issue");
      changes.body = body.body;
    }
    if (body.state !== undefined) {
      if (body.state !== "open" && body.state !== "closed") throw validationFailed({ resource: "Issue", code: "invalid", field: "state" });
      changes.state = body.state;
    }
    if (body.state_reason !== undefined && body.state_reason !== null) {
      if (!STATE_REASONS.includes(body.state_reason as (typeof STATE_REASONS)[number])) {
        throw validationFailed({ resource: "Issue", code: "invalid", field: "state_reason" });
      }
      changes.stateReason = body.state_reason as Issue["stateReason"];
    }
    const labels = labelNames(body.labels);
    if (labels) changes.labels = labels;
    const assignees = stringList(body.assignees, "assignees");
    if (assignees) changes.assignees = assignees;
    request.state.updateIssue(repository, issue, changes, actor(request));
    return json(200, request.shapes.issue(repository, issue));
  }),

  route("GET", "/repos/{owner}/{repo}/issues", "installation", (request) => {
    const repository = requireRepository(request);
    const issues = filterAndSort([...repository.issues.values()], request);
    const page = paginate(issues, request.query, request.url);
    return json(
      200,
      page.items.map((issue) => request.shapes.issue(repository, issue)),
      page.link ? { link: page.link } : undefined,
    );
  }),

  route("PUT", "/repos/{owner}/{repo}/issues/{issue_number}/lock", "installation", (request) => {
    const repository = requireRepository(request);
    const issue = requireIssue(request, repository);
    const reason = bodyObject(request).lock_reason;
    if (reason !== undefined && (typeof reason !== "string" || !LOCK_REASONS.includes(reason))) {
      throw validationFailed({ resource: "Issue", code: "invalid", field: "lock_reason" });
    }
    request.state.setLocked(issue, true, typeof reason === "string" ? reason : null);
    return noContent();
  }),

  route("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/lock", "installation", (request) => {
    const repository = requireRepository(request);
    request.state.setLocked(requireIssue(request, repository), false);
    return noContent();
  }),
];

/** GitHub's list filters: state (default open), labels (comma list, all must match), creator, assignee, since; then sort and direction. */
function filterAndSort(all: Issue[], request: SandboxRequest): Issue[] {
  const query = request.query;
  const state = query.get("state") ?? "open";
  if (!["open", "closed", "all"].includes(state)) throw validationFailed({ resource: "Issue", code: "invalid", field: "state" });
  const sort = query.get("sort") ?? "created";
  if (!["created", "updated", "comments"].includes(sort)) throw validationFailed({ resource: "Issue", code: "invalid", field: "sort" });
  const direction = query.get("direction") ?? "desc";
  if (direction !== "asc" && direction !== "desc") throw validationFailed({ resource: "Issue", code: "invalid", field: "direction" });
  const wanted = (query.get("labels") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  const creator = query.get("creator")?.toLowerCase();
  const assignee = query.get("assignee")?.toLowerCase();
  const sinceRaw = query.get("since");
  const since = sinceRaw === null ? undefined : Date.parse(sinceRaw);
  if (since !== undefined && Number.isNaN(since)) throw new HttpError(422, "Invalid request.\n\n'since' is not a timestamp.");

  const filtered = all.filter((issue) => {
    if (issue.deleted || issue.transferredTo) return false;
    if (state !== "all" && issue.state !== state) return false;
    if (!wanted.every((name) => issue.labels.some((label) => label.name.toLowerCase() === name))) return false;
    if (creator !== undefined && issue.user.login.toLowerCase() !== creator) return false;
    if (assignee === "none" && issue.assignees.length > 0) return false;
    if (assignee === "*" && issue.assignees.length === 0) return false;
    if (assignee !== undefined && assignee !== "none" && assignee !== "*" && !issue.assignees.some((a) => a.login.toLowerCase() === assignee)) {
      return false;
    }
    if (since !== undefined && issue.updatedAt.getTime() < since) return false;
    return true;
  });
  const key = (issue: Issue): number =>
    sort === "updated" ? issue.updatedAt.getTime() : sort === "comments" ? issue.comments : issue.createdAt.getTime();
  // Ties (same timestamp under a fake clock) fall back to the issue number, so order stays stable.
  const sign = direction === "asc" ? 1 : -1;
  return filtered.sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
}
