import { afterEach, describe, expect, it } from "@jest/globals";
import { LEVEL } from "../helpers/capture-log.js";
import { closeChecked } from "../helpers/close-checked.js";
import { CONFIG, REPO, seedCratesIo, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";

/*
 * The archive (opt-in), end to end over HTTP: when the app closes a meeting issue (the next one is
 * open) or someone does, its final body goes to meetings/<date>.md, by commit or pull request.
 */

let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

const WRITE = { issues: "write", contents: "write", metadata: "read", pull_requests: "write", members: "read", checks: "write" } as const;
const archiveConfig = (lines: string) => `${CONFIG}    archive:\n${lines}`;
const FILE = "meetings/2020-09-18.md";

/** #002 (for 2020-09-18) is created after #001; a week later #003 is, and #002 is closed by the app. */
async function closeMeeting002(config: string, permissions?: Record<string, "read" | "write">): Promise<MeetingWorld> {
  const w = await startMeetingWorld("2020-09-11T21:31:00Z", (sandbox) => {
    seedCratesIo(sandbox, { config });
    if (permissions) sandbox.setInstallationPermissions(sandbox.state.repository(REPO).installationId, permissions);
  });
  await w.bot.tick();
  w.sandbox.comment(REPO, 2, "Notes are in the doc; I will copy them here.", { user: "jtgeibel" });
  w.clock.set("2020-09-18T21:31:00Z");
  await w.bot.tick();
  await w.sandbox.webhooksIdle();
  expect(w.sandbox.issue(REPO, 2).state).toBe("closed");
  return w;
}

const closedDelivery = (w: MeetingWorld, issue: number) =>
  w.sandbox.deliveries.filter((delivery) => delivery.event === "issues" && delivery.action === "closed" && (delivery.payload.issue as { number: number }).number === issue).at(-1);

describe("the archive of closed meeting issues", () => {
  it("by commit: the template's front matter with the issue's title, the final body; once; a reopened and edited meeting updates its file", async () => {
    world = await closeMeeting002(archiveConfig('      path: "meetings/{{date:yyyy-MM-dd}}.md"\n      comments: true\n'), WRITE);
    const file = world.sandbox.readFile(REPO, FILE) ?? "";
    const meeting = world.sandbox.issue(REPO, 2);
    expect(file.startsWith("---\nname: Crates.io Weekly Team Meeting\nabout: Create a new weekly meeting agenda.\ntitle: \"Crates.io Weekly Team Meeting #002\"\nlabels:\n  - meeting\n---\n\n<!-- Thanks stacksgov - https://github.com/stacksgov/pm/pull/44/files -->\n\n## Meeting Details\n")).toBe(true);
    expect(file).toContain("- **Date/Time:** Friday, September 18, 2020, 20:30 UTC");
    expect(file).toContain("- [ ] Try to nail down the next zoom meeting through Discord");
    expect(file).not.toContain("<!-- meeting-bot:");
    expect(meeting.body).toContain("<!-- meeting-bot:series=weekly");
    // The team's comment is kept; the app's own ("Next meeting: #3") is not.
    expect(file).toContain("## Comments\n\n**@jtgeibel** · 2020-09-11 21:31 UTC\n\nNotes are in the doc; I will copy them here.\n");
    expect(file).not.toContain("Next meeting");
    const commits = () => world?.sandbox.countRequests({ method: "PUT", route: "/repos/{owner}/{repo}/contents/{path}" }) ?? -1;
    expect(commits()).toBe(1);
    // The hand-made #001 is not the app's meeting: not archived.
    expect(world.sandbox.readFile(REPO, "meetings/2020-09-11.md")).toBeUndefined();

    // Redelivered: the same content is not committed again.
    await world.sandbox.redeliver(closedDelivery(world, 2)?.id ?? "");
    expect(commits()).toBe(1);

    // Reopened, the notes added, closed again: the file follows.
    world.sandbox.editIssue(REPO, 2, { state: "open" }, { user: "jtgeibel" });
    world.sandbox.editIssue(REPO, 2, { body: `${meeting.body}\n### Minutes\n\n- We picked Zoom for October.\n` }, { user: "jtgeibel" });
    world.sandbox.editIssue(REPO, 2, { state: "closed" }, { user: "jtgeibel" });
    await world.sandbox.webhooksIdle();
    expect(commits()).toBe(2);
    expect(world.sandbox.readFile(REPO, FILE)).toContain("### Minutes\n\n- We picked Zoom for October.\n");
    expect(world.logs.filter((line) => line.level >= LEVEL.error)).toEqual([]);
  });

  it("by pull request: a branch and one pull request; redelivery changes nothing", async () => {
    world = await closeMeeting002(archiveConfig('      path: "meetings/{{date:yyyy-MM-dd}}.md"\n      via: pull-request\n'), WRITE);
    const pulls = world.sandbox.issues(REPO).filter((issue) => issue.pull);
    expect(pulls.map((pull) => [pull.title, pull.pull?.head, pull.pull?.base, pull.user.login])).toEqual([
      ["Archive Crates.io Weekly Team Meeting #002 (#2)", "meeting-bot/archive-2", "main", "meeting-bot[bot]"],
    ]);
    expect(world.sandbox.readFile(REPO, FILE)).toBeUndefined();
    expect(world.sandbox.readFile(REPO, FILE, "meeting-bot/archive-2")).toContain("title: \"Crates.io Weekly Team Meeting #002\"");
    await world.sandbox.redeliver(closedDelivery(world, 2)?.id ?? "");
    expect(world.sandbox.issues(REPO).filter((issue) => issue.pull)).toHaveLength(1);
    expect(world.sandbox.countRequests({ method: "PUT", route: "/repos/{owner}/{repo}/contents/{path}" })).toBe(1);
    expect(world.sandbox.countRequests({ method: "POST", route: "/repos/{owner}/{repo}/pulls" })).toBe(1);
  });

  it("without contents: write: one error in the log and one comment on the meeting issue, saying how to grant it; nothing else, then or later", async () => {
    world = await closeMeeting002(archiveConfig('      path: "meetings/{{date:yyyy-MM-dd}}.md"\n'));
    expect(world.sandbox.readFile(REPO, FILE)).toBeUndefined();
    const errors = () => world?.logs.filter((line) => line.level >= LEVEL.error) ?? [];
    expect(errors().map((line) => line.msg)).toEqual([
      "rust-lang/crates-io-cargo-teams: cannot archive meetings to meetings/2020-09-18.md: the app's installation lacks `contents: write`. The archive is the only feature that needs it: grant it in the app's settings (Permissions), then accept it in the installation's settings, or remove `archive` from .github/meeting-bot.yml",
    ]);
    const said = () => world?.sandbox.comments(REPO, 2).filter((comment) => comment.user.login === "meeting-bot[bot]" && comment.body.includes("could not archive")) ?? [];
    expect(said()).toHaveLength(1);
    expect(said()[0]?.body).toContain("the app lacks `contents: write` in this repository.");

    // The next meeting closes too: nothing more is said.
    world.clock.set("2020-09-25T21:31:00Z");
    await world.bot.tick();
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.issue(REPO, 3).state).toBe("closed");
    expect(errors()).toHaveLength(1);
    expect(world.sandbox.comments(REPO, 3).filter((comment) => comment.body.includes("could not archive"))).toEqual([]);
    expect(world.sandbox.countRequests({ method: "PUT", route: "/repos/{owner}/{repo}/contents/{path}" })).toBe(2);
  });
});
