import { DateTime } from "luxon";
import type { InferredSetup } from "./infer-setup.js";

/** A team whose newest meeting is older than this (or than three of its rhythm's gaps, if longer) has stopped meeting here. */
export const DORMANT_AFTER_DAYS = 8 * 7;
const DORMANT_GAPS = 3;

export type OnboardingDecision = { offer: true } | { offer: false; why: string };

/**
 * Whether an inferred setup is worth an onboarding issue, the app's only unasked-for write to a
 * repository. Pure; `now` is the app's clock. It needs:
 * - evidence of meetings (`confidence` is not "none") with at least one meeting issue;
 * - medium or high confidence, or at low confidence two independent signs (`setup.signals`);
 * - a team that still meets: the newest meeting issue opened within 8 weeks, or within three times
 *   the usual gap between meetings when that is longer.
 * `meeting-bot init` shows the same decision, and proposes the files whatever it says.
 */
export function decideOnboarding(setup: InferredSetup, now: DateTime): OnboardingDecision {
  if (setup.confidence === "none") return { offer: false, why: setup.reasons.join(" ") };
  if (!setup.newest) return { offer: false, why: "There is a meeting issue template but no meeting issue yet: nothing says the team meets here now." };
  if (setup.confidence === "low" && setup.signals.length < 2) {
    const found = setup.signals.length === 0 ? "no clear sign" : `only one sign (${setup.signals[0]})`;
    return { offer: false, why: `The evidence is weak (confidence low, ${found}): an onboarding issue needs medium confidence or two independent signs of meetings.` };
  }
  const opened = DateTime.fromISO(setup.newest.createdAt, { zone: "UTC" });
  const limitDays = Math.max(DORMANT_AFTER_DAYS, DORMANT_GAPS * (setup.gapDays ?? 0));
  const ageDays = Math.floor(now.diff(opened, "days").days);
  if (ageDays > limitDays) {
    return {
      offer: false,
      why: `The newest meeting issue, #${setup.newest.number}, was opened ${ageDays} days ago (on ${opened.toISODate()}), more than ${limitDays} days: the team does not seem to meet here any more.`,
    };
  }
  return { offer: true };
}
