import { notFound } from "../http-error.js";
import { route } from "../route-table.js";
import { json } from "../sandbox-request.js";
import { requireRepository } from "./access.js";
import { openIssueCount } from "./app.js";

/** Repository metadata and the people questions an app asks (permission level, team membership). */
export const repoRoutes = [
  route("GET", "/repos/{owner}/{repo}", "installation", (request) => {
    const repository = requireRepository(request);
    return json(200, request.shapes.repository(repository, openIssueCount(repository)));
  }),

  // A branch's head: how the app tells, in one conditional request, that nothing in a repo changed.
  route("GET", "/repos/{owner}/{repo}/git/ref/{ref}", "installation", (request) => {
    const repository = requireRepository(request);
    const branch = /^heads\/(.+)$/.exec(request.params.ref ?? "")?.[1];
    const sha = branch === undefined ? undefined : repository.heads.get(branch);
    if (branch === undefined || sha === undefined) throw notFound();
    const api = request.shapes.api;
    return json(200, {
      ref: `refs/heads/${branch}`,
      node_id: Buffer.from(`ref:${repository.fullName}:${branch}`).toString("base64"),
      url: `${api}/repos/${repository.fullName}/git/refs/heads/${branch}`,
      object: { type: "commit", sha, url: `${api}/repos/${repository.fullName}/git/commits/${sha}` },
    });
  }),

  route("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", "installation", (request) => {
    const repository = requireRepository(request);
    const username = request.params.username ?? "";
    // GitHub answers 404 for a login that does not exist; the sandbox knows every login it has seen.
    if (!request.state.hasAccount(username)) throw notFound();
    const user = request.state.account(username);
    const permission = request.state.permissionOf(repository, username);
    // The legacy `permission` field folds maintain into write and triage into read; role_name is exact.
    const legacy = permission === "maintain" ? "write" : permission === "triage" ? "read" : permission;
    return json(200, { permission: legacy, role_name: permission, user: { ...request.shapes.user(user), permissions: rolePermissions(permission) } });
  }),

  route("GET", "/orgs/{org}/teams/{team_slug}/memberships/{username}", "installation", (request) => {
    const members = request.state.teams.get(`${request.params.org}/${request.params.team_slug}`.toLowerCase());
    const role = members?.get((request.params.username ?? "").toLowerCase());
    if (!role) throw notFound();
    return json(200, {
      url: `${request.shapes.api}/organizations/teams/${request.params.team_slug}/memberships/${request.params.username}`,
      role,
      state: "active",
    });
  }),
];

function rolePermissions(permission: string): Record<string, boolean> {
  const order = ["none", "read", "triage", "write", "maintain", "admin"];
  const level = order.indexOf(permission);
  return { admin: level >= 5, maintain: level >= 4, push: level >= 3, triage: level >= 2, pull: level >= 1 };
}
