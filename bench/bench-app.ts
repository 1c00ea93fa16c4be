import { readFileSync } from "node:fs";
import { pino } from "pino";
import { startLocalApp, type LocalApp, type LocalAppOptions } from "../src/demo/start-local-app.js";
import type { Sandbox } from "../src/sandbox/index.js";
import { BenchClock } from "./bench-clock.js";
import { SMOKE } from "./bench-size.js";

// Compiled to bench-build/bench/: the repository root is two levels up.
const ROOT = new URL("../../", import.meta.url);
export const readExample = (name: string): string => readFileSync(new URL(`examples/${name}`, ROOT), "utf8");

export const CONFIG_PATH = ".github/meeting-bot.yml";
export const TEMPLATE_PATH = ".github/ISSUE_TEMPLATE/weekly-meeting.md";
export const EXAMPLE_TEMPLATE = readExample("weekly-meeting.md");
/** The crates.io team's real meeting #001. */
export const MEETING_001 = readExample("crates-io-meeting-001.md");
/** The example config, creating each issue when the previous meeting ends (as the e2e tests use it). */
export const CONFIG = readExample("meeting-bot.yml").replace(/\n    creation:\n      daysBefore: 3\n      time: "09:00"\n/, "\n");
/** Meeting #001 was Friday 2020-09-11 20:30–21:30 UTC; #002's issue is due when it ends. */
export const AFTER_001 = "2020-09-11T21:31:00Z";

export interface BenchApp extends LocalApp {
  clock: BenchClock;
  /** App log lines at warn level or above (pino JSON), to show when a scenario goes wrong. */
  problems: string[];
}

/** Add a repo with the example config and template (and #001, opened by hand) to a new installation. */
export function seedMeetingRepo(
  sandbox: Sandbox,
  options: { account?: string; repo?: string; config?: string; withMeeting001?: boolean; installationId?: number } = {},
): string {
  const account = options.account ?? "rust-lang";
  const repo = options.repo ?? "crates-io-cargo-teams";
  const installationId = options.installationId ?? sandbox.addInstallation({ account, type: "Organization" }).id;
  sandbox.addRepository(installationId, repo, { defaultBranch: "main" });
  const fullName = `${account}/${repo}`;
  sandbox.putFile(fullName, CONFIG_PATH, options.config ?? CONFIG);
  sandbox.putFile(fullName, TEMPLATE_PATH, EXAMPLE_TEMPLATE);
  if (options.withMeeting001 !== false) {
    // Opened by hand by a member of the team: the app reads hand-made meetings of the team only.
    sandbox.setPermission(fullName, "jtgeibel", "write");
    sandbox.createIssue(fullName, {
      title: "Crates.io Weekly Team Meeting #001",
      body: MEETING_001,
      labels: ["meeting"],
      user: "jtgeibel",
      createdAt: new Date("2020-09-08T10:00:00Z"),
    });
  }
  return fullName;
}

/** The real app over HTTP against a seeded sandbox, on a bench clock. */
export async function startBenchApp(
  start: string,
  seed: (sandbox: Sandbox, clock: BenchClock) => void,
  options: Partial<Omit<LocalAppOptions, "seed" | "now" | "log">> = {},
): Promise<BenchApp> {
  const clock = new BenchClock(start);
  const problems: string[] = [];
  const log = pino({ level: "warn" }, { write: (line: string) => void problems.push(line) });
  // The smoke run counts what each scenario counts; Probot's throttling would only make it slower.
  const throttle = options.throttle ?? (SMOKE ? false : undefined);
  const app = await startLocalApp({ now: clock.now, log, seed: (sandbox) => seed(sandbox, clock), ...options, ...(throttle === undefined ? {} : { throttle }) });
  return Object.assign(app, { clock, problems });
}

/** Throw with the app's warnings when a scenario did not do what it measures. */
export function check(app: BenchApp, condition: boolean, what: string): void {
  if (condition) return;
  throw new Error(`${what}${app.problems.length > 0 ? `\napp log:\n${app.problems.slice(-10).join("")}` : ""}`);
}
