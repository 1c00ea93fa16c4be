import { readFileSync } from "node:fs";
import type { Sandbox } from "../../src/sandbox/index.js";

const fixtures = new URL("../fixtures/infer-setup/", import.meta.url);

interface GhIssue {
  number: number;
  title: string;
  body: string;
  createdAt: string;
  labels: Array<{ name: string }>;
  author: { login: string; is_bot: boolean };
}

/**
 * Open the issues of a golden history (test/fixtures/infer-setup/NAME/history.json) in a sandbox
 * repository, oldest first, as their authors on their dates. Authors get write access (the team),
 * unless `outsiders`. Returns the sandbox issue number of each history number.
 */
export function seedHistory(sandbox: Sandbox, fullName: string, name: string, options: { outsiders?: boolean } = {}): Map<number, number> {
  const issues = JSON.parse(readFileSync(new URL(`${name}/history.json`, fixtures), "utf8")) as GhIssue[];
  const numbers = new Map<number, number>();
  for (const issue of [...issues].reverse()) {
    if (!issue.author.is_bot && !options.outsiders) sandbox.setPermission(fullName, issue.author.login, "write");
    const created = sandbox.createIssue(fullName, {
      title: issue.title,
      body: issue.body,
      labels: issue.labels.map((label) => label.name),
      user: issue.author.login,
      createdAt: new Date(issue.createdAt),
    });
    numbers.set(issue.number, created.number);
  }
  return numbers;
}

/** The files under test/fixtures/infer-setup/NAME/repo/, as a repository would hold them. */
export function historyFile(name: string, path: string): string {
  return readFileSync(new URL(`${name}/repo/${path}`, fixtures), "utf8");
}
