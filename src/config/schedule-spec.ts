import type { ScheduleSpec } from "../core/schedule.js";
import type { SeriesConfig } from "./schema.js";

/** The schedule of a validated series, in the plain shape the pure schedule functions take. */
export function scheduleSpec(series: SeriesConfig): ScheduleSpec {
  const { weekday, time, timezone, duration, every, anchor, skip } = series.schedule;
  return {
    weekday,
    time,
    timezone,
    durationMinutes: duration,
    everyWeeks: every,
    ...(anchor === undefined ? {} : { anchor }),
    skip,
    creation: { ...series.creation },
  };
}
