import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { runDemo } from "../../src/demo/run-demo.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const readExample = (name: string) => readFileSync(`${root}examples/${name}`, "utf8");

/** Run the demo in-process, collecting what it prints. */
async function demo(options: { readExample?: (name: string) => string } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runDemo({
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    ...options,
  });
  return { code, stdout, stderr };
}

/** The printed body of issue `#n` (the lines behind the gutter after its "  #n  title" line). */
function printedBody(stdout: string, number: number): string {
  const start = stdout.indexOf(`\n  #${number}  `);
  if (start < 0) throw new Error(`issue #${number} was not printed`);
  const end = stdout.indexOf("  └────", start);
  return stdout
    .slice(start, end)
    .split("\n")
    .filter((line) => line.startsWith("  │"))
    .map((line) => line.replace(/^ {2}│ ?/, ""))
    .join("\n");
}

describe("npm run demo", () => {
  it("opens #002–#004 with dates, rotation, location and carry-over, and exits 0", async () => {
    const { code, stdout, stderr } = await demo();
    expect(stderr).toBe("");
    expect(code).toBe(0);

    // Issue #3 is the thread where the team proposes agenda items, so meetings #003/#004 are issues #4/#5.
    for (const [number, previous, title, date] of [
      [2, 1, "Crates.io Weekly Team Meeting #002", "Friday, September 18, 20:30 UTC"],
      [4, 2, "Crates.io Weekly Team Meeting #003", "Friday, September 25, 20:30 UTC"],
      [5, 4, "Crates.io Weekly Team Meeting #004", "Friday, October 2, 20:30 UTC"],
    ] as const) {
      expect(stdout).toContain(`opened #${number} "${title}" for ${date}`);
      expect(stdout).toContain(`  #${number}  ${title}\n  labels: meeting · opened by @meeting-bot[bot] · open`);
      expect(stdout).toContain(`closed #${previous} (completed), linked to #${number}`);
    }

    // /agenda comments from another thread land on the upcoming meeting; a non-member is refused.
    expect(stdout).toContain('reply: "Added to Crates.io Weekly Team Meeting #002."');
    expect(stdout).toContain("- [ ] #3 eRFC: Crate name transfer (@alice)");
    expect(stdout).toContain("- [ ] Roadmap v0.1: pick the top three priorities (@bob, from #3)");
    expect(stdout).toMatch(/@mallory \(NONE\) on #3: .*\n.*reaction 😕; reply: "Sorry @mallory/);

    // #002 carries #001's plain bullets over as open task items.
    expect(printedBody(stdout, 2)).toContain("- [ ] Try to nail down the next zoom meeting through Discord");
    // #001's calls to action outside its Action Items (README: Calls to action).
    expect(printedBody(stdout, 2)).toContain("- [ ] create and propose a meeting notes structure _(from Outcomes in #1)_");
    // Ticked off during #002: gone from #003; added during #002: carried into #003.
    const third = printedBody(stdout, 4);
    expect(third).not.toContain("Try to nail down the next zoom meeting");
    expect(third).toContain("- [ ] @carol to draft the roadmap post");
    expect(third).toContain("- [ ] Switch the meeting to 16:00 UTC? (proposed in #001)");
    expect(third).toContain("**Moderator:** @carol");
    expect(third).toContain("**Location:** Discord");

    // The first Friday of October is on Zoom; only unfinished Open Discussion items remain.
    const fourth = printedBody(stdout, 5);
    expect(fourth).toContain("**Location:** Zoom");
    expect(fourth).toContain("- **Europe/Berlin:** Friday, October 2, 2020, 22:30");
    expect(fourth).not.toContain("@carol to draft the roadmap post");
    expect(fourth).toContain("- [ ] Name squatting: ask the npm team how they handle it");
    expect(fourth).toContain("<!-- meeting-bot:series=weekly occurrence=2020-10-02T20:30:00Z previous=4 -->");

    expect(stdout).toContain('ticked off "Try to nail down the next zoom meeting through Discord"');
    expect(stdout).toContain('added "- [ ] @carol to draft the roadmap post" to Action Items');
    expect(stdout).toMatch(/4 API calls: GET \/issues ×1, POST \/issues ×1, POST \/issues\/\{issue_number\}\/comments ×1, PATCH \/issues\/\{issue_number\} ×1/);
    // One /meeting command: #004 moves to Thursday; its rendered date is rewritten in place.
    expect(stdout).toContain('@alice on #5: "/meeting move 2020-10-01 18:00"');
    expect(stdout).toMatch(/reaction 👍; comment: "Moved by @alice: this meeting is now on Thursday, October 1, 2020, 18:00 UTC \(instead of Friday, October 2, 2020, 20:30 UTC\)\."/);
    expect(stdout).toContain("#5 now reads: - **Date/Time:** Thursday, October 1, 2020, 18:00 UTC");
    expect(stdout).toContain("== done: 4 meeting issues (#1 closed, #2 closed, #4 closed, #5 open); every check passed");
  });

  it("prints the same thing every time (fixed clock, sandbox ids)", async () => {
    const [first, second] = [await demo(), await demo()];
    expect(second.stdout).toBe(first.stdout);
  });

  it("exits 1 and says what is missing when the app does not do what the demo expects", async () => {
    // #001 without Action Items: #002 has nothing to carry over.
    const broken = (name: string) =>
      name === "crates-io-meeting-001.md" ? readExample(name).replace(/^\* (Try to nail|Suggestion we do).*$/gm, "") : readExample(name);
    const { code, stdout, stderr } = await demo({ readExample: broken });
    expect(code).toBe(1);
    expect(stderr).toContain("npm run demo failed: #2 \"Crates.io Weekly Team Meeting #002\" is not as expected");
    expect(stderr).toContain('expected "Try to nail down the next zoom meeting through Discord"');
    expect(stderr).not.toContain('Action Items holds "Try to nail down');
    expect(stdout).not.toContain("== done");
  });
});

describe("examples/crates-io-meeting-001.md", () => {
  // test/fixtures holds the team's file as published (front matter and body); the example is its body.
  const original = `${root}test/fixtures/crates-io-weekly-meeting.md`;
  it("is byte-identical to the body of the crates.io meeting #001 fixture", () => {
    const body = readFileSync(original, "utf8").replace(/^---\n[\s\S]*?\n---\n/, "");
    expect(readExample("crates-io-meeting-001.md")).toBe(body);
  });
});
