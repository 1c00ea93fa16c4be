import type { Issue } from "../sandbox/state.js";

/** An issue for a terminal: number and title, labels, author and state, then the body behind a gutter. */
export function formatIssue(issue: Pick<Issue, "number" | "title" | "labels" | "body" | "user" | "state">): string {
  const labels = issue.labels.map((label) => label.name).join(", ") || "none";
  const body = (issue.body ?? "").replace(/\r\n/g, "\n").replace(/\n+$/, "");
  return [
    `  #${issue.number}  ${issue.title}`,
    `  labels: ${labels} · opened by @${issue.user.login} · ${issue.state}`,
    "  ┌────",
    ...body.split("\n").map((line) => `  │ ${line}`.trimEnd()),
    "  └────",
  ].join("\n");
}
