import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { agendaItems } from "../../src/core/apply-agenda-commands.js";
import { extractSections } from "../../src/core/extract-sections.js";
import { parseMarkers } from "../../src/core/markers.js";
import { startLocalApp } from "../../src/demo/start-local-app.js";
import { captureLog } from "../helpers/capture-log.js";
import { CONFIG, CONFIG_PATH, EXAMPLE_TEMPLATE, REPO, seedCratesIo, startMeetingWorld, TEMPLATE_PATH, type MeetingWorld } from "../helpers/meeting-world.js";
import { htmlNodes, sectionBreaks } from "../helpers/markdown-nodes.js";

/*
 * The same hostile inputs as hostile-text.test.ts, end to end: the real app over HTTP against
 * the sandbox, through its real routes (a comment, a label, the scheduler), and the bodies it
 * actually wrote.
 */

const COPIED = "rust-lang/copied-template";
const HUGE = "rust-lang/huge-template";
const NAMES = ["Proposed Agenda", "Action Items", "Open Discussion"];
const HOSTILE_TITLES = [
  "<!-- meeting-bot:series=weekly occurrence=2020-09-25T20:30:00Z -->",
  "</details> <!-- never closed",
  "@rust-lang/crates-io and @everyone, look",
  "[x] \u202Egnp.exe",
];

let world: MeetingWorld;
beforeAll(async () => {
  world = await startMeetingWorld("2020-09-11T21:31:00Z", (sandbox) => {
    seedCratesIo(sandbox);
    const installation = sandbox.state.installations.values().next().value as { id: number };
    // A template made by copying a meeting issue the app created: its hidden marker came along.
    sandbox.addRepository(installation.id, "copied-template", { defaultBranch: "main" });
    sandbox.putFile(COPIED, CONFIG_PATH, CONFIG);
    sandbox.putFile(COPIED, TEMPLATE_PATH, EXAMPLE_TEMPLATE.replace("## Meeting Details", "<!-- meeting-bot:series=weekly occurrence=2020-09-11T20:30:00Z previous=7 -->\n\n## Meeting Details"));
    // A template over GitHub's limit by itself.
    sandbox.addRepository(installation.id, "huge-template", { defaultBranch: "main" });
    sandbox.putFile(HUGE, CONFIG_PATH, CONFIG);
    sandbox.putFile(HUGE, TEMPLATE_PATH, `${EXAMPLE_TEMPLATE}\n${"z".repeat(66_000)}\n`);
    sandbox.createIssue(HUGE, { title: "Something", body: "", user: "alice" });
  });
  await world.bot.tick(); // crates-io: meeting #002 is issue #2
});
afterAll(async () => {
  await world.close();
});

const headings = sectionBreaks;
const seriesMarkers = (body: string) => parseMarkers(body).filter((fields) => fields.series);
const body = (number: number, repo = REPO) => world.sandbox.issue(repo, number).body ?? "";
const botReplies = (issue: number, repo = REPO) => world.sandbox.comments(repo, issue).filter((comment) => comment.user.login === "meeting-bot[bot]").map((comment) => comment.body);

/** No heading, section or series marker was added; every item line holds no HTML but the app's marker. */
function expectHarmless(after: string, before: string, newItems: number): void {
  expect(headings(after)).toEqual(headings(before));
  expect(seriesMarkers(after)).toEqual(seriesMarkers(before));
  const items = agendaItems(after, "Proposed Agenda", NAMES);
  expect(items).toHaveLength(agendaItems(before, "Proposed Agenda", NAMES).length + newItems);
  for (const item of items.slice(-newItems)) {
    const line = after.slice(item.start, item.end);
    expect(item.done).toBe(false);
    expect(htmlNodes(line)).toEqual([expect.stringMatching(/^<!-- meeting-bot:(comment=\d+ index=\d+|labeled=\d+) -->$/)]);
    expect(line.replace(/\(@[a-z]+(, from #\d+)?\) <!--.*$/, "")).not.toMatch(/(?<![\p{L}\p{N}_])@[A-Za-z0-9]/u);
    expect(line).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  }
}

describe("hostile text end to end", () => {
  it("hostile titles through `/agenda add` on the thread and through the agenda label", async () => {
    const { sandbox } = world;
    const before = body(2);
    const threads = HOSTILE_TITLES.map((title) => sandbox.createIssue(REPO, { title, body: "", user: "mallory" }).number);
    await sandbox.webhooksIdle();
    for (const number of threads.slice(0, 2)) sandbox.comment(REPO, number, "/agenda add", { user: "alice", association: "MEMBER" });
    for (const number of threads.slice(2)) sandbox.editIssue(REPO, number, { labels: ["meeting-agenda"] }, { user: "alice" });
    await sandbox.webhooksIdle();
    expectHarmless(body(2), before, 4);
  });

  it("hostile carried items in the hand-edited meeting, and the labelled threads, reach the next meeting harmlessly", async () => {
    const { sandbox } = world;
    const hostile = [
      "- [ ] CARRY-1 <!-- meeting-bot:series=weekly occurrence=2020-09-25T20:30:00Z -->",
      "- [ ] CARRY-2 hides\n  <!--\n  the rest",
      "- [ ] CARRY-3\n  ## Open Discussion\n  - [ ] injected",
      "- [ ] CARRY-4 last",
    ].join("\n");
    sandbox.editIssue(REPO, 2, { body: body(2).replace(/(### Action Items\n\n<!--[^\n]*-->\n)/, `$1\n${hostile}\n`) }, { user: "alice" });
    await sandbox.webhooksIdle();
    world.clock.set("2020-09-18T21:31:00Z");
    await world.bot.tick();

    const next = sandbox.issues(REPO).find((issue) => issue.title === "Crates.io Weekly Team Meeting #003");
    if (!next) throw new Error("meeting #003 was not created");
    const text = next.body ?? "";
    const template = headings(EXAMPLE_TEMPLATE.replace(/^---[^]*?---\n/, ""));
    expect(headings(text)).toEqual(template);
    expect(seriesMarkers(text)).toEqual([{ series: "weekly", occurrence: "2020-09-25T20:30:00Z", previous: "2" }]);
    const actions = (extractSections(text, ["Action Items"])["Action Items"] ?? []).map((item) => item.text);
    for (const token of ["CARRY-1", "CARRY-2", "CARRY-3", "CARRY-4"]) expect(actions.filter((item) => item.includes(token))).toHaveLength(1);
    for (const html of htmlNodes(text)) {
      const opened = html.lastIndexOf("<!--");
      if (opened !== -1) expect(html.indexOf("-->", opened + 2)).toBeGreaterThan(opened); // `<!-->` closes itself, as in HTML
    }
    // The two labelled hostile threads are listed on the new agenda, harmlessly.
    const listed = agendaItems(text, "Proposed Agenda", NAMES);
    expect(listed).toHaveLength(2);
    for (const item of listed) expect(htmlNodes(text.slice(item.start, item.end))).toEqual([expect.stringMatching(/^<!-- meeting-bot:labeled=\d+ -->$/)]);
  });

  it("`/agenda add` into a meeting issue that is nearly full is refused with a reason, and nothing fails", async () => {
    const { sandbox } = world;
    const meeting = sandbox.issues(REPO).find((issue) => issue.title === "Crates.io Weekly Team Meeting #003")?.number ?? 0;
    const full = body(meeting) + "\n" + "n".repeat(65_536 - body(meeting).length - 40) + "\n";
    sandbox.editIssue(REPO, meeting, { body: full }, { user: "alice" });
    await sandbox.webhooksIdle();
    sandbox.resetLog();
    const comment = sandbox.comment(REPO, meeting, "/agenda add One more topic that does not fit", { user: "alice", association: "MEMBER" });
    await sandbox.webhooksIdle();
    expect(body(meeting)).toBe(full);
    expect(sandbox.comments(REPO, meeting).find((c) => c.id === comment.id)?.reactions.map((r) => r.content)).toEqual(["confused"]);
    expect(botReplies(meeting).at(-1)).toMatch(/^Not added: the meeting issue is full \(GitHub allows 65,536 characters in an issue body\)/);
    expect(sandbox.requests.filter((request) => request.status >= 400)).toEqual([]);
    const delivery = sandbox.deliveries.find((d) => (d.payload.comment as { id?: number } | undefined)?.id === comment.id);
    expect(delivery?.status).toBe(200);
  });

  it("a template over GitHub's limit is reported as a config problem, and nothing is created", async () => {
    expect(world.sandbox.issues(HUGE)).toHaveLength(1);
    world.sandbox.comment(HUGE, 1, "/agenda add Topic", { user: "alice", association: "MEMBER" });
    await world.sandbox.webhooksIdle();
    expect(botReplies(1, HUGE).at(-1)).toMatch(/weekly-meeting\.md:\d+: the template body is 6\d,\d{3} characters, and GitHub allows 65,536 in an issue body; shorten it/);
    expect(world.logs.some((line) => line.level === 50 && /huge-template.*GitHub allows 65,536/.test(line.msg))).toBe(true);
  });
  it("a template holding a copied marker still makes one issue per meeting, each marked as its own, across a restart", async () => {
    // Ticks ran at 2020-09-11 (for 09-18) and 2020-09-18 (for 09-25). A restarted app knows only
    // the markers: it must find both issues again, and create none on its catch-up tick or for /agenda.
    await world.stopApp();
    const again = await startLocalApp({ now: world.clock.now, log: captureLog().log, throttle: false, sandbox: { running: world.sandbox, privateKey: world.privateKey } });
    try {
      for (let tick = 0; tick < 2; tick++) await again.bot.tick();
      world.sandbox.comment(COPIED, 2, "/agenda add Topic", { user: "alice", association: "MEMBER" });
      await world.sandbox.webhooksIdle();
    } finally {
      await again.stopApp();
    }
    const made = world.sandbox.issues(COPIED);
    expect(made.map((issue) => seriesMarkers(issue.body ?? ""))).toEqual([
      [{ series: "weekly", occurrence: "2020-09-18T20:30:00Z" }],
      [{ series: "weekly", occurrence: "2020-09-25T20:30:00Z", previous: "1" }],
    ]);
  });
});
