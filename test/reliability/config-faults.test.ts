import { afterEach, describe, expect, it } from "@jest/globals";
import type { Sandbox } from "../../src/sandbox/index.js";
import { CONFIG, CONFIG_PATH, EXAMPLE_TEMPLATE, REPO, TEMPLATE_PATH } from "../helpers/meeting-world.js";
import { closeChecked } from "../helpers/close-checked.js";
import { errorsLogged, meetingIssues, occurrences, startWorld, titles, warningsLogged, type ReliabilityWorld } from "./world.js";

const AFTER_001 = "2020-09-11T21:31:00Z";

let world: ReliabilityWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

interface Breakage {
  name: string;
  /** The push that breaks a working setup. */
  breakIt(sandbox: Sandbox): void;
  /** What the one log line says (level error, or warn for a config removed on purpose). */
  says: string[];
  level: "error" | "warn";
  /** The file the line names. */
  file: string;
}

const push = { push: true, user: "alice" } as const;
const BREAKAGES: Breakage[] = [
  {
    name: "config: YAML syntax error",
    breakIt: (s) => s.putFile(REPO, CONFIG_PATH, `${CONFIG}\nbroken: [never closed\n`, push),
    says: [CONFIG_PATH],
    level: "error",
    file: CONFIG_PATH,
  },
  {
    name: "config: an invalid value (unknown time zone)",
    breakIt: (s) => s.putFile(REPO, CONFIG_PATH, CONFIG.replace("timezone: UTC", "timezone: Europe/Berln"), push),
    says: ['unknown time zone "Europe/Berln"'],
    level: "error",
    file: CONFIG_PATH,
  },
  {
    name: "config: the wrong type (a list of strings)",
    breakIt: (s) => s.putFile(REPO, CONFIG_PATH, "- just\n- a list\n", push),
    says: [CONFIG_PATH],
    level: "error",
    file: CONFIG_PATH,
  },
  {
    name: "config: names a template that does not exist",
    breakIt: (s) => s.putFile(REPO, CONFIG_PATH, CONFIG.replace(TEMPLATE_PATH, ".github/ISSUE_TEMPLATE/renamed.md"), push),
    says: [".github/ISSUE_TEMPLATE/renamed.md does not exist"],
    level: "error",
    file: ".github/ISSUE_TEMPLATE/renamed.md",
  },
  {
    name: "config: deleted",
    breakIt: (s) => s.deleteFile(REPO, CONFIG_PATH, push),
    says: [`${CONFIG_PATH} was removed`],
    level: "warn",
    file: CONFIG_PATH,
  },
  {
    name: "template: deleted",
    breakIt: (s) => s.deleteFile(REPO, TEMPLATE_PATH, push),
    says: [`${TEMPLATE_PATH} does not exist`],
    level: "error",
    file: TEMPLATE_PATH,
  },
  {
    name: "template: an unknown placeholder",
    breakIt: (s) => s.putFile(REPO, TEMPLATE_PATH, EXAMPLE_TEMPLATE.replace("{{date}}", "{{dat}}"), push),
    says: ["unknown placeholder {{dat}}", "did you mean {{date}}"],
    level: "error",
    file: TEMPLATE_PATH,
  },
  {
    name: "template: front matter never closed",
    breakIt: (s) => s.putFile(REPO, TEMPLATE_PATH, EXAMPLE_TEMPLATE.replace(/^---\n([^]*?)\n---\n/, "---\n$1\n"), push),
    says: ["front matter"],
    level: "error",
    file: TEMPLATE_PATH,
  },
];

const repoLines = (w: ReliabilityWorld, level: "error" | "warn") =>
  (level === "error" ? errorsLogged(w.logs) : warningsLogged(w.logs)).filter((line) => line.repo === REPO);

describe("fault: the config or template becomes invalid or missing after having been valid", () => {
  it.each(BREAKAGES)("$name: no crash, no issue, one clear log line; fixing it resumes creation", async ({ breakIt, says, level, file }) => {
    world = await startWorld(AFTER_001);
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toHaveLength(2);

    breakIt(world.sandbox);
    await world.sandbox.webhooksIdle();
    // A week of ticks past the next creation time: nothing created, nothing more logged.
    world.clock.set("2020-09-18T21:31:00Z");
    for (let tick = 0; tick < 5; tick++) {
      await world.app.bot.tick();
      world.clock.advance({ minutes: 17 });
    }
    expect(titles(world.sandbox)).toHaveLength(2);
    const lines = repoLines(world, level);
    expect(lines).toHaveLength(1);
    for (const text of says) expect(lines[0]?.msg).toContain(text);
    expect(lines[0]?.msg).toContain(REPO);
    expect(lines[0]).toMatchObject({ file });
    expect(world.sandbox.deliveries.filter((d) => d.event === "push").every((d) => d.status === 200)).toBe(true);

    // The team fixes it: the meeting due now gets its issue at once, from the good config.
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG, push);
    world.sandbox.putFile(REPO, TEMPLATE_PATH, EXAMPLE_TEMPLATE, push);
    await world.sandbox.webhooksIdle();
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toEqual([
      "Crates.io Weekly Team Meeting #001",
      "Crates.io Weekly Team Meeting #002",
      "Crates.io Weekly Team Meeting #003",
    ]);
    const third = meetingIssues(world.sandbox)[2];
    expect(third?.body).toContain("occurrence=2020-09-25T20:30:00Z");
    expect(occurrences(third?.body ?? "", "Try to nail down the next zoom meeting through Discord")).toBe(1);
    expect(repoLines(world, level)).toHaveLength(1);
  });

  it("a restart while the config is broken: one error at start-up, none per tick", async () => {
    world = await startWorld(AFTER_001);
    await world.app.bot.tick();
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace('time: "20:30"', 'time: "25:00"'), push);
    await world.sandbox.webhooksIdle();
    await world.restart({ at: "2020-09-18T21:31:00Z" });
    for (let tick = 0; tick < 5; tick++) {
      await world.app.bot.tick();
      world.clock.advance({ minutes: 17 });
    }
    expect(titles(world.sandbox)).toHaveLength(2);
    // One from the push, one from the new process reading it at start-up.
    expect(repoLines(world, "error").map((line) => line.msg)).toEqual([expect.stringContaining('"25:00" is not a time'), expect.stringContaining('"25:00" is not a time')]);
  });

  it("the re-read after a push fails (GitHub 502 on every retry): the last good config stays in use, and a minute later it is read again", async () => {
    world = await startWorld(AFTER_001);
    await world.app.bot.tick();
    // The re-read and the config check (at the pushed commit) each read the config: 4 attempts each.
    world.sandbox.faults.add({ method: "GET", route: "/repos/{owner}/{repo}/contents/{path}", times: 8, fault: { kind: "status", status: 502 } });
    world.sandbox.putFile(REPO, CONFIG_PATH, CONFIG.replace("section: Proposed Agenda", "section: Agenda Items"), push);
    await world.sandbox.webhooksIdle();
    expect(world.sandbox.faults.pending).toEqual([]);
    expect(world.sandbox.deliveries.filter((d) => d.event === "push").at(-1)?.status).toBe(502);
    expect(world.app.bot.repos.get(REPO)?.setup).toMatchObject({ status: "ready", config: { series: [{ agenda: { section: "Proposed Agenda" } }] } });
    world.clock.advance({ minutes: 1 });
    await world.app.bot.tick();
    expect(world.app.bot.repos.get(REPO)?.setup).toMatchObject({ status: "ready", config: { series: [{ agenda: { section: "Agenda Items" } }] } });
    world.clock.set("2020-09-18T21:31:00Z");
    await world.app.bot.tick();
    expect(titles(world.sandbox)).toHaveLength(3);
  });
});
