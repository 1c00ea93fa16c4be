import { HttpError, validationFailed } from "../http-error.js";
import { paginate } from "../pagination.js";
import { route } from "../route-table.js";
import { json, noContent } from "../sandbox-request.js";
import type { Issue } from "../state.js";
import { actor, bodyObject, checkBodyLength, requireComment, requireIssue, requireRepository } from "./access.js";

function requireBody(body: Record<string, unknown>): string {
  const text = body.body;
  if (typeof text !== "string" || text.trim() === "") {
    throw validationFailed({ resource: "IssueComment", code: "missing_field", field: "body" });
  }
  checkBodyLength(text, "IssueComment");
  return text;
}

/**
 * Issue comments. The app's installation may comment on a locked issue (an app with issues:write counts as
 * a collaborator on GitHub); the control API rejects comments from non-collaborators on locked issues.
 */
export const commentRoutes = [
  route("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", "installation", (request) => {
    const repository = requireRepository(request);
    const issue = requireIssue(request, repository);
    const sinceRaw = request.query.get("since");
    const since = sinceRaw === null ? undefined : Date.parse(sinceRaw);
    if (since !== undefined && Number.isNaN(since)) throw new HttpError(422, "Invalid request.\n\n'since' is not a timestamp.");
    const comments = [...repository.comments.values()]
      .filter((comment) => comment.issueNumber === issue.number)
      .filter((comment) => since === undefined || comment.updatedAt.getTime() >= since)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
    const page = paginate(comments, request.query, request.url);
    return json(
      200,
      page.items.map((comment) => request.shapes.comment(repository, comment, issue)),
      page.link ? { link: page.link } : undefined,
    );
  }),

  route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", "installation", (request) => {
    const repository = requireRepository(request);
    const issue = requireIssue(request, repository);
    const comment = request.state.createComment(repository, issue, requireBody(bodyObject(request)), actor(request));
    const shape = request.shapes.comment(repository, comment, issue);
    return json(201, shape, { location: String(shape.url) });
  }),

  route("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}", "installation", (request) => {
    const repository = requireRepository(request);
    const comment = requireComment(request, repository);
    return json(200, request.shapes.comment(repository, comment, repository.issues.get(comment.issueNumber) as Issue));
  }),

  route("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", "installation", (request) => {
    const repository = requireRepository(request);
    const comment = requireComment(request, repository);
    request.state.updateComment(repository, comment, requireBody(bodyObject(request)), actor(request));
    return json(200, request.shapes.comment(repository, comment, repository.issues.get(comment.issueNumber) as Issue));
  }),

  route("DELETE", "/repos/{owner}/{repo}/issues/comments/{comment_id}", "installation", (request) => {
    const repository = requireRepository(request);
    request.state.deleteComment(repository, requireComment(request, repository), actor(request));
    return noContent();
  }),
];
