import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { DateTime } from "luxon";
import { pino } from "pino";
import { DEFAULT_CONFIG_PATH, parseConfig } from "../config/parse-config.js";
import type { SeriesConfig } from "../config/schema.js";
import { scheduleSpec } from "../config/schedule-spec.js";
import { agendaItems } from "../core/apply-agenda-commands.js";
import { dueOccurrence, nextDue, nextOccurrence, type Occurrence, type ScheduleSpec } from "../core/schedule.js";
import type { Sandbox } from "../sandbox/index.js";
import type { Issue } from "../sandbox/state.js";
import { DemoError } from "./demo-error.js";
import { formatIssue } from "./format-issue.js";
import { startLocalApp, type LocalApp } from "./start-local-app.js";
import { summarizeApiCalls } from "./summarize-api-calls.js";
import { addTask, openTasks, tickOff } from "./task-list.js";

/**
 * `npm run demo`: the real app, served by Probot over HTTP, against the local GitHub sandbox,
 * with a simulated clock. It seeds the crates.io team's repo with the example config, template
 * and their real meeting #001, then lets three weeks pass: the app opens #002, #003 and #004
 * while "the team" ticks items off and adds new ones between meetings. Every step checks what it
 * expects, so the demo is also a smoke test: exit 0 when all happened, 1 with a message if not.
 */

export interface DemoOutput {
  write(text: string): unknown;
}

export interface RunDemoOptions {
  stdout: DemoOutput;
  /** App logs (pino JSON) and the failure message; default process.stderr. */
  stderr?: DemoOutput;
  /** DEBUG=1 turns app logs up from "warn" to "debug". Default process.env. */
  env?: Record<string, string | undefined>;
  /** Reads `examples/<name>`; tests pass broken examples to see the demo fail. */
  readExample?: (name: string) => string;
}

const REPO = "rust-lang/crates-io-cargo-teams";
const TEMPLATE_PATH = ".github/ISSUE_TEMPLATE/weekly-meeting.md";
const ROOT = new URL("../../", import.meta.url);
const readPackageExample = (name: string) => readFileSync(new URL(`examples/${name}`, ROOT), "utf8");

/** What every step works with. */
interface Demo {
  app: LocalApp;
  sandbox: Sandbox;
  series: SeriesConfig;
  spec: ScheduleSpec;
  clock: DemoClock;
  print: Printer;
  step: number;
}

/**
 * One step of the story. Steps run in order; each prints a heading, acts (moves the clock, edits
 * an issue, ticks the app) and throws DemoError when something it expects did not happen.
 */
type Step = (demo: Demo) => Promise<void>;

// Item texts, as #001 has them (plain bullets there; the app carries them over as task items).
const NAIL_DOWN_ZOOM = "Try to nail down the next zoom meeting through Discord";
const MONTHLY_ZOOM = "Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings";
const ROADMAP_POST = "@carol to draft the roadmap post";
const MEETING_TIME = "Switch the meeting to 16:00 UTC? (proposed in #001)";
const NAME_SQUATTING = "Name squatting: ask the npm team how they handle it";
// The calls to action #001 wrote outside its Action Items (`** TODO: …`, a `TODO:` list), as the app
// collects them into #002, with where they came from (README: Calls to action).
const FROM_001 = " _(from Outcomes in #1)_";
const BURSTS = `Need to figure out how to better handle large bursts of download requests … maybe generate a cache to buffer requests?${FROM_001}`;
const TEMPLATE_TODO = `create and propose a meeting structure template optimized for note taking${FROM_001}`;
const NOTES_TODO = `create and propose a meeting notes structure${FROM_001}`;
const SETUP_TODO = `create documentation on how new developers can setup their environments and develop${FROM_001}`;

const STORY: readonly Step[] = [
  (demo) =>
    theAppOpensTheNextMeeting(demo, {
      installed: true,
      title: "Crates.io Weekly Team Meeting #002",
      date: "Friday, September 18, 2020",
      location: "Discord",
      moderator: "@bob",
      notetaker: "@erin",
      carried: { "Action Items": [NAIL_DOWN_ZOOM, MONTHLY_ZOOM, BURSTS, TEMPLATE_TODO, NOTES_TODO, SETUP_TODO], "Open Discussion": [] },
    }),
  (demo) => theTeamProposesAgendaItems(demo),
  (demo) =>
    theTeamMeets(demo, {
      by: "carol",
      // On the agenda (collected from #001's NEXT WEEK MEETING:) and under Action Items: both done.
      tickOff: [NAIL_DOWN_ZOOM, NAIL_DOWN_ZOOM, BURSTS],
      add: { "Action Items": [ROADMAP_POST], "Open Discussion": [MEETING_TIME] },
    }),
  (demo) =>
    theAppOpensTheNextMeeting(demo, {
      title: "Crates.io Weekly Team Meeting #003",
      date: "Friday, September 25, 2020",
      location: "Discord",
      moderator: "@carol",
      notetaker: "@dave",
      carried: { "Action Items": [MONTHLY_ZOOM, TEMPLATE_TODO, NOTES_TODO, SETUP_TODO, ROADMAP_POST], "Open Discussion": [MEETING_TIME] },
      notCarried: [NAIL_DOWN_ZOOM, BURSTS],
    }),
  (demo) =>
    theTeamMeets(demo, {
      by: "alice",
      tickOff: [MONTHLY_ZOOM, ROADMAP_POST, TEMPLATE_TODO, NOTES_TODO, SETUP_TODO],
      add: { "Action Items": [], "Open Discussion": [NAME_SQUATTING] },
    }),
  (demo) =>
    theAppOpensTheNextMeeting(demo, {
      title: "Crates.io Weekly Team Meeting #004",
      date: "Friday, October 2, 2020",
      // The first Friday of October: the location rule `first-of-month` picks Zoom.
      location: "Zoom",
      moderator: "@alice",
      notetaker: "@erin",
      carried: { "Action Items": [], "Open Discussion": [MEETING_TIME, NAME_SQUATTING] },
      notCarried: [NAIL_DOWN_ZOOM, MONTHLY_ZOOM, ROADMAP_POST, BURSTS, TEMPLATE_TODO],
    }),
  (demo) => theTeamMovesAMeeting(demo),
];

/** Run the whole demo; resolves to the process exit code (0: everything happened as expected). */
export async function runDemo(options: RunDemoOptions): Promise<number> {
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const print = new Printer(options.stdout);
  const example = options.readExample ?? readPackageExample;
  const log = pino({ level: env.DEBUG && env.DEBUG !== "0" ? "debug" : "warn" }, { write: (line: string) => void stderr.write(line) });
  let app: LocalApp | undefined;
  try {
    const config = parseConfig(example("meeting-bot.yml"));
    const series = config.series[0];
    if (!series) throw new DemoError("examples/meeting-bot.yml defines no series");
    const spec = scheduleSpec(series);
    if (!series.schedule.anchor) throw new DemoError("examples/meeting-bot.yml needs `schedule.anchor` (the date of meeting #001)");
    const first = nextOccurrence(spec, DateTime.fromISO(series.schedule.anchor, { zone: series.schedule.timezone }));
    const clock = new DemoClock(first.end);

    print.intro(series);
    let seeded = false;
    app = await startLocalApp({
      now: clock.now,
      log,
      // The sandbox is not GitHub: no need to space writes a second apart.
      throttle: false,
      seed: (sandbox) => {
        seedRepository(sandbox, print, clock, first, example);
        // The app is installed when the next issue is due, and its first tick opens it.
        clock.set(nextDue(spec, clock.now()).createAt);
        seeded = true;
      },
    });
    if (!seeded) throw new DemoError("the sandbox was not seeded");
    const entry = app.bot.repos.get(REPO);
    if (entry?.setup.status !== "ready") {
      throw new DemoError(`the app did not load ${REPO}'s config at start-up (status: ${entry?.setup.status ?? "unknown repo"})`);
    }

    const demo: Demo = { app, sandbox: app.sandbox, series, spec, clock, print, step: 1 };
    for (const step of STORY) {
      await step(demo);
      demo.step++;
    }
    print.outro(demo);
    return 0;
  } catch (error) {
    const message = error instanceof DemoError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    stderr.write(`\nnpm run demo failed: ${message}\n`);
    return 1;
  } finally {
    await app?.close().catch((error: unknown) => stderr.write(`could not stop the demo app cleanly: ${String(error)}\n`));
  }
}

/** Step 0, before the app starts: the repo as the team has it after meeting #001. */
function seedRepository(sandbox: Sandbox, print: Printer, clock: DemoClock, first: Occurrence, example: (name: string) => string): void {
  print.heading(0, clock.now(), `meeting #001 is over; ${REPO} holds the config, the template and #001`);
  const installation = sandbox.addInstallation({ account: "rust-lang", type: "Organization" });
  sandbox.addRepository(installation.id, "crates-io-cargo-teams", { defaultBranch: "main" });
  sandbox.putFile(REPO, DEFAULT_CONFIG_PATH, example("meeting-bot.yml"));
  sandbox.putFile(REPO, TEMPLATE_PATH, example("weekly-meeting.md"));
  // The team's real meeting #001 (made by hand, so it has no marker), opened by a member of the
  // team (the app reads hand-made meetings of the team only): the app picks up from it.
  sandbox.setPermission(REPO, "jtgeibel", "write");
  const issue = sandbox.createIssue(REPO, {
    title: "Crates.io Weekly Team Meeting #001",
    body: example("crates-io-meeting-001.md"),
    labels: ["meeting"],
    user: "jtgeibel",
    // Opened by hand before its meeting, as teams do (the app tells such issues apart from the next meeting's by this).
    createdAt: first.start.minus({ days: 3 }).toJSDate(),
  });
  print.line(`added ${DEFAULT_CONFIG_PATH} (examples/meeting-bot.yml) and ${TEMPLATE_PATH} (examples/weekly-meeting.md)`);
  print.line(`#${issue.number} "${issue.title}" by @jtgeibel, for ${first.start.toFormat("cccc, LLLL d")}: the team's real notes`);
  print.line(`its Action Items (plain bullets): ${quoteList(["Try to nail down the next zoom meeting…", "Suggestion we do a once a month…"])}`);
  print.line(`and, elsewhere in its notes, four TODOs and a NEXT WEEK MEETING item: calls to action the app collects`);
}

interface ExpectedMeeting {
  /** The app was installed just now: this is its first tick. */
  installed?: boolean;
  title: string;
  date: string;
  location: "Zoom" | "Discord";
  moderator: string;
  notetaker: string;
  /** Open task items each carry-over section must hold, in order. */
  carried: Record<string, string[]>;
  /** Items that must not appear in the new issue (ticked off before). */
  notCarried?: string[];
}

/** Move the clock to the next creation time, tick the app, and check the issue it opened. */
async function theAppOpensTheNextMeeting(demo: Demo, expected: ExpectedMeeting): Promise<void> {
  const { sandbox, spec, clock, print } = demo;
  // The first step starts at a creation time already (the install); later ones move to the next.
  if (!isCreationTime(spec, clock.now())) clock.set(nextDue(spec, clock.now()).createAt);
  const occurrence = dueOccurrence(spec, clock.now());
  if (!occurrence) throw new DemoError(`no meeting is due at ${clock.now().toISO()}`);
  const when = `${spec.creation.daysBefore ?? 0} days before the meeting`;
  print.heading(demo.step, clock.now(), expected.installed ? `meeting-bot is installed, ${when}: its first tick` : `${when}: the scheduler ticks`);

  const before = meetingIssues(sandbox);
  const previous = before.at(-1);
  sandbox.resetLog();
  const report = await demo.app.bot.tick();
  await sandbox.webhooksIdle();
  if (report.failed > 0) throw new DemoError(`the tick failed for ${report.failed} series (run with DEBUG=1 to see the app's logs)`);

  const created = meetingIssues(sandbox).filter((issue) => !before.some((old) => old.number === issue.number));
  const issue = created[0];
  if (created.length !== 1 || !issue) {
    throw new DemoError(`expected the app to open "${expected.title}", but it opened ${created.length} issues`);
  }
  const body = issue.body ?? "";
  const checks: Array<[boolean, string]> = [
    [issue.title === expected.title, `title "${issue.title}", expected "${expected.title}"`],
    [body.includes(`**Date/Time:** ${expected.date}, 20:30 UTC`), `no "${expected.date}, 20:30 UTC" in the body`],
    [body.includes(`**Location:** ${expected.location}`), `the location is not ${expected.location}`],
    [body.includes(`**Moderator:** ${expected.moderator}`), `the moderator is not ${expected.moderator}`],
    [body.includes(`**Notetaker:** ${expected.notetaker}`), `the notetaker is not ${expected.notetaker}`],
    [issue.labels.some((label) => label.name === "meeting"), `no "meeting" label`],
    [body.includes(`occurrence=${occurrence.key}`), `no hidden marker for ${occurrence.key}`],
  ];
  for (const [section, items] of Object.entries(expected.carried)) {
    const open = openTasks(body, section);
    checks.push([sameList(open, items), `${section} holds ${quoteList(open)}, expected ${quoteList(items)}`]);
  }
  for (const item of expected.notCarried ?? []) checks.push([!body.includes(item), `"${item}" was carried over although it was ticked off`]);
  const failed = checks.filter(([ok]) => !ok).map(([, problem]) => problem);
  if (failed.length > 0) throw new DemoError(`#${issue.number} "${issue.title}" is not as expected:\n  - ${failed.join("\n  - ")}`);

  print.line(`opened #${issue.number} "${issue.title}" for ${occurrence.start.toFormat("cccc, LLLL d, HH:mm")} ${occurrence.start.zoneName}`);
  print.line(`location: ${expected.location}; moderator ${expected.moderator}, notetaker ${expected.notetaker} (rotation by meeting number)`);
  for (const [section, items] of Object.entries(expected.carried)) {
    print.line(`carried over to ${section}: ${items.length === 0 ? "nothing open" : quoteList(items.map(short))}`);
  }
  if (expected.notCarried?.length) print.line(`not carried (ticked off): ${quoteList(expected.notCarried.map(short))}`);
  if (previous) checkPreviousClosedAndLinked(sandbox, previous.number, issue.number, print);
  print.line(summarizeApiCalls(sandbox.requests));
  print.issue(sandbox.issue(REPO, issue.number));
}

function checkPreviousClosedAndLinked(sandbox: Sandbox, previous: number, next: number, print: Printer): void {
  const old = sandbox.issue(REPO, previous);
  if (old.state !== "closed") throw new DemoError(`#${previous} is still open after #${next} was created`);
  if (!sandbox.comments(REPO, previous).some((comment) => comment.body.includes(`Next meeting: #${next}`))) {
    throw new DemoError(`#${previous} has no "Next meeting: #${next}" comment`);
  }
  print.line(`closed #${previous} (${old.stateReason ?? "no reason"}), linked to #${next} with a "Next meeting: #${next}" comment`);
}

interface TeamEdits {
  by: string;
  tickOff: string[];
  add: Record<string, string[]>;
}

/** During the meeting, a person edits the open meeting issue in GitHub's editor. */
async function theTeamMeets(demo: Demo, edits: TeamEdits): Promise<void> {
  const { sandbox, spec, clock, print } = demo;
  const issue = meetingIssues(sandbox).at(-1);
  if (!issue || issue.state !== "open") throw new DemoError("there is no open meeting issue to edit");
  const meeting = nextOccurrence(spec, clock.now());
  clock.set(meeting.start.plus({ minutes: 30 }));
  print.heading(demo.step, clock.now(), `meeting ${issue.title.replace(/^.*(#\d+)$/, "$1")}: @${edits.by} edits #${issue.number}`);

  let body = issue.body ?? "";
  for (const item of edits.tickOff) {
    body = tickOff(body, item);
    print.line(`ticked off "${short(item)}"`);
  }
  for (const [section, items] of Object.entries(edits.add)) {
    for (const item of items) {
      body = addTask(body, section, item);
      print.line(`added "- [ ] ${item}" to ${section}`);
    }
  }
  sandbox.resetLog();
  const sent = sandbox.deliveries.length;
  sandbox.editIssue(REPO, issue.number, { body }, { user: edits.by });
  await sandbox.webhooksIdle();
  const delivery = sandbox.deliveries.slice(sent).find((candidate) => candidate.event === "issues" && candidate.action === "edited");
  if (!delivery?.status || delivery.status >= 300) {
    throw new DemoError(`the issues.edited webhook for #${issue.number} was not accepted by the app (status ${delivery?.status ?? "none"})`);
  }
  const calls = summarizeApiCalls(sandbox.requests).replace(/^0 API calls$/, "no API calls");
  print.line(`the app received the issues.edited webhook (HTTP ${delivery.status}) and made ${calls}`);
}

/** During the week, people propose agenda items with `/agenda` comments in other threads. */
async function theTeamProposesAgendaItems(demo: Demo): Promise<void> {
  const { sandbox, clock, print } = demo;
  const meeting = meetingIssues(sandbox).at(-1);
  if (!meeting) throw new DemoError("there is no meeting issue to add agenda items to");
  clock.set(clock.now().plus({ days: 1, hours: 1 }));
  print.heading(demo.step, clock.now(), `the team proposes agenda items with /agenda comments`);

  const thread = sandbox.createIssue(REPO, { title: "eRFC: Crate name transfer", body: "See rust-lang/rfcs#2614.", user: "jtgeibel" });
  const comments: Array<{ user: string; association: "MEMBER" | "NONE"; body: string }> = [
    { user: "alice", association: "MEMBER", body: "Let's discuss this on Friday.\n/agenda add" },
    { user: "bob", association: "MEMBER", body: "/agenda add Roadmap v0.1: pick the top three priorities" },
    { user: "mallory", association: "NONE", body: "/agenda add Please look at my crate" },
  ];
  for (const { user, association, body } of comments) {
    sandbox.resetLog();
    const comment = sandbox.comment(REPO, thread.number, body, { user, association });
    await sandbox.webhooksIdle();
    const reactions = sandbox.comments(REPO, thread.number).find((c) => c.id === comment.id)?.reactions.map((r) => r.content) ?? [];
    const reply = sandbox.comments(REPO, thread.number).filter((c) => c.user.login === "meeting-bot[bot]").at(-1);
    print.line(`@${user} (${association}) on #${thread.number}: ${JSON.stringify(body.split("\n").at(-1))}`);
    print.line(`  reaction ${reactions.map((r) => (r === "+1" ? "👍" : r === "confused" ? "😕" : r)).join(" ") || "none"}; reply: ${reply ? JSON.stringify(withoutLinks(reply.body.split("\n")[0] ?? "")) : "none"}; ${summarizeApiCalls(sandbox.requests)}`);
  }
  const agenda = agendaItems(sandbox.issue(REPO, meeting.number).body ?? "", demo.series.agenda.section).map((item) => item.text.replace(/\s*<!--[^]*?-->$/, ""));
  const expected = [
    `${NAIL_DOWN_ZOOM}${FROM_001}`,
    `#${thread.number} eRFC: Crate name transfer (@alice)`,
    `Roadmap v0.1: pick the top three priorities (@bob, from #${thread.number})`,
  ];
  if (!sameList(agenda, expected)) throw new DemoError(`expected the agenda of #${meeting.number} to be ${quoteList(expected)}, found ${quoteList(agenda)}`);
  print.line(`the agenda of #${meeting.number} now reads:`);
  for (const item of agenda) print.line(`  - [ ] ${item}`);
}

/** A clash: someone moves the upcoming meeting with one `/meeting` comment on its issue. */
async function theTeamMovesAMeeting(demo: Demo): Promise<void> {
  const { sandbox, clock, print } = demo;
  const meeting = meetingIssues(sandbox).at(-1);
  if (!meeting) throw new DemoError("there is no meeting issue to move");
  clock.set(clock.now().plus({ hours: 1 }));
  print.heading(demo.step, clock.now(), "a clash on Friday: the team moves the meeting with /meeting");
  sandbox.resetLog();
  const command = "/meeting move 2020-10-01 18:00";
  const comment = sandbox.comment(REPO, meeting.number, command, { user: "alice", association: "MEMBER" });
  await sandbox.webhooksIdle();
  const reactions = sandbox.comments(REPO, meeting.number).find((c) => c.id === comment.id)?.reactions.map((r) => (r.content === "+1" ? "👍" : r.content === "confused" ? "😕" : r.content)) ?? [];
  const said = sandbox.comments(REPO, meeting.number).filter((c) => c.user.login === "meeting-bot[bot]").at(-1);
  print.line(`@alice on #${meeting.number}: ${JSON.stringify(command)}`);
  print.line(`  reaction ${reactions.join(" ") || "none"}; comment: ${said ? JSON.stringify(said.body.split("\n")[0] ?? "") : "none"}; ${summarizeApiCalls(sandbox.requests)}`);
  const dateLine = (sandbox.issue(REPO, meeting.number).body ?? "").split("\n").find((line) => line.includes("**Date/Time:**"))?.trim() ?? "";
  if (!dateLine.includes("Thursday, October 1, 2020, 18:00 UTC")) throw new DemoError(`expected #${meeting.number} to be moved to Thursday, October 1, 2020, 18:00 UTC; its date line reads ${JSON.stringify(dateLine)}`);
  print.line(`#${meeting.number} now reads: ${dateLine}`);
  print.line("the next regular meeting (Friday, October 9) is not affected; /meeting skip, unskip and cancel work the same way");
}

/** `[text](url)` → `text`: the sandbox's URLs change from run to run. */
function withoutLinks(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1");
}

/** The meeting issues of the demo repo, oldest first. */
function meetingIssues(sandbox: Sandbox): Issue[] {
  return sandbox
    .issues(REPO)
    .filter((issue) => issue.labels.some((label) => label.name === "meeting"))
    .sort((a, b) => a.number - b.number);
}

function isCreationTime(spec: ScheduleSpec, at: DateTime): boolean {
  // The instant just before `at` still waits for the creation `at` is.
  return nextDue(spec, at.minus({ milliseconds: 1 })).createAt.toMillis() === at.toMillis();
}

function sameList(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && actual.every((item, i) => item === expected[i]);
}

function short(item: string): string {
  return item.length > 60 ? `${item.slice(0, 57)}…` : item;
}

function quoteList(items: readonly string[]): string {
  return items.length === 0 ? "none" : items.map((item) => `"${item}"`).join(", ");
}

/** The simulated clock: moves only when the story says so, never by waiting. */
class DemoClock {
  #now: DateTime;

  constructor(start: DateTime) {
    this.#now = start.toUTC();
  }

  readonly now = (): DateTime => this.#now;

  set(at: DateTime): void {
    if (at < this.#now) throw new DemoError(`the demo clock cannot go back from ${this.#now.toISO()} to ${at.toISO()}`);
    this.#now = at.toUTC();
  }
}

/** Terminal output: a heading per step, short lines, issue bodies behind a gutter. */
class Printer {
  readonly #out: DemoOutput;

  constructor(out: DemoOutput) {
    this.#out = out;
  }

  intro(series: SeriesConfig): void {
    const { weekday, time, timezone } = series.schedule;
    const weekdayName = DateTime.fromObject({ weekday }).toFormat("cccc");
    this.#write(
      [
        `meeting-bot demo: the real app (Probot over HTTP) against a local GitHub sandbox, on a simulated clock`,
        `series "${series.name ?? series.id}": every ${weekdayName} at ${time} ${timezone}; issue opened ${series.creation.daysBefore ?? 0} days before at ${series.creation.time ?? time};`,
        `carries over unfinished ${series.carryOver.join(" and ")}; Zoom on the first meeting of the month, Discord otherwise`,
        "",
      ].join("\n"),
    );
  }

  heading(step: number, at: DateTime, text: string): void {
    const when = at.toUTC().toFormat("ccc LLL d yyyy, HH:mm 'UTC'");
    this.#write(`\n== ${step}. ${when} · ${text}\n`);
  }

  line(text: string): void {
    this.#write(`   ${text}\n`);
  }

  issue(issue: Issue): void {
    this.#write(`\n${formatIssue(issue)}\n`);
  }

  outro(demo: Demo): void {
    const issues = meetingIssues(demo.sandbox);
    const summary = issues.map((issue) => `#${issue.number} ${issue.state}`).join(", ");
    this.#write(`\n== done: ${issues.length} meeting issues (${summary}); every check passed\n`);
  }

  #write(text: string): void {
    this.#out.write(text);
  }
}

// `node lib/demo/run-demo.js` (npm run demo); importing the module (tests) runs nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npm run demo | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
  void runDemo({ stdout: process.stdout }).then((code) => {
    process.exitCode = code;
  });
}
