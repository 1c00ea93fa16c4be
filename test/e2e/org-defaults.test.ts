import { afterEach, describe, expect, it } from "@jest/globals";
import { closeChecked } from "../helpers/close-checked.js";
import { LEVEL } from "../helpers/capture-log.js";
import { CONFIG, CONFIG_PATH, REPO, seedCratesIo, startMeetingWorld, type MeetingWorld } from "../helpers/meeting-world.js";

/*
 * Settings shared by an organization's repositories live in its `.github` repository, in a file
 * the team repositories name with `_extends` (Probot's config loading). Kept at a path other than
 * `.github/meeting-bot.yml`, they do not make the `.github` repository a meeting repository.
 */

const ORG = "rust-lang/.github";
const DEFAULTS = "meeting-bot/defaults.yml";

let world: MeetingWorld | undefined;
afterEach(async () => (world = await closeChecked(world)));

describe("a config shared through the organization's .github repository", () => {
  it("the team repo's `_extends: .github:meeting-bot/defaults.yml` is enough; the .github repo has no meetings; a push to the defaults is read again", async () => {
    world = await startMeetingWorld("2020-09-11T21:31:00Z", (sandbox) => {
      seedCratesIo(sandbox, { config: `_extends: .github:${DEFAULTS}\n` });
      const installation = sandbox.state.repository(REPO).installationId;
      sandbox.addRepository(installation, ".github", { defaultBranch: "main" });
      sandbox.putFile(ORG, DEFAULTS, CONFIG);
    });
    await world.bot.tick();
    const titles = () => world?.sandbox.issues(REPO).filter((issue) => issue.labels.some((label) => label.name === "meeting")).map((issue) => issue.title) ?? [];
    expect(titles()).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    expect(world.sandbox.issues(ORG)).toEqual([]);
    expect(world.logs.filter((line) => line.level >= LEVEL.error)).toEqual([]);

    // The org renames the meeting in its defaults: the team repo's config is read again at once.
    world.sandbox.putFile(ORG, DEFAULTS, CONFIG.replace("name: Crates.io Weekly Team Meeting", "name: Crates.io Team Sync"), { push: true });
    await world.sandbox.webhooksIdle();
    const loads = world.logs.filter((line) => line.msg === "meeting config loaded" && line.repo === REPO);
    expect(loads).toHaveLength(2);
    expect(world.sandbox.readFile(REPO, CONFIG_PATH)).toBe(`_extends: .github:${DEFAULTS}\n`);
  });
});
