/** The command that writes a repository's history as `meeting-bot init --from FILE` reads it (add `> FILE`). */
export const HISTORY_COMMAND = "gh issue list --state all --limit 200 --json number,title,body,createdAt,labels,author";

/**
 * What a repository's past says about its meetings: the input of `inferSetup`. Built from the
 * REST issue listing (the app) or from `gh issue list --json number,title,body,createdAt,labels,author`
 * (`meeting-bot init --from FILE`); both shapes are read by `historyIssue`.
 */
export interface HistoryIssue {
  number: number;
  title: string;
  body: string;
  /** ISO 8601 instant the issue was opened. */
  createdAt: string;
  labels: string[];
  /** Login of the author, when known. */
  author?: string;
  /** Opened by a bot (a recurring-issue Action, dependabot…). */
  authorIsBot?: boolean;
}

/** An issue template of the repository (`.github/ISSUE_TEMPLATE/*.md`), as text. */
export interface HistoryTemplate {
  path: string;
  text: string;
}

export interface MeetingHistory {
  /** Issues (pull requests are left out by the reader), any order. */
  issues: HistoryIssue[];
  templates?: HistoryTemplate[];
}

/**
 * One issue from either JSON shape, or a reason it cannot be read: REST (`created_at`, `user`,
 * `pull_request` on pull requests) or gh (`createdAt`, `author: { login, is_bot }`).
 * Returns null for a pull request.
 */
export function historyIssue(value: unknown, index = 0): HistoryIssue | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError(`item ${index} is not an issue object`);
  const raw = value as Record<string, unknown>;
  if (raw.pull_request !== undefined && raw.pull_request !== null) return null;
  const number = raw.number;
  const title = raw.title;
  const createdAt = raw.createdAt ?? raw.created_at;
  if (typeof number !== "number" || !Number.isSafeInteger(number)) throw new TypeError(`item ${index} has no issue \`number\``);
  if (typeof title !== "string") throw new TypeError(`item ${index} (#${number}) has no \`title\``);
  if (typeof createdAt !== "string" || Number.isNaN(Date.parse(createdAt))) throw new TypeError(`item ${index} (#${number}) has no \`createdAt\` date`);
  const labels = Array.isArray(raw.labels)
    ? raw.labels.flatMap((label) => (typeof label === "string" ? [label] : typeof (label as { name?: unknown })?.name === "string" ? [(label as { name: string }).name] : []))
    : [];
  const person = (raw.author ?? raw.user) as { login?: unknown; is_bot?: unknown; type?: unknown } | null | undefined;
  const issue: HistoryIssue = { number, title, body: typeof raw.body === "string" ? raw.body : "", createdAt, labels };
  if (typeof person?.login === "string") issue.author = person.login;
  if (person?.is_bot === true || person?.type === "Bot") issue.authorIsBot = true;
  return issue;
}
