import { describe, it, expect, beforeAll, afterAll } from "@jest/globals";
import { REPO, startWorld, type World } from "./fixture.js";

let world: World;
const owner = "rust-lang";
const repo = "crates-io-cargo-teams";
const CONFIG = "title: Weekly\nlabels: [meeting]\n";

beforeAll(async () => {
  world = await startWorld();
  world.sandbox.putFile(REPO, ".github/meeting-bot.yml", CONFIG);
  world.sandbox.putFile(REPO, ".github/ISSUE_TEMPLATE/meeting.md", "# Agenda\n");
  world.sandbox.putFile(REPO, ".github/meeting-bot.yml", "title: On a branch\n", { branch: "next" });
});
afterAll(() => world.sandbox.close());

describe("GET /repos/{owner}/{repo}/contents/{path}", () => {
  it.each([
    ["application/vnd.github.raw"],
    ["application/vnd.github.v3.raw"],
    ["application/vnd.github.luke-cage-preview.raw"],
  ])("returns the raw bytes as text/plain for Accept: %s", async (accept) => {
    const response = await world.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner,
      repo,
      path: ".github/meeting-bot.yml",
      headers: { accept },
    });
    expect(response.data).toBe(CONFIG);
    expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
  });

  it("returns JSON with base64 content by default", async () => {
    const response = await world.octokit.rest.repos.getContent({ owner, repo, path: ".github/meeting-bot.yml" });
    const data = response.data as { type: string; encoding: string; content: string; name: string; path: string; size: number; sha: string };
    expect(data).toMatchObject({ type: "file", encoding: "base64", name: "meeting-bot.yml", path: ".github/meeting-bot.yml", size: CONFIG.length });
    expect(Buffer.from(data.content, "base64").toString()).toBe(CONFIG);
    // The git blob sha of the content, as `git hash-object` computes it.
    expect(data.sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it("honours ref and answers 404 for missing files and branches", async () => {
    const onBranch = await world.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner,
      repo,
      path: ".github/meeting-bot.yml",
      ref: "next",
      mediaType: { format: "raw" },
    });
    expect(onBranch.data).toBe("title: On a branch\n");
    await expect(world.octokit.rest.repos.getContent({ owner, repo, path: "missing.yml" })).rejects.toMatchObject({ status: 404 });
    await expect(world.octokit.rest.repos.getContent({ owner, repo, path: ".github/meeting-bot.yml", ref: "nope" })).rejects.toMatchObject({ status: 404 });
  });

  it("lists a directory as a JSON array even when raw is asked for", async () => {
    const response = await world.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path: ".github", mediaType: { format: "raw" } });
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect((response.data as Array<{ name: string; type: string }>).map((entry) => [entry.name, entry.type])).toEqual([
      ["ISSUE_TEMPLATE", "dir"],
      ["meeting-bot.yml", "file"],
    ]);
  });

  it("accepts the path with literal slashes too", async () => {
    const response = await world.octokit.request(`GET /repos/${REPO}/contents/.github/meeting-bot.yml`, { mediaType: { format: "raw" } });
    expect(response.data).toBe(CONFIG);
  });
});

describe("Probot's context.config (@probot/octokit-plugin-config)", () => {
  it("reads the repository's file", async () => {
    const { config } = await world.octokit.config.get({ owner, repo, path: ".github/meeting-bot.yml" });
    expect(config).toEqual({ title: "Weekly", labels: ["meeting"] });
  });

  it("falls back to the org's .github repository and follows _extends", async () => {
    const local = await startWorld();
    try {
      local.sandbox.addRepository(local.installationId, ".github");
      local.sandbox.addRepository(local.installationId, "shared");
      local.sandbox.putFile("rust-lang/.github", ".github/meeting-bot.yml", "_extends: shared:.github/base.yml\ntitle: From org\n");
      local.sandbox.putFile("rust-lang/shared", ".github/base.yml", "title: Base\nduration: 60\n");
      const { config, files } = await local.octokit.config.get({ owner, repo, path: ".github/meeting-bot.yml" });
      expect(config).toEqual({ title: "From org", duration: 60 });
      expect(files.map((file) => `${file.repo}:${file.path}:${file.config === null ? "missing" : "found"}`)).toEqual([
        "crates-io-cargo-teams:.github/meeting-bot.yml:missing",
        ".github:.github/meeting-bot.yml:found",
        "shared:.github/base.yml:found",
      ]);
    } finally {
      await local.sandbox.close();
    }
  });

  it("returns an empty config when neither the repository nor the org's .github has the file", async () => {
    const local = await startWorld();
    try {
      const { config, files } = await local.octokit.config.get({ owner, repo, path: ".github/meeting-bot.yml" });
      expect(config).toEqual({});
      expect(files.map((file) => file.repo)).toEqual(["crates-io-cargo-teams", ".github"]);
      expect(local.sandbox.countRequests({ route: "/repos/{owner}/{repo}/contents/{path}", status: 404 })).toBe(2);
    } finally {
      await local.sandbox.close();
    }
  });
});
