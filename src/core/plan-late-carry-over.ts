import type { SeriesConfig } from "../config/schema.js";
import type { SectionItem } from "./extract-items.js";
import { MAX_ISSUE_BODY_LENGTH } from "./issue-body-limit.js";
import { appendBlock, carryExtras, carryWhatFits, occurrenceMarker, type PreviousMeeting } from "./plan-meeting-issue.js";
import type { Occurrence } from "./schedule.js";

export interface LateCarryOverInput {
  series: SeriesConfig;
  occurrence: Pick<Occurrence, "key">;
  /** The meeting issue's body now: opened early (`carry: "later"`), maybe edited since. */
  body: string;
  /** The issue number its marker names as the previous meeting. */
  previousNumber: number;
  /** That issue, or null when it is gone (nothing to carry then; the marker is still settled). */
  previous: PreviousMeeting | null;
  /** The series' template body: its hints and examples are never carried, even if the team deleted them from this issue. */
  templateBody?: string;
}

export interface LateCarryOverPlan {
  body: string;
  carried: Record<string, SectionItem[]>;
  /** Calls to action collected from anywhere in the previous meeting, by target section. */
  collected: Record<string, SectionItem[]>;
  warnings: string[];
}

/**
 * Carry the previous meeting's unfinished items into a meeting issue that was opened before its
 * creation time, now that the previous meeting is over: the same carry-over as at creation
 * (`planMeetingIssue`), into the body as the team left it (agenda items added meanwhile stay), and
 * the marker loses its `carry=later`, in the same write, so it is done exactly once.
 *
 * Null when the body holds no `carry=later` marker for this occurrence and previous meeting:
 * already done, or never deferred. Pure, like `planMeetingIssue`.
 */
export function planLateCarryOver(input: LateCarryOverInput): LateCarryOverPlan | null {
  const { series, occurrence, body, previous, previousNumber } = input;
  const pending = occurrenceMarker(series.id, occurrence, previousNumber, true);
  const at = body.lastIndexOf(pending);
  if (at < 0) return null;
  const done = occurrenceMarker(series.id, occurrence, previousNumber);
  // The marker goes back at the end, as at creation, whatever was added after it meanwhile.
  const target = body.slice(0, at) + body.slice(at + pending.length);
  const finish = (candidate: string) => appendBlock(candidate, done);
  if (!previous || (series.carryOver.length === 0 && series.collect.length === 0)) return { body: finish(target), carried: {}, collected: {}, warnings: [] };
  const fitted = carryWhatFits(target, previous, series.carryOver, (candidate) => finish(candidate).length, {
    ...carryExtras(series, occurrence, previous),
    ...(input.templateBody === undefined ? {} : { templateBody: input.templateBody }),
  });
  const result = finish(fitted.body);
  // `carryWhatFits` keeps to the limit whenever `target` alone fits, and the old marker was longer.
  if (result.length > MAX_ISSUE_BODY_LENGTH) return { body: finish(target), carried: {}, collected: {}, warnings: [...fitted.warnings, "nothing could be carried within GitHub's limit"] };
  return { body: result, carried: fitted.carried, collected: fitted.collected, warnings: fitted.warnings };
}
