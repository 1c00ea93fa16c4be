import { describe, expect, it } from "@jest/globals";
import { DateTime } from "luxon";
import { parseConfig } from "../../src/config/parse-config.js";
import type { ArchiveConfig } from "../../src/config/archive-schema.js";
import type { SeriesConfig } from "../../src/config/schema.js";
import { parseIssueTemplate } from "../../src/core/issue-template.js";
import { ArchiveError, planArchive } from "../../src/core/plan-archive.js";

const series = (archive: string) => {
  const parsed = parseConfig(`title: "Ops sync #{{number}}"\nschedule: { weekday: friday, time: "23:30", timezone: Europe/Berlin }\narchive: ${archive}\n`).series[0];
  return parsed as SeriesConfig & { archive: ArchiveConfig };
};
const template = parseIssueTemplate("---\nname: Ops sync\nlabels: [meeting, ops]\n---\n## Agenda\n");
// Friday 23:30 in Berlin is 21:30 UTC: the date is the meeting's own, in its zone.
const start = DateTime.fromISO("2020-09-11T23:30:00", { zone: "Europe/Berlin" });
const issue = { number: 41, title: "Ops sync #007", body: "## Agenda\r\n- [x] Budget  \r\n  done\r\n\r\n<!-- meeting-bot:series=meeting occurrence=2020-09-11T21:30:00Z -->\r\n", htmlUrl: "https://github.com/o/r/issues/41" };

describe("planArchive", () => {
  it("renders the path from the meeting's local date and number; the file is the front matter, then the body without the app's markers, line endings and hard breaks kept", () => {
    const plan = planArchive({ series: series('{ path: "minutes/{{date:yyyy}}/{{date:MM-dd}}-{{number}}.md" }'), template, issue, start });
    expect(plan.path).toBe("minutes/2020/09-11-007.md");
    expect(plan.message).toBe("Archive Ops sync #007 (#41)");
    expect(plan.content).toBe("---\r\nname: Ops sync\r\ntitle: \"Ops sync #007\"\r\nlabels:\r\n  - meeting\r\n  - ops\r\n---\r\n\r\n## Agenda\r\n- [x] Budget  \r\n  done\r\n");
  });

  it("is the same for the same issue (how the app knows a file is up to date)", () => {
    const input = { series: series("{}"), template, issue, start, comments: [{ author: "ana", createdAt: start, body: "Thanks! <!-- meeting-bot:comment=1 -->" }] };
    expect(planArchive(input)).toEqual(planArchive(input));
    expect(planArchive(input).path).toBe("meetings/2020-09-11.md");
    expect(planArchive(input).content.endsWith("\r\n## Comments\r\n\r\n**@ana** · 2020-09-11 21:30 UTC\r\n\r\nThanks!\r\n")).toBe(true);
  });

  it("refuses a date format that leaves the repository", () => {
    expect(() => planArchive({ series: series(`{ path: "meetings/{{date:'..'}}/{{number}}.md" }`), template, issue, start })).toThrow(ArchiveError);
    expect(() => planArchive({ series: series(`{ path: "meetings/{{date:'..'}}/{{number}}.md" }`), template, issue, start })).toThrow(
      'archive.path "meetings/{{date:\'..\'}}/{{number}}.md" gives "meetings/../007.md" for Ops sync #007, which is no file in the repository: fix its date format',
    );
  });
});
