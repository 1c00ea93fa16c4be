import { afterEach, describe, expect, it } from "@jest/globals";
import { agendaItems } from "../../src/core/apply-agenda-commands.js";
import { parseMarkers } from "../../src/core/markers.js";
import type { AuthorAssociation } from "../../src/sandbox/state.js";
import { closeChecked } from "../helpers/close-checked.js";
import { postConcurrently } from "../helpers/post-deliveries.js";
import { CONFIG, CONFIG_PATH, REPO, seedCratesIo, startMeetingWorld, TEMPLATE_PATH, type MeetingWorld } from "../helpers/meeting-world.js";

// #001 ended 2020-09-11 21:30 UTC; the upcoming meeting is 2020-09-18.
const AFTER_001 = "2020-09-11T21:31:00Z";

let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

/** A world where meeting #002 (issue #2) exists and issue #3 is an ordinary discussion. */
async function withUpcomingMeeting(seed = (sandbox: MeetingWorld["sandbox"]) => seedCratesIo(sandbox)): Promise<MeetingWorld> {
  const w = await startMeetingWorld(AFTER_001, seed);
  await w.bot.tick();
  w.sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "Let's talk.", user: "carol" });
  await w.sandbox.webhooksIdle();
  return w;
}

async function say(w: MeetingWorld, issue: number, body: string, user = "alice", association: AuthorAssociation = "MEMBER") {
  const comment = w.sandbox.comment(REPO, issue, body, { user, association });
  await w.sandbox.webhooksIdle();
  return comment;
}

const COLLECTED_FROM_001 = "Try to nail down the next zoom meeting through Discord _(from Outcomes in #1)_";

function agendaOf(w: MeetingWorld, issue = 2, section = "Proposed Agenda"): string[] {
  const body = w.sandbox.issue(REPO, issue).body ?? "";
  // The item text without its hidden source marker. #001's `NEXT WEEK MEETING:` item, which the app
  // collects onto #002's agenda (README: Calls to action), is not what these tests are about.
  return agendaItems(body, section)
    .map((item) => item.text.replace(/\s*<!--[^]*?-->$/, ""))
    .filter((text) => text !== COLLECTED_FROM_001);
}

const reactionsOn = (w: MeetingWorld, issue: number, commentId: number) =>
  w.sandbox
    .comments(REPO, issue)
    .find((comment) => comment.id === commentId)
    ?.reactions.map((reaction) => reaction.content) ?? [];
const botReplies = (w: MeetingWorld, issue: number) =>
  w.sandbox.comments(REPO, issue).filter((comment) => comment.user.login === "meeting-bot[bot]").map((comment) => comment.body);

describe("/agenda over HTTP against the sandbox", () => {
  it("adds an item from another thread: 👍, a reply linking the meeting, and the item links back", async () => {
    world = await withUpcomingMeeting();
    const comment = await say(world, 3, "Good point.\n/agenda add Decide on the **2.0** date");
    expect(agendaOf(world)).toEqual(["Decide on the **2.0** date (@alice, from #3)"]);
    expect(reactionsOn(world, 3, comment.id)).toEqual(["+1"]);
    expect(botReplies(world, 3)).toEqual([expect.stringMatching(/^Added to \[Crates\.io Weekly Team Meeting #002\]\(http.*\/issues\/2\)\.$/)]);
  });

  it("finds #001's NEXT WEEK MEETING item on #002's agenda, collected by the app, and /agenda add of it is a duplicate", async () => {
    world = await withUpcomingMeeting();
    const body = world.sandbox.issue(REPO, 2).body ?? "";
    expect(agendaItems(body, "Proposed Agenda").map((item) => item.text)).toEqual([COLLECTED_FROM_001]);
    expect(body).toContain("- [ ] create and propose a meeting notes structure _(from Outcomes in #1)_");
    await say(world, 3, "/agenda add Try to nail down the next zoom meeting through Discord");
    expect(world.sandbox.issue(REPO, 2).body).toBe(body);
  });

  it("adds the thread itself when no text is given", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/agenda add");
    expect(agendaOf(world)).toEqual(["#3 Release plan for 2.0 (@alice)"]);
  });

  it("adds from the meeting issue itself without a reply", async () => {
    world = await withUpcomingMeeting();
    const comment = await say(world, 2, "/agenda add Welcome the new members");
    expect(agendaOf(world)).toEqual(["Welcome the new members (@alice)"]);
    expect(reactionsOn(world, 2, comment.id)).toEqual(["+1"]);
    expect(botReplies(world, 2)).toEqual([]);
  });

  it("creates the upcoming meeting issue through the scheduler's path when it does not exist yet", async () => {
    world = await startMeetingWorld(AFTER_001);
    // No tick: #002 does not exist yet.
    world.sandbox.createIssue(REPO, { title: "Release plan for 2.0", body: "", user: "carol" });
    await world.sandbox.webhooksIdle();
    await say(world, 2, "/agenda add Roadmap");
    const meetings = world.sandbox.issues(REPO).filter((issue) => issue.labels.some((label) => label.name === "meeting"));
    expect(meetings.map((issue) => issue.title)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    const created = meetings[1]?.number ?? 0;
    expect(agendaOf(world, created)).toEqual(["Roadmap (@alice, from #2)"]);
    // The scheduler later finds it and creates nothing more.
    await world.bot.tick();
    expect(world.sandbox.issues(REPO).filter((issue) => issue.labels.some((label) => label.name === "meeting"))).toHaveLength(2);
  });

  it("removes an unchecked item by text or by #number", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/agenda add Roadmap\n/agenda add");
    expect(agendaOf(world)).toHaveLength(2);
    await say(world, 3, "/agenda remove Roadmap");
    expect(agendaOf(world)).toEqual(["#3 Release plan for 2.0 (@alice)"]);
    await say(world, 2, "/agenda remove #3");
    expect(agendaOf(world)).toEqual([]);
  });

  it("refuses, with 😕 and a reply saying why: an ambiguous remove, a checked item, an empty add on the meeting issue", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/agenda add Release notes for 1.0\n/agenda add Release notes for 2.0\n/agenda add Roadmap");
    const ambiguous = await say(world, 3, "/agenda remove Release notes");
    expect(reactionsOn(world, 3, ambiguous.id)).toEqual(["confused"]);
    expect(botReplies(world, 3).at(-1)).toMatch(/^Not removed: several items of \[Crates\.io Weekly Team Meeting #002\]\([^)]*\) match; say which one:\n- `Release notes for 1\.0`\n- `Release notes for 2\.0`$/);

    // Someone ticks the Roadmap item off during the week: it is no longer anyone's to remove.
    world.sandbox.editIssue(REPO, 2, { body: (world.sandbox.issue(REPO, 2).body ?? "").replace("- [ ] Roadmap", "- [x] Roadmap") }, { user: "dave" });
    const checked = await say(world, 3, "/agenda remove Roadmap");
    expect(reactionsOn(world, 3, checked.id)).toEqual(["confused"]);
    expect(botReplies(world, 3).at(-1)).toMatch(/^Not removed: that item of \[Crates\.io Weekly Team Meeting #002\]\([^)]*\) is already checked off\.$/);

    const empty = await say(world, 2, "/agenda add");
    expect(reactionsOn(world, 2, empty.id)).toEqual(["confused"]);
    expect(botReplies(world, 2).at(-1)).toBe("Say what to add, e.g. `/agenda add Discuss the roadmap`.");
    expect(agendaOf(world)).toEqual(["Release notes for 1.0 (@alice, from #3)", "Release notes for 2.0 (@alice, from #3)", "Roadmap (@alice, from #3)"]);
  });

  it("answers /agenda and unknown subcommands with help", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/agenda");
    const frob = await say(world, 3, "/agenda frobnicate");
    const replies = botReplies(world, 3);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain("/agenda add");
    expect(replies[1]).toContain("unknown subcommand `frobnicate`");
    expect(reactionsOn(world, 3, frob.id)).toEqual(["confused"]);
    expect(agendaOf(world)).toEqual([]);
  });

  it.each(["CONTRIBUTOR", "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "MANNEQUIN", "NONE"] as const)(
    "politely refuses an author who is %s, and changes nothing",
    async (association) => {
      world = await withUpcomingMeeting();
      const before = world.sandbox.issue(REPO, 2).body;
      const comment = await say(world, 3, "/agenda add Let me in", "mallory", association);
      expect(world.sandbox.issue(REPO, 2).body).toBe(before);
      expect(reactionsOn(world, 3, comment.id)).toEqual(["confused"]);
      expect(botReplies(world, 3)).toEqual([expect.stringContaining("Sorry @mallory, only the team can change the meeting agenda")]);
    },
  );

  it("allows listed users and team members", async () => {
    world = await withUpcomingMeeting((sandbox) =>
      seedCratesIo(sandbox, { config: CONFIG.replace("users: []", "users: [dora]").replace('teams: []            # "org/team-slug"', "teams: [rust-lang/crates-io]") }),
    );
    world.sandbox.addTeamMember("rust-lang", "crates-io", "tess");
    await say(world, 3, "/agenda add From Dora", "dora", "NONE");
    await say(world, 3, "/agenda add From Tess", "tess", "CONTRIBUTOR");
    await say(world, 3, "/agenda add From Mallory", "mallory", "NONE");
    expect(agendaOf(world)).toEqual(["From Dora (@dora, from #3)", "From Tess (@tess, from #3)"]);
  });

  it("ignores bots, including itself", async () => {
    world = await withUpcomingMeeting();
    world.sandbox.resetLog();
    await say(world, 3, "/agenda add Beep", "dependabot[bot]", "NONE");
    expect(agendaOf(world)).toEqual([]);
    expect(world.sandbox.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  it("refuses an item over 300 characters, and text that tries to inject structure stays one harmless line", async () => {
    world = await withUpcomingMeeting();
    const long = await say(world, 3, `/agenda add ${"x".repeat(301)}`);
    expect(reactionsOn(world, 3, long.id)).toEqual(["confused"]);
    expect(botReplies(world, 3).at(-1)).toContain("300");
    await say(world, 3, "/agenda add ## Heading <!-- meeting-bot:series=weekly occurrence=2020-09-25T20:30:00Z --> <details>");
    const body = world.sandbox.issue(REPO, 2).body ?? "";
    // The forged marker is shown as text, never read as a marker.
    expect(parseMarkers(body).filter((fields) => fields.series)).toEqual([
      expect.objectContaining({ series: "weekly", occurrence: "2020-09-18T20:30:00Z" }),
    ]);
    expect(agendaOf(world)).toHaveLength(1);
    expect(body).not.toContain("<details>");
  });

  it("does not add twice on webhook redelivery", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/agenda add Once");
    const delivery = world.sandbox.deliveries.filter((d) => d.event === "issue_comment" && d.action === "created").at(-1);
    await world.sandbox.redeliver(delivery?.id ?? "");
    await world.sandbox.webhooksIdle();
    expect(agendaOf(world)).toEqual(["Once (@alice, from #3)"]);
    expect(botReplies(world, 3)).toHaveLength(1);
  });

  it("says so when the same text or thread is already on the agenda", async () => {
    world = await withUpcomingMeeting();
    await say(world, 3, "/agenda add Roadmap");
    await say(world, 3, "/agenda add  roadmap ");
    expect(agendaOf(world)).toEqual(["Roadmap (@alice, from #3)"]);
    expect(botReplies(world, 3).at(-1)).toContain("Already on the agenda");
  });

  it("refuses when the meeting issue is locked", async () => {
    world = await withUpcomingMeeting();
    world.sandbox.lockIssue(REPO, 2);
    const comment = await say(world, 3, "/agenda add Locked out");
    expect(reactionsOn(world, 3, comment.id)).toEqual(["confused"]);
    expect(botReplies(world, 3).at(-1)).toContain("is locked");
  });

  it("never writes to a repo without meeting config", async () => {
    world = await startMeetingWorld(AFTER_001, (sandbox) => {
      const installation = sandbox.addInstallation({ account: "someone", type: "User" });
      sandbox.addRepository(installation.id, "project", { defaultBranch: "main" });
      sandbox.createIssue("someone/project", { title: "Hi", body: "", user: "someone" });
    });
    world.sandbox.resetLog();
    world.sandbox.comment("someone/project", 1, "/agenda add Something", { user: "someone", association: "OWNER" });
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.requests.filter((request) => request.method !== "GET" && !request.path.includes("access_tokens"))).toEqual([]);
  });

  it("picks a series with --series, else the default one", async () => {
    const twoSeries = `series:\n  - id: weekly\n    default: true\n    template: ${TEMPLATE_PATH}\n    schedule: { weekday: friday, time: "20:30" }\n  - id: triage\n    template: ${TEMPLATE_PATH}\n    title: "Triage {{date}}"\n    labels: [triage-meeting]\n    schedule: { weekday: tuesday, time: "15:00" }\n`;
    world = await startMeetingWorld(AFTER_001, (sandbox) => seedCratesIo(sandbox, { config: twoSeries }));
    world.sandbox.createIssue(REPO, { title: "Flaky tests", body: "", user: "carol" });
    await world.sandbox.webhooksIdle();
    await say(world, 2, "/agenda add --series triage Look at flaky tests\n/agenda add Default series item");
    const triage = world.sandbox.issues(REPO).find((issue) => issue.title === "Triage Tuesday, September 15, 2020");
    const weekly = world.sandbox.issues(REPO).find((issue) => issue.title === "Crates.io Weekly Team Meeting #002");
    expect(triage && agendaOf(world, triage.number)).toEqual(["Look at flaky tests (@alice, from #2)"]);
    expect(weekly && agendaOf(world, weekly.number)).toEqual(["Default series item (@alice, from #2)"]);
    await say(world, 2, "/agenda add --series nope x");
    expect(botReplies(world, 2).at(-1)).toContain("There is no meeting series `nope`");
  });

  it("the agenda label both series share proposes the thread to the default series, even when it is not listed first", async () => {
    const twoSeries = `series:
  - id: triage
    template: ${TEMPLATE_PATH}
    title: "Triage {{date}}"
    labels: [triage-meeting]
    schedule: { weekday: tuesday, time: "15:00" }
  - id: weekly
    default: true
    template: ${TEMPLATE_PATH}
    schedule: { weekday: friday, time: "20:30" }
`;
    world = await startMeetingWorld(AFTER_001, (sandbox) => seedCratesIo(sandbox, { config: twoSeries }));
    await world.bot.tick(); // #002 of the weekly series; triage's first issue is due only a period before it
    const flaky = world.sandbox.createIssue(REPO, { title: "Flaky tests", body: "", user: "carol" });
    await world.sandbox.webhooksIdle();
    world.sandbox.editIssue(REPO, flaky.number, { labels: ["meeting-agenda"] }, { user: "alice" });
    await world.sandbox.webhooksIdle();
    const weekly = world.sandbox.issues(REPO).find((issue) => issue.title === "Crates.io Weekly Team Meeting #002");
    expect(weekly && agendaOf(world, weekly.number)).toEqual([`#${flaky.number} Flaky tests (@alice)`]);
    const triage = world.sandbox.issues(REPO).find((issue) => issue.title.startsWith("Triage"));
    expect(triage && agendaOf(world, triage.number)).not.toContain(`#${flaky.number} Flaky tests (@alice)`);
  });

  it("loses nothing under 50 concurrent commands, with far fewer than 50 writes", async () => {
    world = await withUpcomingMeeting();
    world.sandbox.setDeliveryMode("capture");
    world.sandbox.clearDeliveries();
    for (let i = 0; i < 50; i++) world.sandbox.comment(REPO, 3, `/agenda add Item ${i}`, { user: "alice", association: "MEMBER" });
    const deliveries = world.sandbox.deliveries.filter((d) => d.event === "issue_comment");
    expect(deliveries).toHaveLength(50);
    world.sandbox.resetLog();
    const statuses = await postConcurrently(deliveries, world.webhookUrl);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const items = agendaOf(world);
    expect([...items].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `Item ${i} (@alice, from #3)`).sort());
    const writes = world.sandbox.countRequests({ method: "PATCH", route: "/repos/{owner}/{repo}/issues/{issue_number}" });
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThanOrEqual(10);
  });

  it("re-reads the config when a push changes it", async () => {
    world = await withUpcomingMeeting();
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace("section: Proposed Agenda", "section: Agenda Items"), { push: true });
    await world.sandbox.webhooksIdle();
    await say(world, 3, "/agenda add After the push");
    const body = world.sandbox.issue(REPO, 2).body ?? "";
    expect(body).toMatch(/### Agenda Items\n\n- \[ \] After the push/);
  });
});

describe("/agenda in a pull request's diff comments and reviews", () => {
  /** #2 the meeting, #3 an issue, #4 a pull request from a fork. */
  async function withPullRequest(): Promise<MeetingWorld> {
    const w = await withUpcomingMeeting();
    w.sandbox.createIssue(REPO, { title: "Speed up the index", body: "From my fork.", user: "forker", pullRequest: true });
    await w.sandbox.webhooksIdle();
    w.sandbox.resetLog();
    return w;
  }
  const writes = (w: MeetingWorld) => w.sandbox.requests.filter((request) => request.method !== "GET" && !request.path.endsWith("/access_tokens"));

  it("a command on a line of the diff: the item links the PR; the answer is a reply in the PR's conversation, naming the comment", async () => {
    world = await withPullRequest();
    const note = world.sandbox.reviewComment(REPO, 4, "Should this be public?\n/agenda add Decide on the index API", { user: "alice", association: "MEMBER", path: "src/index.rs", line: 40 });
    await world.sandbox.webhooksIdle();
    expect(agendaOf(world)).toEqual(["Decide on the index API (@alice, from #4)"]);
    expect(botReplies(world, 4)).toEqual([
      expect.stringMatching(new RegExp(`^👍 \\[@alice's review comment\\]\\(http[^)]*/pull/4#discussion_r${note.id}\\): Added to \\[Crates\\.io Weekly Team Meeting #002\\]\\(http[^)]*/issues/2\\)\\.$`)),
    ]);
    // The edit and the reply; nothing on the pull request itself (the app cannot, and need not, write there).
    expect(writes(world).map((request) => `${request.method} ${request.route}`)).toEqual([
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    ]);
  });

  it("commands in a review's summary, several at once: each handled, one reply", async () => {
    world = await withPullRequest();
    world.sandbox.review(REPO, 4, "Nice work.\n\n/agenda add\n/agenda add Who reviews the docs?", { user: "bob", association: "COLLABORATOR" });
    await world.sandbox.webhooksIdle();
    expect(agendaOf(world)).toEqual(["#4 Speed up the index (@bob)", "Who reviews the docs? (@bob, from #4)"]);
    expect(botReplies(world, 4)).toEqual([expect.stringMatching(/^👍 \[@bob's review\]\(http[^)]*#pullrequestreview-\d+\): Added to .*\n\nAdded to /)]);
  });

  it("a review with no command, or with none in its text, costs no request", async () => {
    world = await withPullRequest();
    world.sandbox.review(REPO, 4, "", { user: "bob", association: "COLLABORATOR" });
    world.sandbox.reviewComment(REPO, 4, "Typo: `/agenda` is the command", { user: "bob", association: "COLLABORATOR" });
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.requests).toEqual([]);
  });

  it("a refusal gets the same kind of reply, with 😕, and changes nothing", async () => {
    world = await withPullRequest();
    const before = world.sandbox.issue(REPO, 2).body;
    world.sandbox.reviewComment(REPO, 4, "/agenda add Please merge my PR", { user: "forker", association: "CONTRIBUTOR" });
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.issue(REPO, 2).body).toBe(before);
    expect(botReplies(world, 4)).toEqual([expect.stringMatching(/^😕 \[@forker's review comment\]\([^)]*\): Sorry @forker, only the team can change the meeting agenda/)]);
  });

  it("a redelivered review comment adds nothing twice and replies once; its item's marker names a review comment", async () => {
    world = await withPullRequest();
    const note = world.sandbox.reviewComment(REPO, 4, "/agenda add Benchmarks first", { user: "alice", association: "MEMBER" });
    await world.sandbox.webhooksIdle();
    const delivery = world.sandbox.deliveries.find((d) => d.event === "pull_request_review_comment" && (d.payload.comment as { id: number }).id === note.id);
    await world.sandbox.redeliver(delivery?.id ?? "");
    expect(agendaOf(world)).toEqual(["Benchmarks first (@alice, from #4)"]);
    expect(botReplies(world, 4)).toHaveLength(1);
    expect(parseMarkers(world.sandbox.issue(REPO, 2).body ?? "").filter((fields) => fields["review-comment"] === String(note.id))).toHaveLength(1);
  });
});

describe("the agenda label", () => {
  it("adds a labelled issue or PR to the upcoming agenda, and lists labelled threads on each new meeting issue", async () => {
    world = await startMeetingWorld(AFTER_001, (sandbox) => {
      seedCratesIo(sandbox);
      // Labelled before the app started: listed when the next meeting issue is created.
      sandbox.createIssue(REPO, { title: "Crate name transfers", body: "", labels: ["meeting-agenda"], user: "carol" });
    });
    await world.bot.tick();
    const meeting = world.sandbox.issues(REPO).find((issue) => issue.title === "Crates.io Weekly Team Meeting #002");
    expect(meeting && agendaOf(world, meeting.number)).toEqual(["#2 Crate name transfers (@carol)"]);

    // Labelled while the app runs: added at once, by whoever labelled it.
    const pr = world.sandbox.createIssue(REPO, { title: "Bump rustc", body: "", user: "dave", pullRequest: true });
    world.sandbox.editIssue(REPO, pr.number, { labels: ["meeting-agenda"] }, { user: "alice" });
    await world.sandbox.webhooksIdle();
    expect(meeting && agendaOf(world, meeting.number)).toEqual(["#2 Crate name transfers (@carol)", `#${pr.number} Bump rustc (@alice)`]);

    // Next week both are listed again while labelled; an unlabelled one is not.
    world.sandbox.editIssue(REPO, 2, { labels: [] }, { user: "alice" });
    await world.sandbox.webhooksIdle();
    world.clock.set("2020-09-18T21:31:00Z");
    await world.bot.tick();
    const next = world.sandbox.issues(REPO).find((issue) => issue.title === "Crates.io Weekly Team Meeting #003");
    expect(next && agendaOf(world, next.number)).toEqual([`#${pr.number} Bump rustc (@dave)`]);
  });
});
