import { notFound } from "../http-error.js";
import { paginate } from "../pagination.js";
import { route } from "../route-table.js";
import { json } from "../sandbox-request.js";
import { numberParam } from "./access.js";

/** The app's own endpoints (JWT) and the installation's view of its repositories (token). */
export const appRoutes = [
  route("GET", "/app", "app", (request) => json(200, request.shapes.app_())),

  route("GET", "/app/installations", "app", (request) => {
    const installations = [...request.state.installations.values()].map((installation) => request.shapes.installation(installation));
    const page = paginate(installations, request.query, request.url);
    return json(200, page.items, page.link ? { link: page.link } : undefined);
  }),

  route("GET", "/app/installations/{installation_id}", "app", (request) => {
    const installation = request.state.installations.get(numberParam(request, "installation_id"));
    if (!installation) throw notFound();
    return json(200, request.shapes.installation(installation));
  }),

  route("POST", "/app/installations/{installation_id}/access_tokens", "app", (request) => {
    const installation = request.state.installations.get(numberParam(request, "installation_id"));
    if (!installation) throw notFound();
    const { token, expiresAt } = request.tokens.issue(installation.id);
    return json(201, {
      token,
      expires_at: expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
      permissions: request.shapes.permissions(installation),
      repository_selection: installation.repositorySelection,
    });
  }),

  route("GET", "/repos/{owner}/{repo}/installation", "app", (request) => {
    const repository = request.state.findRepository(`${request.params.owner}/${request.params.repo}`);
    if (!repository) throw notFound();
    return json(200, request.shapes.installation(request.state.installationById(repository.installationId)));
  }),

  route("GET", "/installation/repositories", "installation", (request) => {
    if (request.auth.kind !== "installation") throw notFound();
    const installation = request.state.installationById(request.auth.installationId);
    const repositories = request.state.repositoriesOf(installation.id).map((repository) =>
      request.shapes.repository(repository, openIssueCount(repository)),
    );
    const page = paginate(repositories, request.query, request.url);
    return json(
      200,
      { total_count: repositories.length, repository_selection: installation.repositorySelection, repositories: page.items },
      page.link ? { link: page.link } : undefined,
    );
  }),
];

export function openIssueCount(repository: { issues: Map<number, { state: string; deleted: boolean; transferredTo: unknown }> }): number {
  return [...repository.issues.values()].filter((issue) => issue.state === "open" && !issue.deleted && !issue.transferredTo).length;
}
