import { describe, expect, it } from "@jest/globals";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLE = "test/fixtures/crates-io-weekly-meeting.md";

async function run(argv: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "meeting-bot-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("meeting-bot extract", () => {
  it("prints the example's two Action Items and an empty Open Discussion", async () => {
    const { code, stdout, stderr } = await run(["extract", EXAMPLE]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      "Action Items": [
        { text: "Try to nail down the next zoom meeting through Discord", done: null, children: [] },
        {
          text: "Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings",
          done: null,
          children: [],
        },
      ],
      "Open Discussion": [],
    });
  });

  it("takes --sections, with one key per requested section", async () => {
    const dir = scratch({ "m.md": "## Notes\n- [x] done\n- [ ] todo\n  - child\n" });
    const { code, stdout } = await run(["extract", "m.md", "--sections", "Notes, Missing"], dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      Notes: [
        { text: "done", done: true, children: [] },
        { text: "todo", done: false, children: [{ text: "child", done: null, children: [] }] },
      ],
      Missing: [],
    });
  });

  it("prints the calls to action the next meeting would collect with --collect", async () => {
    const found = await run(["extract", EXAMPLE, "--collect", "--config", "examples/meeting-bot.yml"]);
    expect(found.code).toBe(0);
    const json = JSON.parse(found.stdout) as Record<string, Array<{ text: string; marker: string; from: string; people: string[] }>>;
    expect(Object.keys(json)).toEqual(["Action Items", "Proposed Agenda"]);
    expect(json["Action Items"]?.map((item) => [item.marker, item.from, item.text])).toEqual([
      ["TODO", "Outcomes", "Need to figure out how to better handle large bursts of download requests … maybe generate a cache to buffer requests?"],
      ["TODO", "Outcomes", "create and propose a meeting structure template optimized for note taking"],
      ["TODO", "Outcomes", "create and propose a meeting notes structure"],
      ["TODO", "Outcomes", "create documentation on how new developers can setup their environments and develop"],
    ]);
    expect(json["Proposed Agenda"]?.map((item) => item.text)).toEqual(["Try to nail down the next zoom meeting through Discord"]);
  });

  it("--collect without a config uses the default rules and says so; names the people of TODO(alice):", async () => {
    const dir = scratch({ "m.md": "## Notes\n- TODO(alice): draft the release notes\n- [x] TODO: done already\n- ACTION: book the room\n\nREMINDER: send the survey\n" });
    const { code, stdout, stderr } = await run(["extract", "m.md", "--collect"], dir);
    expect(code).toBe(0);
    expect(stderr).toContain("using the default config");
    expect(JSON.parse(stdout)).toEqual({
      "Action Items": [
        { text: "draft the release notes", done: null, children: [], marker: "TODO", people: ["@alice"], from: "Notes" },
        { text: "book the room", done: null, children: [], marker: "ACTION", people: [], from: "Notes" },
      ],
      "Proposed Agenda": [{ text: "send the survey", done: null, children: [], marker: "REMINDER", people: [], from: "Notes" }],
    });
  });

  it.each([
    [["extract"], 2, "usage: meeting-bot extract FILE"],
    [["extract", EXAMPLE, "--config", "examples/meeting-bot.yml"], 2, "--config and --series go with --collect"],
    [["extract", "nope.md"], 1, "file nope.md does not exist"],
    [["extract", EXAMPLE, "--sections", " , "], 2, "--sections is empty"],
    [["extract", EXAMPLE, "--bogus"], 2, "Unknown option '--bogus'"],
  ])("%j fails with exit %i and one clear line", async (argv, exit, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(exit);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("meeting-bot preview", () => {
  const preview = ["preview", "--config", "examples/meeting-bot.yml", "--template", "examples/weekly-meeting.md", "--previous", EXAMPLE];

  it("prints #002 for the Friday after #001, labelled, with both Action Items carried as unchecked tasks", async () => {
    const { code, stdout, stderr } = await run([...preview, "--now", "2020-09-12T00:00:00Z"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.split("\n").slice(0, 2)).toEqual(["title: Crates.io Weekly Team Meeting #002", "labels: meeting"]);
    expect(stdout).toContain("- **Date/Time:** Friday, September 18, 2020, 20:30 UTC");
    expect(stdout).toContain("https://www.timeanddate.com/worldclock/fixedtime.html?iso=20200918T2030&p1=1440");
    expect(stdout).toContain("- [ ] Try to nail down the next zoom meeting through Discord");
    expect(stdout).toContain(
      "- [ ] Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings",
    );
    expect(stdout).toContain("<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z previous=1 -->");
  });

  it("collects #001's calls to action into #002 (issue 14): two carried Action Items, then the four TODOs, and the NEXT WEEK MEETING item on the agenda, each once", async () => {
    const { code, stdout, stderr } = await run([...preview, "--now", "2020-09-12T00:00:00Z"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const section = (name: string) => stdout.split(/^#+ /m).find((part) => part.startsWith(name)) ?? "";
    const tasks = (name: string) => section(name).split("\n").filter((line) => line.startsWith("- [ ] "));
    expect(tasks("Action Items")).toEqual([
      "- [ ] Try to nail down the next zoom meeting through Discord <!-- meeting-bot:carried=1 in=2020-09-18T20:30:00Z -->",
      "- [ ] Suggestion we do a once a month (first meeting of the month) Zoom meeting and then the others are Discord meetings <!-- meeting-bot:carried=1 in=2020-09-18T20:30:00Z -->",
      "- [ ] Need to figure out how to better handle large bursts of download requests … maybe generate a cache to buffer requests? _(from Outcomes in #1)_",
      "- [ ] create and propose a meeting structure template optimized for note taking _(from Outcomes in #1)_",
      "- [ ] create and propose a meeting notes structure _(from Outcomes in #1)_",
      "- [ ] create documentation on how new developers can setup their environments and develop _(from Outcomes in #1)_",
    ]);
    // Also an Action Item of #001: carried there as it is, and on the agenda because of its marker.
    expect(tasks("Proposed Agenda")).toEqual(["- [ ] Try to nail down the next zoom meeting through Discord _(from Outcomes in #1)_"]);
    expect(tasks("Outcomes")).toEqual([]);
    expect(tasks("Open Discussion")).toEqual([]);
  });

  it("prints the README's Calls to action \"After\" block (markers aside)", async () => {
    const { stdout } = await run([...preview, "--now", "2020-09-12T00:00:00Z"]);
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Calls to action"), readme.indexOf("## Schedule and time zones"));
    const after = section.slice(section.indexOf("**After**")).split("```markdown\n")[1]?.split("```")[0] ?? "";
    const printed = stdout.replace(/ <!-- meeting-bot:carried=\d+ in=[^ ]+ -->/g, "");
    const lines = after.split("\n").filter((line) => line !== "");
    expect(lines.length).toBeGreaterThan(6);
    for (const line of lines) expect(printed).toContain(`${line}\n`);
    expect(printed).toContain(after.split("### Action Items\n\n")[1]);
  });

  it("collects nothing with `collect: []`", async () => {
    const dir = scratch({ "c.yml": "template: t.md\ncollect: []\n", "t.md": "---\ntitle: 'M #{{number}}'\n---\n\n## Proposed Agenda\n\n## Action Items\n", "p.md": "## Notes\nTODO: write it up\n\n## Action Items\n- carry me\n" });
    const { code, stdout } = await run(["preview", "--config", "c.yml", "--previous", "p.md", "--previous-title", "M #1", "--now", "2020-09-12T00:00:00Z"], dir);
    expect(code).toBe(0);
    expect(stdout).toContain("- [ ] carry me");
    expect(stdout).not.toContain("write it up");
  });

  it("prints JSON with --json", async () => {
    const { code, stdout } = await run([...preview, "--now", "2020-09-12T00:00:00Z", "--json"]);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as { title: string; labels: string[]; occurrence: string; meetingNumber: number; carried: Record<string, unknown[]> };
    expect(plan).toMatchObject({ title: "Crates.io Weekly Team Meeting #002", labels: ["meeting"], occurrence: "2020-09-18T20:30:00Z", meetingNumber: 2 });
    expect(plan.carried["Action Items"]).toHaveLength(2);
  });

  it("works without any config file: the defaults, said on stderr", async () => {
    const dir = scratch({ "t.md": "---\ntitle: 'Sync #{{number}}'\nlabels: [sync]\n---\n\nOn {{date}} at {{time}}.\n" });
    const { code, stdout, stderr } = await run(["preview", "--template", "t.md", "--now", "2020-09-12T00:00:00Z"], dir);
    expect(code).toBe(0);
    expect(stderr).toBe(`meeting-bot: note: no .github/meeting-bot.yml in ${dir}; using the default config (one series, every Friday at 16:00 UTC). Pass --config FILE to use yours.\n`);
    expect(stdout).toBe("title: Sync #1\nlabels: meeting, sync\n\n\nOn Friday, September 18, 2020 at 16:00 UTC.\n\n<!-- meeting-bot:series=meeting occurrence=2020-09-18T16:00:00Z -->\n");
  });

  it("names an unknown placeholder and its line", async () => {
    const dir = scratch({ "c.yml": "template: t.md\n", "t.md": "---\ntitle: 'M #{{number}}'\n---\n\nWhen: {{dat}}\n" });
    const { code, stderr } = await run(["preview", "--config", "c.yml", "--now", "2020-09-12T00:00:00Z"], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^meeting-bot: t\.md:5: unknown placeholder \{\{dat\}\}/);
  });

  it.each([
    [["preview", "--config", "c.yml"], { "c.yml": "schedule:\n  timezone: Europe/Berln\n" }, 'unknown time zone "Europe/Berln"'],
    [["preview", "--config", "c.yml"], { "c.yml": "schedule: [\n" }, "invalid YAML"],
    [["preview", "--config", "c.yml"], { "c.yml": "template: missing.md\n" }, "template missing.md does not exist"],
    [["preview"], {}, "template .github/ISSUE_TEMPLATE/meeting.md does not exist"],
    [["next"], {}, "no .github/meeting-bot.yml in"],
    [["preview", "--config", "c.yml", "--now", "yesterday"], { "c.yml": "template: t.md\n", "t.md": "x" }, "--now yesterday is not an ISO-8601 instant"],
  ])("%j reports bad input clearly", async (argv, files, message) => {
    const { code, stderr } = await run(argv, scratch(files));
    expect(code).toBeGreaterThan(0);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("meeting-bot next", () => {
  it("prints the next meetings in the meeting zone and every configured zone", async () => {
    const { code, stdout } = await run(["next", "--config", "examples/meeting-bot.yml", "--count", "2", "--now", "2020-12-20T00:00:00Z"]);
    expect(code).toBe(0);
    // 2020-12-25 and 2021-01-01 are skipped in the example config.
    expect(stdout).toContain("1. Friday, January 8, 2021, 20:30 UTC");
    expect(stdout).toContain("2. Friday, January 15, 2021, 20:30 UTC");
    expect(stdout).toContain("**America/Los_Angeles:** Friday, January 8, 2021, 12:30 PST");
    expect(stdout).toContain("**Asia/Tokyo:** Saturday, January 9, 2021, 05:30");
  });

  it("shows the skipped dates between meetings, and with --issue the skips and moves /meeting recorded", async () => {
    const config = "id: weekly\nschedule:\n  weekday: friday\n  time: \"18:00\"\n  timezone: Europe/Berlin\n  skip: [2020-10-16]\n";
    // The body of the series' newest meeting issue, as `/meeting` left it (hidden decision markers).
    const issue = [
      "## Agenda",
      "<!-- meeting-bot:series=weekly skip=2020-10-30 by=alice at=2020-10-01T10:00:00Z cmd=comment-1-1 -->",
      "<!-- meeting-bot:series=weekly move=2020-10-23 to=2020-10-26T17:00:00Z by=bob at=2020-10-01T11:00:00Z cmd=comment-2-1 -->",
      "<!-- meeting-bot:series=weekly occurrence=2020-10-09T16:00:00Z previous=3 -->",
      "",
    ].join("\n");
    const dir = scratch({ "c.yml": config, "latest.md": issue });
    const plain = await run(["next", "--config", "c.yml", "--count", "2", "--now", "2020-10-10T00:00:00Z"], dir);
    expect(plain.stdout).toContain("-  Friday, October 16, 2020: no meeting (skipped: schedule.skip)");
    expect(plain.stdout).toContain("1. Friday, October 23, 2020, 18:00 CEST");

    const text = await run(["next", "--config", "c.yml", "--count", "2", "--issue", "latest.md", "--now", "2020-10-10T00:00:00Z"], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("-  Friday, October 16, 2020: no meeting (skipped: schedule.skip)");
    expect(text.stdout).toContain("1. Monday, October 26, 2020, 18:00 CET, moved from Friday, October 23, 2020, 18:00 CEST by @bob (issue created Friday, October 9, 2020, 19:00 CEST)");
    expect(text.stdout).toContain("-  Friday, October 30, 2020: no meeting (skipped by @alice)");
    expect(text.stdout).toContain("2. Friday, November 6, 2020, 18:00 CET (issue created Friday, October 30, 2020, 19:00 CET)");

    const json = JSON.parse((await run(["next", "--config", "c.yml", "--count", "1", "--issue", "latest.md", "--now", "2020-10-10T00:00:00Z", "--json"], dir)).stdout);
    expect(json).toMatchObject({
      occurrences: [{ occurrence: "2020-10-23T16:00:00Z", date: "2020-10-23", start: { "Europe/Berlin": "2020-10-26T18:00:00+01:00" }, movedFrom: "2020-10-23T18:00:00+02:00", movedBy: "bob" }],
      skipped: [{ date: "2020-10-16", by: "schedule.skip" }],
    });
  });

  it("prints JSON with --json and refuses a bad --count", async () => {
    const json = await run(["next", "--config", "examples/meeting-bot.yml", "--count", "1", "--now", "2020-09-12T00:00:00Z", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ series: "weekly", occurrences: [{ occurrence: "2020-09-18T20:30:00Z", date: "2020-09-18" }] });
    const bad = await run(["next", "--config", "examples/meeting-bot.yml", "--count", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--count 0 is not a number from 1 to 520");
  });
});

describe("meeting-bot", () => {
  it("prints help, and rejects an unknown command", async () => {
    expect((await run(["--help"])).stdout).toContain("{{timeanddate_url}}");
    const unknown = await run(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('meeting-bot: unknown command "frobnicate"; run meeting-bot --help\n');
  });
});
