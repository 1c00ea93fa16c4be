import { parseMarkers } from "../core/markers.js";
import type { SeriesIssue } from "../core/plan-schedule-change.js";
import { changesIn, NO_CHANGES, type ScheduleChanges } from "../core/schedule-changes.js";
import { repoName, type GitHubClient, type RepoRef } from "../github/github-client.js";
import { listMeetingIssues } from "../github/list-meeting-issues.js";

/**
 * What the app knows of each series' skips and moves (`/meeting` commands), as last read from
 * GitHub: every creation run reads them with the series' issues, and every command writes them
 * there first. The scheduler and `/agenda` follow what is known here; GitHub stays the record (a
 * restart, or another replica, reads it again on the series' next run).
 */
export class SeriesSchedules {
  readonly #known = new Map<string, ScheduleChanges>();
  readonly #onChange: (ref: RepoRef, seriesId: string, changes: ScheduleChanges, recheck: boolean) => void;

  constructor(options: { onChange: (ref: RepoRef, seriesId: string, changes: ScheduleChanges, recheck: boolean) => void }) {
    this.#onChange = options.onChange;
  }

  /** The changes last read for a series (none known: none). */
  known(ref: RepoRef, seriesId: string): ScheduleChanges {
    return this.#known.get(key(ref, seriesId)) ?? NO_CHANGES;
  }

  /** The changes just read from GitHub (or written there); `recheck` asks the scheduler to look at the series now. */
  learn(ref: RepoRef, seriesId: string, changes: ScheduleChanges, options: { recheck?: boolean } = {}): void {
    const before = this.#known.get(key(ref, seriesId));
    if (this.#known.size > 100_000) this.#known.clear();
    this.#known.set(key(ref, seriesId), changes);
    if (options.recheck || !before || !same(before, changes)) this.#onChange(ref, seriesId, changes, options.recheck ?? false);
  }

  /** The series' meeting issues the app opened (newest first) and the changes recorded in them: one request. */
  async read(octokit: GitHubClient, ref: RepoRef, series: { id: string; labels: string[] }, appLogin: string | undefined): Promise<{ issues: SeriesIssue[]; changes: ScheduleChanges }> {
    const listed = await listMeetingIssues(octokit, ref, series.labels[0] ?? "meeting", appLogin ? { creator: appLogin } : {});
    const issues = listed.flatMap((issue): SeriesIssue[] => {
      const own = parseMarkers(issue.body).findLast((fields) => fields.series === series.id && fields.occurrence);
      return own?.occurrence ? [{ number: issue.number, title: issue.title, body: issue.body, state: issue.state, htmlUrl: issue.htmlUrl, occurrence: own.occurrence }] : [];
    });
    const changes = changesIn(issues, series.id);
    this.learn(ref, series.id, changes);
    return { issues, changes };
  }
}

function key(ref: RepoRef, seriesId: string): string {
  return `${repoName(ref)}#${seriesId}`;
}

function same(a: ScheduleChanges, b: ScheduleChanges): boolean {
  const text = (changes: ScheduleChanges) => JSON.stringify([[...changes.skipped.entries()], [...changes.moved.entries()]]);
  return text(a) === text(b);
}
