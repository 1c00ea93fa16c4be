/**
 * A meeting schedule (or a time-zone list) that cannot work as configured.
 * `field` names the offending setting relative to the schedule config (e.g. "timezone",
 * "skip[2]"), so the config layer can point at the exact line.
 */
export class ScheduleError extends Error {
  override readonly name = "ScheduleError";
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}
