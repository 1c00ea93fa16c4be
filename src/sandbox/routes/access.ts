import { HttpError, notFound, validationFailed } from "../http-error.js";
import type { SandboxRequest } from "../sandbox-request.js";
import type { Account, Comment, Issue, Repository } from "../state.js";
import { MAX_BODY_LENGTH } from "../state.js";

/** Shared lookups for route handlers: scoping to the calling installation, and GitHub's validation. */

/** The repository in the path, if the calling installation can see it; otherwise 404 like GitHub. */
export function requireRepository(request: SandboxRequest): Repository {
  const repository = request.state.findRepository(`${request.params.owner}/${request.params.repo}`);
  if (!repository) throw notFound();
  if (request.auth.kind === "installation" && repository.installationId !== request.auth.installationId) throw notFound();
  return repository;
}

/** The account a REST write is attributed to: always the app's bot user (installation tokens act as the app). */
export function actor(request: SandboxRequest): Account {
  return request.state.bot;
}

export function numberParam(request: SandboxRequest, name: string): number {
  const value = Number(request.params[name]);
  if (!Number.isInteger(value) || value < 1) throw notFound();
  return value;
}

/** 410 for deleted issues, 301 (with Location) for transferred ones, like GitHub. */
export function requireIssue(request: SandboxRequest, repository: Repository): Issue {
  const issue = repository.issues.get(numberParam(request, "issue_number"));
  if (!issue) throw notFound();
  if (issue.deleted) throw new HttpError(410, "This issue was deleted");
  if (issue.transferredTo) {
    const location = `${request.shapes.api}/repos/${issue.transferredTo.repoFullName}/issues/${issue.transferredTo.number}`;
    throw new HttpError(301, "Moved Permanently", { headers: { location }, extra: { url: location } });
  }
  return issue;
}

export function requireComment(request: SandboxRequest, repository: Repository): Comment {
  const comment = repository.comments.get(numberParam(request, "comment_id"));
  if (!comment) throw notFound();
  return comment;
}

export function bodyObject(request: SandboxRequest): Record<string, unknown> {
  const body = request.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "Problems parsing JSON");
  return body as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new HttpError(422, `Invalid request.\n\nFor '${field}', ${JSON.stringify(value)} is not a string.`, { extra: {} });
  }
  return value;
}

export function checkBodyLength(body: string | null | undefined, resource: string): void {
  if (typeof body === "string" && body.length > MAX_BODY_LENGTH) {
    throw validationFailed({
      resource,
      code: "custom",
      field: "body",
      message: `body is too long (maximum is ${MAX_BODY_LENGTH} characters)`,
    });
  }
}

/** Label lists arrive as strings or as `{ name }` objects. */
export function labelNames(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new HttpError(422, "Invalid request.\n\nFor 'labels', the value is not an array.");
  return value.map((item: unknown) => {
    if (typeof item === "string") return item;
    if (typeof item === "object" && item !== null && typeof (item as { name?: unknown }).name === "string") {
      return (item as { name: string }).name;
    }
    throw new HttpError(422, "Invalid request.\n\nFor 'labels', each item must be a string or { name }.");
  });
}

export function stringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new HttpError(422, `Invalid request.\n\nFor '${field}', the value is not an array of strings.`);
  }
  return value as string[];
}
