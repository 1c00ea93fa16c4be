import { afterEach, describe, expect, it } from "@jest/globals";
import { closeChecked } from "../helpers/close-checked.js";
import { CONFIG, REPO, seedCratesIo, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";

/*
 * Items carried too long, over HTTP against the sandbox: the crates.io meeting #001 (2020-09-11)
 * has two unfinished Action Items; the app opens each next issue when the previous meeting ends.
 * People edit the issues between meetings as the GitHub editor would.
 */

const FIRST = "Try to nail down the next zoom meeting through Discord";
const SECOND = "Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings";

let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

function withFlagAfter(flagAfter: number): string {
  const short = "    carryOver:\n      - Action Items\n      - Open Discussion\n";
  if (!CONFIG.includes(short)) throw new Error("the example config's carryOver changed");
  // Collecting off: these tests follow the two Action Items (calls to action are counted the same way).
  return CONFIG.replace(short, `    carryOver:\n      sections: [Action Items, Open Discussion]\n      flagAfter: ${flagAfter}\n    collect: []\n`);
}

async function start(flagAfter: number): Promise<MeetingWorld> {
  const w = await startMeetingWorld("2020-09-11T21:31:00Z", (sandbox) => seedCratesIo(sandbox, { config: withFlagAfter(flagAfter) }));
  await w.bot.tick();
  await w.sandbox.webhooksIdle();
  return w;
}

const meetings = (w: MeetingWorld) => w.sandbox.issues(REPO).filter((issue) => issue.labels.some((label) => label.name === "meeting"));
const newest = (w: MeetingWorld) => meetings(w).at(-1);
const actionItems = (body: string) => (body.split("### Action Items")[1] ?? "").split("### Open Discussion")[0] ?? "";
const lines = (body: string) => actionItems(body).split("\n").filter((line) => line.startsWith("- ") || line.startsWith("> "));

/** The next meeting's issue opens: one week later, when this one has ended. */
async function nextWeek(w: MeetingWorld, week: number) {
  w.clock.set(new Date(Date.parse("2020-09-11T21:31:00Z") + week * 7 * 86_400_000).toISOString());
  await w.bot.tick();
  await w.sandbox.webhooksIdle();
}

/** A person edits the newest meeting issue's body. */
function edit(w: MeetingWorld, change: (body: string) => string) {
  const issue = newest(w);
  w.sandbox.editIssue(REPO, issue?.number ?? 0, { body: change(issue?.body ?? "") }, { user: "carol" });
}

describe("items carried too long", () => {
  it("flags an item from flagAfter meetings; words written after the marker keep the count; an item typed again by hand starts from zero", async () => {
    world = await start(2);
    expect(lines(newest(world)?.body ?? "")).toEqual([
      `- [ ] ${FIRST} <!-- meeting-bot:carried=1 in=2020-09-18T20:30:00Z -->`,
      `- [ ] ${SECOND} <!-- meeting-bot:carried=1 in=2020-09-18T20:30:00Z -->`,
    ]);
    // Someone notes progress after the first item's marker, and deletes the second, then types it again.
    edit(world, (body) =>
      body
        .replace("in=2020-09-18T20:30:00Z -->\n- [ ] Suggestion", "in=2020-09-18T20:30:00Z --> (Bob: asked on Discord)\n- [ ] Suggestion")
        .replace(`- [ ] ${SECOND} <!-- meeting-bot:carried=1 in=2020-09-18T20:30:00Z -->`, `- [ ] ${SECOND}`),
    );
    await nextWeek(world, 1);
    expect(lines(newest(world)?.body ?? "")).toEqual([
      "> **Carried 2 meetings or more**: do it, drop it, or open an issue for it.",
      `> - ${FIRST} (Bob: asked on Discord) (2×)`,
      `- [ ] ${FIRST} (Bob: asked on Discord) _(carried 2×)_ <!-- meeting-bot:carried=2 in=2020-09-25T20:30:00Z -->`,
      `- [ ] ${SECOND} <!-- meeting-bot:carried=1 in=2020-09-25T20:30:00Z -->`,
    ]);
    // The flag survives another edit after it, and the count goes on.
    edit(world, (body) => body.replace("in=2020-09-25T20:30:00Z --> ", "in=2020-09-25T20:30:00Z --> still waiting ").replace(/(carried=2 in=2020-09-25T20:30:00Z -->)\n/, "$1 still waiting\n"));
    await nextWeek(world, 2);
    expect(lines(newest(world)?.body ?? "")).toEqual([
      "> **Carried 2 meetings or more**: do it, drop it, or open an issue for it.",
      `> - ${FIRST} (Bob: asked on Discord) still waiting (3×)`,
      `> - ${[...SECOND].slice(0, 99).join("")}… (2×)`, // the list cuts an item at 100 characters
      `- [ ] ${FIRST} (Bob: asked on Discord) still waiting _(carried 3×)_ <!-- meeting-bot:carried=3 in=2020-10-02T20:30:00Z -->`,
      `- [ ] ${SECOND} _(carried 2×)_ <!-- meeting-bot:carried=2 in=2020-10-02T20:30:00Z -->`,
    ]);
  });

  it("flagAfter 0 counts but never flags", async () => {
    world = await start(0);
    for (let week = 1; week <= 3; week++) await nextWeek(world, week);
    expect(lines(newest(world)?.body ?? "")).toEqual([
      `- [ ] ${FIRST} <!-- meeting-bot:carried=4 in=2020-10-09T20:30:00Z -->`,
      `- [ ] ${SECOND} <!-- meeting-bot:carried=4 in=2020-10-09T20:30:00Z -->`,
    ]);
    expect(newest(world)?.body).not.toContain("carried 4×");
    expect(newest(world)?.body).not.toContain("Carried 0 meetings");
  });

  it("a skipped meeting is not counted, whether it was skipped before its issue opened or after", async () => {
    const counts: string[][] = [];
    for (const when of ["before", "after"] as const) {
      world = await start(3);
      await nextWeek(world, 1); // #003, September 25th: count 2
      if (when === "before") {
        world.sandbox.comment(REPO, newest(world)?.number ?? 0, "/meeting skip 2020-10-02", { user: "alice", association: "MEMBER" });
        await world.sandbox.webhooksIdle();
        await nextWeek(world, 2); // October 2nd is skipped: no issue
      } else {
        await nextWeek(world, 2); // #004, October 2nd: count 3
        world.sandbox.comment(REPO, newest(world)?.number ?? 0, "/meeting cancel", { user: "alice", association: "MEMBER" });
        await world.sandbox.webhooksIdle();
      }
      await nextWeek(world, 3); // October 9th
      expect(newest(world)?.body).toContain("Friday, October 9, 2020");
      counts.push(lines(newest(world)?.body ?? "").filter((line) => line.startsWith("- ")).map((line) => /carried=(\d+)/.exec(line)?.[1] ?? ""));
      world = await closeChecked(world);
    }
    // September 18th, September 25th, October 9th: three meetings either way.
    expect(counts).toEqual([
      ["3", "3"],
      ["3", "3"],
    ]);
  });
});
