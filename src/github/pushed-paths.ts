/**
 * GitHub lists at most this many commits of a push in some deliveries (its docs say the cut
 * applies to timeline events; we do not rely on webhooks never having it): a list this long may
 * be cut, and what it names is not everything the push changed.
 */
export const LISTED_COMMITS = 20;
const NO_COMMIT = /^0+$/;

/** The parts of a push payload that say what it changed. */
export interface PushSummary {
  before: string;
  after: string;
  commits: ReadonlyArray<{ added?: readonly string[]; modified?: readonly string[]; removed?: readonly string[] }>;
}

/**
 * The paths a push added, modified or removed, or "unknown" when its commit list cannot be trusted
 * to name them all: 20 or more commits (possibly cut), or none listed although the branch moved
 * (a force push back to an older commit). The caller then treats the push as touching every file
 * it cares about, which costs a few reads on a rare push instead of missing a change.
 */
export function pushedPaths(push: PushSummary): Set<string> | "unknown" {
  const moved = push.before !== push.after && !NO_COMMIT.test(push.after);
  if (push.commits.length >= LISTED_COMMITS || (push.commits.length === 0 && moved)) return "unknown";
  return new Set(push.commits.flatMap((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]));
}
