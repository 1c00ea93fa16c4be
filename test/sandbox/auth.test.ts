import { describe, it, expect, beforeAll, afterAll } from "@jest/globals";
import { createSign, generateKeyPairSync } from "node:crypto";
import { APP_ID, REPO, octokitFor, startWorld, type World } from "./fixture.js";
import { privateKey } from "../helpers/keys.js";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
function jwt(claims: Record<string, unknown>, key = privateKey): string {
  const head = `${b64({ alg: "RS256", typ: "JWT" })}.${b64(claims)}`;
  return `${head}.${createSign("RSA-SHA256").update(head).sign(key, "base64url")}`;
}
const nowS = () => Math.floor(Date.now() / 1000);

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.sandbox.close());

describe("app JWT", () => {
  const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  it.each([
    ["a valid JWT", jwt({ iat: nowS() - 30, exp: nowS() + 500, iss: APP_ID }), 200, undefined],
    ["a JWT with iss as a string", jwt({ iat: nowS() - 30, exp: nowS() + 500, iss: String(APP_ID) }), 200, undefined],
    ["another app's id", jwt({ iat: nowS() - 30, exp: nowS() + 500, iss: 1 }), 401, /Issuer/],
    ["an expired JWT", jwt({ iat: nowS() - 900, exp: nowS() - 300, iss: APP_ID }), 401, /Expiration time/],
    ["a JWT living too long", jwt({ iat: nowS() - 30, exp: nowS() + 3600, iss: APP_ID }), 401, /too far in the future/],
    ["a JWT signed by another key", jwt({ iat: nowS() - 30, exp: nowS() + 500, iss: APP_ID }, otherKey), 401, /could not be decoded/],
    ["no credentials", undefined, 401, /Requires authentication/],
    ["an unknown token", "ghs_nope", 401, /Bad credentials/],
  ])("GET /app with %s", async (_name, token, status, message) => {
    const response = await fetch(`${world.sandbox.baseUrl}/app`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { message?: string; documentation_url?: string; id?: number };
    if (message) {
      expect(body.message).toMatch(message);
      expect(body.documentation_url).toMatch(/^https:\/\/docs\.github\.com/);
    } else {
      expect(body.id).toBe(APP_ID);
    }
  });

  it("lists installations with pagination and finds a repository's installation", async () => {
    const second = world.sandbox.addInstallation({ account: "alice", type: "User" });
    world.sandbox.addRepository(second.id, "dotfiles");
    const first = await world.appOctokit.request("GET /app/installations", { per_page: 1 });
    expect(first.data).toHaveLength(1);
    expect(first.headers.link).toContain('rel="next"');
    const all = await world.appOctokit.paginate("GET /app/installations", { per_page: 1 });
    expect(all.map((installation) => installation.account && "login" in installation.account && installation.account.login)).toEqual(["rust-lang", "alice"]);
    expect(all[1]?.target_type).toBe("User");
    const found = await world.appOctokit.request("GET /repos/{owner}/{repo}/installation", { owner: "alice", repo: "dotfiles" });
    expect(found.data.id).toBe(second.id);
    const one = await world.appOctokit.request("GET /app/installations/{installation_id}", { installation_id: world.installationId });
    expect(one.data.account).toMatchObject({ login: "rust-lang", type: "Organization" });
  });

  it("rejects the JWT on installation routes and the token on app routes", async () => {
    const appJwt = jwt({ iat: nowS() - 30, exp: nowS() + 500, iss: APP_ID });
    const asApp = await fetch(`${world.sandbox.baseUrl}/repos/${REPO}`, { headers: { authorization: `Bearer ${appJwt}` } });
    expect(asApp.status).toBe(403);
    const { token } = (await world.octokit.auth({ type: "installation" })) as { token: string };
    const response = await fetch(`${world.sandbox.baseUrl}/app`, { headers: { authorization: `token ${token}` } });
    expect(response.status).toBe(401);
  });
});

describe("installation tokens", () => {
  it("see only their installation's repositories (others are 404, like GitHub)", async () => {
    const other = world.sandbox.addInstallation({ account: "other-org" });
    world.sandbox.addRepository(other.id, "secret");
    await expect(world.octokit.rest.repos.get({ owner: "other-org", repo: "secret" })).rejects.toMatchObject({ status: 404 });
    await expect(world.octokit.rest.issues.create({ owner: "other-org", repo: "secret", title: "x" })).rejects.toMatchObject({ status: 404 });
    const repo = await world.octokit.rest.repos.get({ owner: "rust-lang", repo: "crates-io-cargo-teams" });
    expect(repo.data).toMatchObject({ full_name: REPO, default_branch: "main", owner: { login: "rust-lang", type: "Organization" } });
    const listed = await world.octokit.rest.apps.listReposAccessibleToInstallation();
    expect(listed.data.repositories.map((repository) => repository.full_name)).toEqual([REPO]);
    expect(listed.data.total_count).toBe(1);
  });

  it("issues tokens that expire after an hour of the auth clock", async () => {
    let clock = Date.now();
    const local = await startWorld({ authClock: () => clock });
    try {
      const token = await local.appOctokit.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: local.installationId });
      expect(token.status).toBe(201);
      expect(Date.parse(token.data.expires_at) - clock).toBeGreaterThan(59 * 60 * 1000);
      const call = () => fetch(`${local.sandbox.baseUrl}/repos/${REPO}`, { headers: { authorization: `token ${token.data.token}` } });
      expect((await call()).status).toBe(200);
      clock += 61 * 60 * 1000;
      expect((await call()).status).toBe(401);
    } finally {
      await local.sandbox.close();
    }
  });

  it("are revoked when the app is uninstalled", async () => {
    const local = await startWorld();
    try {
      const { token } = (await local.octokit.auth({ type: "installation" })) as { token: string };
      const call = () => fetch(`${local.sandbox.baseUrl}/repos/${REPO}`, { headers: { authorization: `token ${token}` } });
      expect((await call()).status).toBe(200);
      local.sandbox.removeInstallation(local.installationId);
      expect((await call()).status).toBe(401);
      expect(local.sandbox.deliveries.map((delivery) => `${delivery.event}.${delivery.action}`)).toContain("installation.deleted");
    } finally {
      await local.sandbox.close();
    }
  });

  it("work through Probot's Octokit with only appId + privateKey + installationId", async () => {
    const octokit = octokitFor(world.sandbox, { installationId: world.installationId });
    await octokit.rest.repos.get({ owner: "rust-lang", repo: "crates-io-cargo-teams" });
    const calls = world.sandbox.requests.slice(-2).map((entry) => [entry.route, entry.auth]);
    expect(calls).toEqual([
      ["/app/installations/{installation_id}/access_tokens", "jwt"],
      ["/repos/{owner}/{repo}", "installation"],
    ]);
  });
});

describe("people", () => {
  it.each([
    ["rust-lang", "admin", "admin"],
    ["writer", "write", "write"],
    ["maintainer", "write", "maintain"],
    ["triager", "read", "triage"],
    ["stranger", "read", "read"],
  ])("collaborator permission of %s is %s (role %s)", async (login, permission, role) => {
    world.sandbox.setPermission(REPO, "writer", "write");
    world.sandbox.setPermission(REPO, "maintainer", "maintain");
    world.sandbox.setPermission(REPO, "triager", "triage");
    world.sandbox.state.account("stranger");
    const response = await world.octokit.rest.repos.getCollaboratorPermissionLevel({ owner: "rust-lang", repo: "crates-io-cargo-teams", username: login });
    expect(response.data).toMatchObject({ permission, role_name: role, user: { login } });
  });

  it("answers 404 for unknown users and team non-members", async () => {
    await expect(
      world.octokit.rest.repos.getCollaboratorPermissionLevel({ owner: "rust-lang", repo: "crates-io-cargo-teams", username: "ghost-user" }),
    ).rejects.toMatchObject({ status: 404 });
    world.sandbox.addTeamMember("rust-lang", "crates-io", "carol", "maintainer");
    const member = await world.octokit.rest.teams.getMembershipForUserInOrg({ org: "rust-lang", team_slug: "crates-io", username: "carol" });
    expect(member.data).toMatchObject({ role: "maintainer", state: "active" });
    await expect(
      world.octokit.rest.teams.getMembershipForUserInOrg({ org: "rust-lang", team_slug: "crates-io", username: "dave" }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("rate limits", () => {
  it("sends x-ratelimit headers and counts down per installation", async () => {
    const first = await world.octokit.rest.repos.get({ owner: "rust-lang", repo: "crates-io-cargo-teams" });
    const second = await world.octokit.rest.repos.get({ owner: "rust-lang", repo: "crates-io-cargo-teams" });
    expect(first.headers["x-ratelimit-limit"]).toBe("5000");
    expect(first.headers["x-ratelimit-resource"]).toBe("core");
    expect(first.headers["x-github-request-id"]).toMatch(/^[0-9A-F:]+$/);
    expect(Number(second.headers["x-ratelimit-remaining"])).toBe(Number(first.headers["x-ratelimit-remaining"]) - 1);
    const overview = await world.octokit.rest.rateLimit.get();
    expect(overview.data.rate.remaining).toBe(Number(second.headers["x-ratelimit-remaining"]));
  });

  it("answers 403 'API rate limit exceeded' once the limit is used up", async () => {
    const local = await startWorld({ rateLimit: 3 });
    try {
      const get = () => local.octokit.rest.repos.get({ owner: "rust-lang", repo: "crates-io-cargo-teams" });
      await get();
      await get();
      await get();
      await expect(get()).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/API rate limit exceeded for installation ID/) });
    } finally {
      await local.sandbox.close();
    }
  });
});
