import { afterEach, describe, expect, it } from "@jest/globals";
import { closeChecked } from "../helpers/close-checked.js";
import { CONFIG, MEETING_001, REPO, seedCratesIo, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";

/*
 * `decisions: true` (issue 14): the lines #001's notes mark as decisions are listed in the
 * comment the app writes on #001 when it links and closes it ("Next meeting: #002"), under
 * "Decisions of this meeting": one comment, written once, also when GitHub fails the write.
 */
const AFTER_001 = "2020-09-11T21:31:00Z";
const NOTES = `${MEETING_001.replace(
  "* Growing the Team\n  ** Consensus is we need to grow the team.",
  "* Growing the Team\n  ** Consensus is we need to grow the team.\n  ** DECISION: open a call for reviewers in the next newsletter",
)}\n\n[DECISION] Zoom on the first meeting of each month, Discord otherwise\n`;
const WITH_DECISIONS = CONFIG.replace("    closePrevious: true\n", "    closePrevious: true\n    decisions: true\n");

let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

const botComments = (w: MeetingWorld, issue: number) => w.sandbox.comments(REPO, issue).filter((comment) => comment.user.login === "meeting-bot[bot]").map((comment) => comment.body);

async function meeting001(config: string): Promise<MeetingWorld> {
  const w = await startMeetingWorld(AFTER_001, (sandbox) => {
    seedCratesIo(sandbox, { config });
    sandbox.editIssue(REPO, 1, { body: NOTES }, { user: "jtgeibel" });
  });
  return w;
}

describe("decisions: true", () => {
  it("lists the meeting's decisions in the comment on the closed meeting, once", async () => {
    expect(WITH_DECISIONS).not.toBe(CONFIG);
    world = await meeting001(WITH_DECISIONS);
    await world.bot.tick();
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.issue(REPO, 1).state).toBe("closed");
    expect(botComments(world, 1)).toEqual([
      "Next meeting: #2\n\n### Decisions of this meeting\n\n- open a call for reviewers in the next newsletter\n- Zoom on the first meeting of each month, Discord otherwise\n\n<!-- meeting-bot:next=2020-09-18T20:30:00Z series=weekly -->\n",
    ]);
    // A later run writes nothing more.
    world.clock.advance({ minutes: 30 });
    await world.bot.tick();
    await world.sandbox.webhooksIdle();
    expect(botComments(world, 1)).toHaveLength(1);
  });

  it("is written once when GitHub commits the comment and answers 502", async () => {
    world = await meeting001(WITH_DECISIONS);
    world.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", times: 1, fault: { kind: "committed-status", status: 502 } });
    await world.bot.tick();
    for (let attempt = 0; attempt < 3; attempt++) {
      world.clock.advance({ minutes: 16 });
      await world.bot.tick();
    }
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.faults.pending).toEqual([]);
    const comments = botComments(world, 1);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("### Decisions of this meeting\n\n- open a call for reviewers");
  });

  it("is off by default: the link comment alone", async () => {
    world = await meeting001(CONFIG);
    await world.bot.tick();
    await world.sandbox.webhooksIdle();
    expect(botComments(world, 1)).toEqual(["Next meeting: #2\n\n<!-- meeting-bot:next=2020-09-18T20:30:00Z series=weekly -->\n"]);
  });
});
