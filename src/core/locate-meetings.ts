import { parseMarkers } from "./markers.js";

/** The fields of an issue that locating meetings reads. */
export interface MeetingCandidate {
  number: number;
  title: string;
  body: string;
}

export interface MeetingLocation<T extends MeetingCandidate> {
  /** The issue already created for this occurrence, if any. */
  existing: T | null;
  /** The meeting before it: carry-over source and link target. */
  previous: T | null;
}

/**
 * Find, among a repo's meeting issues (newest first), the issue of one occurrence and the
 * meeting before it. The app's own issues are recognised by their hidden marker; when the series
 * has none yet (first run), the newest issue whose title matches the series' title pattern is the
 * previous meeting, so a team that ran meetings by hand is picked up where it left off; its titles
 * may lack the date the series' titles add (`undatedTitlePattern`: `Docs meeting` for
 * `Docs meeting {{date:yyyy-MM-dd}}`).
 */
export function locateMeetings<T extends MeetingCandidate>(
  issues: readonly T[],
  target: { seriesId: string; occurrenceKey: string; titlePattern: RegExp; undatedTitlePattern?: RegExp | undefined },
): MeetingLocation<T> {
  let existing: T | null = null;
  let existingIndex = -1;
  let previous: T | null = null;
  let previousKey = "";
  issues.forEach((issue, index) => {
    // The last one: the app appends its marker at the end of the body, so a marker someone pasted
    // above it while editing the issue cannot make it pass for another meeting.
    const marker = parseMarkers(issue.body).findLast((fields) => fields.series === target.seriesId && fields.occurrence);
    if (!marker) return;
    const key = marker.occurrence as string;
    if (key === target.occurrenceKey) {
      if (!existing) [existing, existingIndex] = [issue, index];
    }
    // The latest occurrence before the target, whatever order the issues were opened in
    // (`/agenda` can open a later meeting's issue first). Keys are UTC ISO strings of one
    // format, so string order is time order.
    else if (key < target.occurrenceKey && key > previousKey) [previous, previousKey] = [issue, key];
  });
  if (!previous) {
    // No earlier marked meeting: the newest hand-made one older than this occurrence's issue.
    previous =
      issues.find(
        (issue, index) =>
          index > existingIndex &&
          !parseMarkers(issue.body).some((fields) => fields.series) &&
          (target.titlePattern.test(issue.title) || target.undatedTitlePattern?.test(issue.title) === true),
      ) ?? null;
  }
  return { existing, previous };
}
