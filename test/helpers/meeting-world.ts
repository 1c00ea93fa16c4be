import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startLocalApp, type LocalApp, type LocalAppOptions } from "../../src/demo/start-local-app.js";
import type { Sandbox } from "../../src/sandbox/index.js";
import { captureLog, type LogLine } from "./capture-log.js";
import { FakeClock } from "./fake-clock.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const EXAMPLE_CONFIG = readFileSync(`${root}examples/meeting-bot.yml`, "utf8");
export const EXAMPLE_TEMPLATE = readFileSync(`${root}examples/weekly-meeting.md`, "utf8");
/** The crates.io team's real meeting #001 as the team filled it in (the body of shared/examples/crates-io-weekly-meeting.md). */
export const MEETING_001 = readFileSync(`${root}examples/crates-io-meeting-001.md`, "utf8");

export const REPO = "rust-lang/crates-io-cargo-teams";
export const CONFIG_PATH = ".github/meeting-bot.yml";
export const TEMPLATE_PATH = ".github/ISSUE_TEMPLATE/weekly-meeting.md";

/** The example config, creating issues when the previous meeting ends (simplest to reason about in tests). */
export const CONFIG = EXAMPLE_CONFIG.replace(/\n    creation:\n      daysBefore: 3\n      time: "09:00"\n/, "\n");

export interface MeetingWorld extends LocalApp {
  clock: FakeClock;
  logs: LogLine[];
}

/** Seed the crates.io repo: config, template, and meeting #001 as the previous issue. */
export function seedCratesIo(sandbox: Sandbox, options: { config?: string; withMeeting001?: boolean } = {}): void {
  const installation = sandbox.addInstallation({ account: "rust-lang", type: "Organization" });
  sandbox.addRepository(installation.id, "crates-io-cargo-teams", { defaultBranch: "main" });
  sandbox.putFile(REPO, CONFIG_PATH, options.config ?? CONFIG);
  sandbox.putFile(REPO, TEMPLATE_PATH, EXAMPLE_TEMPLATE);
  if (options.withMeeting001 !== false) {
    // Opened by hand a few days before the meeting of Friday 2020-09-11, by a team member.
    sandbox.setPermission(REPO, "jtgeibel", "write");
    sandbox.createIssue(REPO, {
      title: "Crates.io Weekly Team Meeting #001",
      body: MEETING_001,
      labels: ["meeting"],
      user: "jtgeibel",
      createdAt: new Date("2020-09-08T10:00:00Z"),
    });
  }
}

/** Start the app against a sandbox seeded by `seed`, with a fake clock at `start`. */
export async function startMeetingWorld(
  start: string,
  seed: (sandbox: Sandbox) => void = (sandbox) => seedCratesIo(sandbox),
  options: Partial<LocalAppOptions> = {},
): Promise<MeetingWorld> {
  const clock = new FakeClock(start);
  const { log, lines } = captureLog();
  const app = await startLocalApp({ now: clock.now, log, throttle: false, seed, ...options });
  return Object.assign(app, { clock, logs: lines });
}
