import { DateTime } from "luxon";
import { CliError } from "./cli-error.js";

/** `--now 2020-09-12T00:00:00Z` → an instant; absent → the real clock (the CLI is the shell, not the core). */
export function parseNow(value: string | undefined, clock: () => DateTime = () => DateTime.utc()): DateTime {
  if (value === undefined) return clock();
  const now = DateTime.fromISO(value, { setZone: true });
  if (!now.isValid) {
    throw new CliError(`--now ${value} is not an ISO-8601 instant; write e.g. 2020-09-12T00:00:00Z`, 2);
  }
  return now;
}
