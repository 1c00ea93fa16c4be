import { DateTime, type WeekdayNumbers } from "luxon";
import { z } from "zod";
import { canonicalTimeZone } from "../core/canonical-time-zone.js";
import { closestMatch } from "../core/closest-match.js";
import { describeUnknownPlaceholder, findPlaceholders } from "../core/render-placeholders.js";
import { archiveSchema } from "./archive-schema.js";

/**
 * The schema of `.github/meeting-bot.yml`: the single source of truth for validation, defaults,
 * the exported types and the generated `schema.json`. Every field has a `.describe()` for editors.
 *
 * Custom checks report `params.hint` (how to fix it); parse-config.ts prints it after the message.
 */

type Ctx = z.core.$RefinementCtx<unknown>;

function problem(ctx: Ctx, message: string, hint?: string, path?: PropertyKey[]): void {
  ctx.addIssue({ code: "custom", message, ...(hint ? { params: { hint } } : {}), ...(path ? { path } : {}) });
}

/** A value quoted for a message; long values are cut so one bad line cannot flood the report. */
function quoted(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

// ── Small field types ────────────────────────────────────────────────────────────────────────

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SERIES_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const LOGIN = /^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const TEAM = /^@?[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** "HH:mm", 24-hour; "9:00" is accepted and written back as "09:00". */
const timeOfDay = z
  .string()
  .meta({ pattern: "^([01]?[0-9]|2[0-3]):[0-5][0-9]$", examples: ["20:30"] })
  .transform((value, ctx) => {
    const match = TIME.exec(value.trim());
    if (!match) {
      problem(ctx, `${quoted(value)} is not a time`, 'write HH:mm in 24-hour form, e.g. "20:30"');
      return z.NEVER;
    }
    return `${(match[1] as string).padStart(2, "0")}:${match[2] as string}`;
  });

/** A calendar date "yyyy-MM-dd" that exists (no 2021-02-30). */
const calendarDate = z
  .string()
  .superRefine((value, ctx) => {
    if (!DATE.test(value) || !DateTime.fromISO(value, { zone: "UTC" }).isValid) {
      problem(ctx, `${quoted(value)} is not a date`, 'write yyyy-MM-dd, e.g. "2020-09-11"');
    }
  })
  .meta({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", examples: ["2020-09-11"] });

const weekday = z
  .string()
  .meta({ examples: [...WEEKDAYS] })
  .transform((value, ctx): WeekdayNumbers => {
    const word = value.trim().toLowerCase();
    // Full names and unambiguous prefixes of three letters or more: "fri", "Thurs", "WEDNESDAY".
    const index = word.length >= 3 ? WEEKDAYS.findIndex((day) => day.startsWith(word)) : -1;
    if (index === -1) {
      problem(ctx, `${quoted(value)} is not a day of the week`, `write one of ${WEEKDAYS.join(", ")} (or "fri", "mon", …)`);
      return z.NEVER;
    }
    return (index + 1) as WeekdayNumbers;
  });

let knownZones: string[] | undefined;

/** An IANA time zone that luxon (and so the schedule) understands, written in its canonical case. */
const timeZone = z
  .string()
  .meta({ examples: ["UTC", "Europe/Berlin", "America/New_York"] })
  .transform((value, ctx) => {
    // "europe/berlin" works but reads badly in issues: canonicalTimeZone repairs the case only (Intl
    // renames Asia/Kolkata to Asia/Calcutta; the user's spelling wins). It remembers valid names:
    // checking a zone builds an Intl.DateTimeFormat, two thirds of the cost of validating a config.
    try {
      return canonicalTimeZone(value);
    } catch {
      // An unknown zone: reported below, with the closest known name.
    }
    knownZones ??= ["UTC", ...Intl.supportedValuesOf("timeZone")];
    const suggestion = closestMatch(value, knownZones) ?? "Europe/Berlin";
    problem(ctx, `unknown time zone ${quoted(value)}`, `use an IANA name such as "${suggestion}"`);
    return z.NEVER;
  });

const login = z
  .string()
  .meta({ examples: ["octocat"] })
  .regex(LOGIN, { error: (issue) => `${quoted(issue.input)} is not a GitHub login` })
  .transform((value) => value.replace(/^@/, ""));

const label = z.string().trim().min(1, "a label needs a name").max(50, "GitHub labels are at most 50 characters");

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

// ── Sections ─────────────────────────────────────────────────────────────────────────────────

const schedule = z
  .strictObject({
    weekday: weekday.prefault("friday").describe('Day of the week the meeting is on: "monday" … "sunday", any case; "fri" works too.'),
    time: timeOfDay.prefault("16:00").describe("Start time, HH:mm in 24-hour form, in `timezone`. Default 16:00 (morning in the Americas, evening in Europe)."),
    timezone: timeZone.prefault("UTC").describe('IANA time zone of `time`, e.g. "Europe/Berlin". Meetings follow its daylight-saving changes.'),
    duration: z.int().min(1).max(24 * 60).default(60).describe("Length of the meeting in minutes."),
    every: z.int().min(1).max(52).default(1).describe("Meet every N weeks (1 = weekly, 2 = fortnightly)."),
    anchor: calendarDate
      .optional()
      .describe("A date (yyyy-MM-dd) the series meets on; sets the phase when `every` > 1. Must fall on `weekday`."),
    skip: z.array(calendarDate).max(500).default([]).describe("Dates (yyyy-MM-dd) with no meeting, e.g. holidays."),
  })
  .superRefine(
    (value, ctx) => {
      const dates: Array<[unknown, PropertyKey[]]> = [];
      if (value.anchor !== undefined) dates.push([value.anchor, ["anchor"]]);
      if (Array.isArray(value.skip)) value.skip.forEach((date, index) => dates.push([date, ["skip", index]]));
      for (const [date, path] of dates) {
        const day = typeof date === "string" && DATE.test(date) ? DateTime.fromISO(date, { zone: "UTC" }) : undefined;
        if (day?.isValid && day.weekday !== value.weekday) {
          const meets = day.set({ weekday: value.weekday }).toFormat("cccc");
          problem(ctx, `${date} is a ${day.toFormat("cccc")}, but the series meets on ${meets}s`, `pick a ${meets}, or change \`weekday\``, path);
        }
      }
    },
    // Run even when other fields have problems, as long as `weekday` is fine; dates that are
    // themselves broken are skipped above (already reported).
    { when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === "weekday" || (issue.path?.[0] === "skip" && issue.path.length === 1)) },
  );

const creation = z
  .strictObject({
    daysBefore: z.int().min(0).max(60).optional().describe("Create the meeting issue this many days before the meeting."),
    time: timeOfDay.optional().describe("With `daysBefore`: the time of day (HH:mm, series time zone) to create it."),
  })
  .superRefine((value, ctx) => {
    if (value.time !== undefined && value.daysBefore === undefined) {
      problem(ctx, "`time` needs `daysBefore`", "add e.g. `daysBefore: 3`, or remove `time` to create the issue when the previous meeting ends", ["time"]);
    }
  });

const associations = [
  "OWNER",
  "MEMBER",
  "COLLABORATOR",
  "CONTRIBUTOR",
  "FIRST_TIME_CONTRIBUTOR",
  "FIRST_TIMER",
  "MANNEQUIN",
  "NONE",
] as const;

const agenda = z.strictObject({
  section: text(200).default("Proposed Agenda").describe("Heading of the section `/agenda` adds items to."),
  label: label.default("meeting-agenda").describe("Label that marks an issue or PR as proposed for the agenda."),
  allow: z
    .strictObject({
      associations: z
        .array(z.enum(associations))
        .default(["OWNER", "MEMBER", "COLLABORATOR"])
        .describe("GitHub author associations allowed to use `/agenda`."),
      users: z.array(login).prefault([]).describe("Further GitHub logins allowed to use `/agenda`."),
      teams: z
        .array(z.string().regex(TEAM, { error: (issue) => `${quoted(issue.input)} is not a team; write "org/team-slug"` }).transform((value) => value.replace(/^@/, "")))
        .prefault([])
        .describe('Teams ("org/team-slug") whose members may use `/agenda`.'),
    })
    .prefault({})
    .describe("Who may use `/agenda` (any one rule suffices)."),
});

const locationRule = z.strictObject({
  when: z
    .union(
      [
        z.enum(["first-of-month", "last-of-month"]),
        z.strictObject({ weekOfMonth: z.int().min(1).max(5).describe("The Nth meeting weekday of the month (1–5).") }),
        z.strictObject({
          everyNthMeeting: z.int().min(1).max(1000).describe("Every Nth meeting of the series, counted by meeting number."),
          offset: z.int().min(0).max(999).default(0).describe("Which of the N (0 = meeting numbers divisible by N)."),
        }),
      ],
      {
        error: 'expected "first-of-month", "last-of-month", {weekOfMonth: 1..5} or {everyNthMeeting: n, offset: m}',
      },
    )
    .describe("Which meetings this rule applies to."),
  location: text(1000).describe("Where those meetings happen (Markdown allowed)."),
}).superRefine((value, ctx) => {
  const when = value.when;
  if (typeof when === "object" && "everyNthMeeting" in when && when.offset >= when.everyNthMeeting) {
    problem(ctx, `offset ${when.offset} is not less than everyNthMeeting ${when.everyNthMeeting}`, `use an offset from 0 to ${when.everyNthMeeting - 1}`, ["when", "offset"]);
  }
});

export const DEFAULT_CARRY_OVER = ["Action Items", "Open Discussion"];
const carryOverSections = z.array(text(200)).max(20);

/** `carryOver`: a list of sections (the short form), or the sections with the long-carried rules. */
const carryOver = z
  .union(
    [
      carryOverSections,
      z.strictObject({
        sections: carryOverSections.default(DEFAULT_CARRY_OVER).describe("Sections whose unfinished items are carried; [] disables."),
        flagAfter: z
          .int()
          .min(0)
          .max(1000)
          .default(3)
          .describe('From this many meetings carried, an item shows "carried N×" and is listed as carried too long; 0 disables.'),
        flaggedList: z
          .enum(["top", "none"])
          .default("top")
          .describe('"top": list the items carried too long at the top of the first carried section (Action Items); "none": only the note beside each item.'),
      }),
    ],
    { error: "expected a list of section names, or `sections`, `flagAfter` and `flaggedList` settings" },
  )
  .transform((value) => (Array.isArray(value) ? { sections: value, flagAfter: 3, flaggedList: "top" as const } : value));

/**
 * `collect`: calls to action written anywhere in the notes (`TODO: …`, `[TODO] …`) and the section
 * of the next meeting each goes to. Left out: the two default rules, the second into the series'
 * agenda section (resolved in parse-config.ts, which sees `agenda.section`).
 */
const collectRule = z.strictObject({
  markers: z
    .array(
      text(50).refine((value) => /[\p{L}\p{N}]/u.test(value), {
        error: (issue) => `${quoted(issue.input)} has no letter or digit to match; write a word such as "TODO"`,
      }),
    )
    .min(1, "list at least one marker, e.g. [TODO]")
    .max(30)
    .describe('Words that mark a call to action, any case: `TODO:` / `TODO(alice):` as a label, `[TODO]` as a tag, `TODO:` alone above its items.'),
  into: text(200).describe("The section of the next meeting the marked items go to (e.g. Action Items)."),
});

export const DEFAULT_COLLECT_MARKERS = {
  actions: ["TODO", "ACTION", "ACTION ITEM"],
  agenda: ["NEXT WEEK MEETING", "NEXT MEETING", "REMINDER"],
} as const;

/** The default rules, the agenda ones going to the series' agenda section. */
export function defaultCollectRules(agendaSection: string): CollectRuleConfig[] {
  return [
    { markers: [...DEFAULT_COLLECT_MARKERS.actions], into: "Action Items" },
    { markers: [...DEFAULT_COLLECT_MARKERS.agenda], into: agendaSection },
  ];
}

export type CollectRuleConfig = z.output<typeof collectRule>;

// ── A series ─────────────────────────────────────────────────────────────────────────────────

export const DEFAULT_SERIES_ID = "meeting";
export const DEFAULT_TEMPLATE = ".github/ISSUE_TEMPLATE/meeting.md";

export const seriesSchema = z
  .strictObject({
    id: z
      .string()
      .regex(SERIES_ID, {
        error: (issue) => `${quoted(issue.input)} is not a series id; use lowercase letters, digits and dashes (at most 40), e.g. "weekly"`,
      })
      .optional()
      .describe(`Identifies the series in hidden markers; never change it once used. Default "${DEFAULT_SERIES_ID}" when there is one series.`),
    name: text(200).optional().describe("Display name. Default: the template's front-matter `name`, else the id."),
    default: z.boolean().optional().describe("The series `/agenda` uses when none is named (at most one; else the first)."),
    template: z
      .string()
      .superRefine((value, ctx) => {
        if (value.startsWith("/") || value.split("/").includes("..") || value.trim() === "" || value.includes("\\")) {
          problem(ctx, `${quoted(value)} is not a path inside the repository`, `write it relative to the repository root, e.g. "${DEFAULT_TEMPLATE}"`);
        }
      })
      .default(DEFAULT_TEMPLATE)
      .describe("Issue template for the meeting issue, relative to the repository root."),
    title: text(256)
      .superRefine((value, ctx) => {
        for (const use of findPlaceholders(value)) {
          if (use.known) continue;
          const { message, hint } = describeUnknownPlaceholder(use.name);
          problem(ctx, message, hint);
        }
      })
      .optional()
      .describe("Issue title template; overrides the template's front-matter `title`. E.g. 'Weekly Meeting #{{number}}'."),
    labels: z.array(label).max(20).default(["meeting"]).describe("Labels for meeting issues, added to the template's own."),
    schedule: schedule.prefault({}).describe("When the series meets."),
    creation: creation.prefault({}).describe("When the meeting issue is created. Default: as soon as the previous meeting ends."),
    timezones: z.array(timeZone).max(30).prefault([]).describe("Time zones listed by {{timezones}} and {{timezone_table}}. Empty: just the series time zone."),
    carryOver: carryOver
      .prefault(DEFAULT_CARRY_OVER)
      .describe(
        "Sections whose unfinished items are copied from the previous meeting issue ([] disables), as a list, or as `{sections, flagAfter, flaggedList}` to also say when an item has been carried too long.",
      ),
    agenda: agenda.prefault({}).describe("The `/agenda` comment command."),
    collect: z
      .array(collectRule)
      .max(20)
      .optional()
      .describe(
        "Calls to action written anywhere in the previous meeting (TODO:, [TODO], NEXT WEEK MEETING: …) and the section each goes to; [] turns collecting off. Default: TODO, ACTION, ACTION ITEM into Action Items; NEXT WEEK MEETING, NEXT MEETING, REMINDER into the agenda section.",
      ),
    decisions: z
      .boolean()
      .default(false)
      .describe("List the lines marked DECISION: or [DECISION] in one comment on the closed meeting issue, \"Decisions of this meeting\"."),
    roles: z
      .strictObject({
        moderator: z.array(login).prefault([]).describe("GitHub logins taking turns as moderator, in order."),
        notetaker: z.array(login).prefault([]).describe("GitHub logins taking turns as note-taker, in order."),
      })
      .prefault({})
      .describe("Rotations for {{moderator}} and {{notetaker}}."),
    location: z
      .strictObject({
        default: text(1000).default("TBA").describe("Location when no rule applies."),
        rules: z.array(locationRule).max(50).default([]).describe("Checked in order; the first that applies wins."),
      })
      .prefault({})
      .describe("Where meetings happen, for {{location}}."),
    closePrevious: z.boolean().default(true).describe("Close the previous meeting issue when the next one is created."),
    archive: archiveSchema.optional(),
  })
  .describe("A meeting series: one recurring meeting and its issues.")
  // Named so the generated JSON Schema defines it once (`$defs.series`) for both file shapes.
  .meta({ id: "series" });

/** A whole file: a list of series. A file without `series:` is read as a single series. */
export const configFileSchema = z
  .union([
    z.strictObject({
      series: z.array(seriesSchema).min(1, "add at least one series").describe("The meeting series of this repository."),
    }),
    seriesSchema,
  ])
  .meta({ title: "meeting-bot configuration (.github/meeting-bot.yml)" });

type ParsedSeries = z.output<typeof seriesSchema>;

/**
 * A series after validation: defaults applied, weekday as a number (Monday = 1), id and default
 * resolved, `carryOver` as its list of sections (either form), the rest of it in `carryOverFlag`,
 * `collect` with its defaults.
 */
export type SeriesConfig = Omit<ParsedSeries, "id" | "default" | "carryOver" | "collect"> & {
  id: string;
  default: boolean;
  carryOver: string[];
  /** The collect rules, defaults resolved ([] when turned off). */
  collect: CollectRuleConfig[];
  /** Items carried `after` meetings or more are flagged (0: never); `list` says where the flagged ones are listed. */
  carryOverFlag: CarryOverFlag;
};

export interface CarryOverFlag {
  after: number;
  list: "top" | "none";
}

/** The validated configuration; exactly one series has `default: true`. */
export interface MeetingBotConfig {
  series: SeriesConfig[];
}

export type LocationRule = SeriesConfig["location"]["rules"][number];
export type AuthorAssociation = (typeof associations)[number];
