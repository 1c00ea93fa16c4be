import { notFound, validationFailed } from "../http-error.js";
import { paginate } from "../pagination.js";
import { route } from "../route-table.js";
import { json, type SandboxRequest } from "../sandbox-request.js";
import { actor, bodyObject, labelNames, requireIssue, requireRepository } from "./access.js";

/** Adding labels accepts `{ labels: [...] }`, a bare array, or `{ labels: [{ name }] }`, like GitHub. */
function requestedLabels(request: SandboxRequest): string[] {
  const names = Array.isArray(request.body) ? labelNames(request.body) : labelNames(bodyObject(request).labels);
  if (!names || names.length === 0) throw validationFailed({ resource: "Label", code: "missing_field", field: "labels" });
  return names;
}

export const labelRoutes = [
  route("GET", "/repos/{owner}/{repo}/labels", "installation", (request) => {
    const repository = requireRepository(request);
    const labels = [...repository.labels.values()].sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(labels, request.query, request.url);
    return json(200, page.items.map((label) => request.shapes.label(repository, label)), page.link ? { link: page.link } : undefined);
  }),

  route("GET", "/repos/{owner}/{repo}/labels/{name}", "installation", (request) => {
    const repository = requireRepository(request);
    const label = request.state.findLabel(repository, request.params.name ?? "");
    if (!label) throw notFound();
    return json(200, request.shapes.label(repository, label));
  }),

  route("POST", "/repos/{owner}/{repo}/labels", "installation", (request) => {
    const repository = requireRepository(request);
    const body = bodyObject(request);
    if (typeof body.name !== "string" || body.name.trim() === "") {
      throw validationFailed({ resource: "Label", code: "missing_field", field: "name" });
    }
    if (request.state.findLabel(repository, body.name)) {
      throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
    }
    if (body.color !== undefined && (typeof body.color !== "string" || !/^#?[0-9a-f]{6}$/i.test(body.color))) {
      throw validationFailed({ resource: "Label", code: "invalid", field: "color" });
    }
    const label = request.state.createLabel(repository, {
      name: body.name,
      ...(typeof body.color === "string" ? { color: body.color } : {}),
      description: typeof body.description === "string" ? body.description : null,
    });
    return json(201, request.shapes.label(repository, label));
  }),

  route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels", "installation", (request) => {
    const repository = requireRepository(request);
    const issue = requireIssue(request, repository);
    const labels = request.state.addLabels(repository, issue, requestedLabels(request), actor(request));
    return json(200, labels.map((label) => request.shapes.label(repository, label)));
  }),

  route("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", "installation", (request) => {
    const repository = requireRepository(request);
    const issue = requireIssue(request, repository);
    const name = request.params.name ?? "";
    if (!issue.labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) {
      throw notFound();
    }
    const labels = request.state.removeLabel(repository, issue, name, actor(request));
    return json(200, labels.map((label) => request.shapes.label(repository, label)));
  }),
];
