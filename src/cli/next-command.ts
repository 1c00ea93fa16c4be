import { DateTime } from "luxon";
import { parseArgs } from "node:util";
import { scheduleSpec } from "../config/schedule-spec.js";
import { meetingCreationTime, slotsBetween, upcomingMeeting, type Meeting, type ScheduledSlot } from "../core/meeting-schedule.js";
import { changesIn } from "../core/schedule-changes.js";
import { occurrenceAt } from "../core/schedule.js";
import { formatMeetingDate, formatMeetingTime, timeZoneList } from "../core/time-zone-table.js";
import type { CliIo } from "./cli-io.js";
import { CliError } from "./cli-error.js";
import { loadSeries } from "./load-series.js";
import { parseNow } from "./parse-now.js";
import { readInputFile } from "./read-input-file.js";

const MAX_COUNT = 520;

/**
 * `meeting-bot next [--config FILE] [--count N] [--issue FILE]…`: the next N meetings in the
 * meeting zone and every configured zone, with the skipped ones between them (`schedule.skip`,
 * and with `--issue`, the skips and moves `/meeting` commands recorded in that meeting issue's body).
 */
export async function nextCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: "string" },
      series: { type: "string" },
      count: { type: "string", default: "5" },
      now: { type: "string" },
      issue: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0) {
    throw new CliError("usage: meeting-bot next [--config FILE] [--series ID] [--count N] [--issue FILE]… [--now ISO-8601] [--json]", 2);
  }
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new CliError(`--count ${values.count} is not a number from 1 to ${MAX_COUNT}`, 2);
  }
  const { series } = await loadSeries(io, values);
  const spec = scheduleSpec(series);
  const zones = [...new Set([series.schedule.timezone, ...series.timezones])];
  // The skips and moves recorded by `/meeting` in meeting issues (their bodies, saved to files).
  const bodies = await Promise.all((values.issue ?? []).map((path, index) => readInputFile(io.cwd, path, `issue ${index + 1}`)));
  const changes = changesIn(bodies.map((body, index) => ({ number: index, body })), series.id);

  // Meetings that take place count towards N; skipped ones between them are shown too.
  const now = parseNow(values.now);
  const slots: ScheduledSlot[] = [];
  let held = 0;
  const upcoming = upcomingMeeting(spec, changes, now).meeting;
  const first = upcoming.movedFrom ?? upcoming.start;
  // From now (skipped dates before the upcoming meeting show too), or from a meeting moved later that is still to come.
  const from = DateTime.min(first, now);
  for (const slot of slotsBetween(spec, changes, from, from.plus({ years: 12 }), 2 * MAX_COUNT + 600)) {
    if (slot.meeting.start <= now) continue;
    slots.push(slot);
    if (slot.status === "held" || slot.status === "moved") held++;
    if (held === count) break;
  }

  const takes = (slot: ScheduledSlot): slot is ScheduledSlot & { status: "held" | "moved" } => slot.status === "held" || slot.status === "moved";
  if (values.json) {
    const rows = slots.filter(takes).map((slot) => {
      const meeting: Meeting = slot.meeting;
      return {
        occurrence: meeting.key,
        date: meeting.date,
        createAt: iso(meetingCreationTime(spec, changes, occurrenceAt(spec, meeting.key) ?? meeting)),
        start: Object.fromEntries(zones.map((zone) => [zone, iso(meeting.start.setZone(zone))])),
        ...(slot.status === "moved" && meeting.movedFrom ? { movedFrom: iso(meeting.movedFrom), movedBy: slot.decision.by } : {}),
      };
    });
    const skipped = slots.filter((slot) => !takes(slot)).map((slot) => ({
      occurrence: slot.meeting.key,
      date: slot.meeting.date,
      by: slot.status === "skipped" ? slot.decision.by : "schedule.skip",
    }));
    io.stdout.write(`${JSON.stringify({ series: series.id, occurrences: rows, skipped }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${series.name ?? series.id}: next ${count === 1 ? "meeting" : `${count} meetings`}\n`);
  let index = 0;
  for (const slot of slots) {
    const meeting: Meeting = slot.meeting;
    if (!takes(slot)) {
      const by = slot.status === "skipped" ? `skipped by @${slot.decision.by}` : "skipped: schedule.skip";
      io.stdout.write(`\n-  ${formatMeetingDate(meeting.start)}: no meeting (${by})\n`);
      continue;
    }
    index++;
    const created = meetingCreationTime(spec, changes, occurrenceAt(spec, meeting.key) ?? meeting);
    const moved = slot.status === "moved" && meeting.movedFrom ? `, moved from ${formatMeetingDate(meeting.movedFrom)}, ${formatMeetingTime(meeting.movedFrom)} by @${slot.decision.by}` : "";
    io.stdout.write(
      `\n${index}. ${formatMeetingDate(meeting.start)}, ${formatMeetingTime(meeting.start)}${moved}` +
        ` (issue created ${formatMeetingDate(created)}, ${formatMeetingTime(created)})\n`,
    );
    const list = timeZoneList(meeting.start, zones).replace(/\r?\n$/, "");
    io.stdout.write(`${list.replace(/^/gm, "   ")}\n`);
  }
  return 0;
}

function iso(time: DateTime): string {
  return time.toISO({ suppressMilliseconds: true }) ?? "";
}
