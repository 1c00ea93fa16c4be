import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../", import.meta.url));
const manifest = parse(readFileSync(`${root}app.yml`, "utf8")) as {
  name?: string;
  url?: string;
  public?: boolean;
  hook_attributes?: unknown;
  default_events: string[];
  default_permissions: Record<string, string>;
};
const webhookEvents = new Set(
  (createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as Array<{ name: string }>).map((event) => event.name),
);
// GitHub sends these to every app and rejects a manifest that lists them.
const ALWAYS_SENT = new Set(["installation", "installation_repositories"]);

/** Every `app.on(...)` event name in the app's sources (not the sandbox, which is GitHub's side). */
function handledEvents(dir = `${root}src`): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "sandbox" || entry.name === "demo" ? [] : handledEvents(path);
    if (!entry.name.endsWith(".ts")) return [];
    const source = readFileSync(path, "utf8");
    return [...source.matchAll(/\b(?:app\.on|onWebhook)\(\s*(\[[^\]]*\]|"[^"]*")/g)].flatMap((match) => [...(match[1] ?? "").matchAll(/"([^"]+)"/g)].map((name) => name[1] ?? ""));
  });
}

describe("app.yml (the GitHub App manifest)", () => {
  it("names the app and keeps it private by default, without a webhook URL that would override Probot's setup", () => {
    expect(manifest.name).toBe("meeting-bot");
    expect(manifest.url).toMatch(/^https:\/\//);
    expect(manifest.public).toBe(false);
    expect(manifest.hook_attributes).toBeUndefined();
  });

  it("asks for the minimum permissions: check runs, but no writes to code (the opt-in archive asks the owner for those)", () => {
    expect(manifest.default_permissions).toEqual({
      contents: "read",
      issues: "write",
      pull_requests: "read",
      members: "read",
      checks: "write",
      metadata: "read",
    });
  });

  it("says why it needs check runs, and what the archive needs", () => {
    const text = readFileSync(`${root}app.yml`, "utf8");
    expect(text).toMatch(/check run[^\n]*\n[^\n]*\n[^\n]*\n\s*checks: write/);
    expect(text).toContain("`contents: write`");
  });

  it("subscribes only to real webhook events that GitHub lets a manifest list", () => {
    expect(manifest.default_events.length).toBeGreaterThan(0);
    for (const event of manifest.default_events) {
      expect(webhookEvents.has(event)).toBe(true);
      expect(ALWAYS_SENT.has(event)).toBe(false);
    }
  });

  it("subscribes to every event the app handles", () => {
    const handled = handledEvents();
    expect(handled.length).toBeGreaterThan(0);
    for (const name of handled) {
      const event = name.split(".")[0] ?? name;
      if (!ALWAYS_SENT.has(event)) expect(manifest.default_events).toContain(event);
    }
  });
});
