import { DateTime } from "luxon";
import { parseArgs } from "node:util";
import { scheduleSpec } from "../config/schedule-spec.js";
import { creationTime, nextOccurrence, type Occurrence } from "../core/schedule.js";
import { formatMeetingDate, formatMeetingTime, timeZoneList } from "../core/time-zone-table.js";
import type { CliIo } from "./cli-io.js";
import { CliError } from "./cli-error.js";
import { loadSeries } from "./load-series.js";
import { parseNow } from "./parse-now.js";

const MAX_COUNT = 520;

/** `meeting-bot next [--config FILE] [--count N]`: the next N meetings in the meeting zone and every configured zone. */
export async function nextCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: "string" },
      series: { type: "string" },
      count: { type: "string", default: "5" },
      now: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0) {
    throw new CliError("usage: meeting-bot next [--config FILE] [--series ID] [--count N] [--now ISO-8601] [--json]", 2);
  }
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new CliError(`--count ${values.count} is not a number from 1 to ${MAX_COUNT}`, 2);
  }
  const { series } = await loadSeries(io, values);
  const spec = scheduleSpec(series);
  const zones = [...new Set([series.schedule.timezone, ...series.timezones])];

  const occurrences: Occurrence[] = [];
  let after = parseNow(values.now);
  while (occurrences.length < count) {
    const occurrence = nextOccurrence(spec, after);
    occurrences.push(occurrence);
    after = occurrence.start;
  }

  if (values.json) {
    const rows = occurrences.map((occurrence) => ({
      occurrence: occurrence.key,
      date: occurrence.date,
      createAt: iso(creationTime(spec, occurrence)),
      start: Object.fromEntries(zones.map((zone) => [zone, iso(occurrence.start.setZone(zone))])),
    }));
    io.stdout.write(`${JSON.stringify({ series: series.id, occurrences: rows }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${series.name ?? series.id}: next ${count === 1 ? "meeting" : `${count} meetings`}\n`);
  occurrences.forEach((occurrence, index) => {
    const created = creationTime(spec, occurrence);
    io.stdout.write(
      `\n${index + 1}. ${formatMeetingDate(occurrence.start)}, ${formatMeetingTime(occurrence.start)}` +
        ` (issue created ${formatMeetingDate(created)}, ${formatMeetingTime(created)})\n`,
    );
    const list = timeZoneList(occurrence.start, zones).replace(/\r?\n$/, "");
    io.stdout.write(`${list.replace(/^/gm, "   ")}\n`);
  });
  return 0;
}

function iso(time: DateTime): string {
  return time.toISO({ suppressMilliseconds: true }) ?? "";
}
