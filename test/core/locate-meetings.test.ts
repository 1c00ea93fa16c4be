import { describe, expect, it } from "@jest/globals";
import { locateMeetings, type MeetingCandidate } from "../../src/core/locate-meetings.js";
import { formatMarker, neutralizeMarkers } from "../../src/core/markers.js";
import { titlePattern, undatedTitlePattern } from "../../src/core/meeting-number.js";

const W1 = "2020-09-11T20:30:00Z";
const W2 = "2020-09-18T20:30:00Z";
const W3 = "2020-09-25T20:30:00Z";
const W4 = "2020-10-02T20:30:00Z";

const PATTERN = titlePattern("Weekly Meeting #{{number}}");
const target = (occurrenceKey: string, seriesId = "weekly") => ({ seriesId, occurrenceKey, titlePattern: PATTERN });

/** An issue the app created: title, then the hidden marker at the end of the body. */
function marked(number: number, occurrence: string, series = "weekly", title = `Weekly Meeting #${number}`): MeetingCandidate {
  return { number, title, body: `## Agenda\n\n- [ ] item\n\n${formatMarker({ series, occurrence })}` };
}

/** An issue a person wrote, without a marker. */
function handMade(number: number, title = `Weekly Meeting #${number}`, body = "## Action Items\n\n- [ ] follow up"): MeetingCandidate {
  return { number, title, body };
}

type Case = {
  name: string;
  /** Newest first, as listMeetingIssues returns them. */
  issues: MeetingCandidate[];
  target: ReturnType<typeof target>;
  existing: number | null;
  previous: number | null;
};

const cases: Case[] = [
  { name: "no issues at all", issues: [], target: target(W2), existing: null, previous: null },
  {
    name: "the occurrence's issue exists: found by marker, with the one before it",
    issues: [marked(3, W3), marked(2, W2), marked(1, W1)],
    target: target(W3),
    existing: 3,
    previous: 2,
  },
  {
    name: "the occurrence's issue does not exist yet: the newest marked one is previous",
    issues: [marked(3, W3), marked(2, W2), marked(1, W1)],
    target: target(W4),
    existing: null,
    previous: 3,
  },
  {
    name: "previous is the newest issue of an earlier occurrence, never a later one",
    issues: [marked(3, W3), marked(2, W2), marked(1, W1)],
    target: target(W2),
    existing: 2,
    previous: 1,
  },
  {
    name: "the first marked issue has no previous marked issue and no hand-made one",
    issues: [marked(1, W1)],
    target: target(W1),
    existing: 1,
    previous: null,
  },
  {
    name: "found by marker whatever its title says",
    issues: [marked(9, W2, "weekly", "Renamed by hand"), marked(8, W1, "weekly", "Something else")],
    target: target(W2),
    existing: 9,
    previous: 8,
  },
  {
    name: "two issues for one occurrence: the newest is the one",
    issues: [marked(5, W2), marked(4, W2), marked(3, W1)],
    target: target(W2),
    existing: 5,
    previous: 3,
  },
  {
    name: "issues of another series are ignored",
    issues: [marked(6, W3, "planning", "Weekly Meeting #6"), marked(5, W2, "planning"), marked(4, W2), marked(3, W1, "planning")],
    target: target(W3),
    existing: null,
    previous: 4,
  },
  {
    name: "another series' issue for the same occurrence is not this one's",
    issues: [marked(6, W2, "planning"), marked(5, W1)],
    target: target(W2),
    existing: null,
    previous: 5,
  },
  {
    name: "first run: the newest hand-made issue whose title fits the pattern is previous",
    issues: [handMade(12, "Release notes #3"), handMade(11, "weekly   meeting  #011"), handMade(10)],
    target: target(W1),
    existing: null,
    previous: 11,
  },
  {
    name: "first run: another series' marked issue is no fallback, even when its title fits",
    issues: [marked(13, W1, "planning", "Weekly Meeting #13"), handMade(12)],
    target: target(W2),
    existing: null,
    previous: 12,
  },
  {
    name: "a marked earlier meeting wins over a newer hand-made one",
    issues: [handMade(21), marked(20, W1)],
    target: target(W2),
    existing: null,
    previous: 20,
  },
  {
    name: "the fallback never picks an issue newer than the existing one",
    issues: [handMade(32, "Weekly Meeting #32"), marked(31, W1), handMade(30, "Weekly Meeting #30")],
    target: target(W1),
    existing: 31,
    previous: 30,
  },
  {
    name: "the fallback finds nothing older than the existing one",
    issues: [handMade(41), marked(40, W1)],
    target: target(W1),
    existing: 40,
    previous: null,
  },
  {
    name: "a marker of this series without an occurrence neither matches nor falls back",
    issues: [{ number: 52, title: "Weekly Meeting #52", body: formatMarker({ series: "weekly" }) }, handMade(51)],
    target: target(W2),
    existing: null,
    previous: 51,
  },
  {
    name: "a forged marker that was neutralised does not count",
    issues: [{ number: 62, title: "Spam", body: neutralizeMarkers(formatMarker({ series: "weekly", occurrence: W2 })) }, marked(61, W1)],
    target: target(W2),
    existing: null,
    previous: 61,
  },
];

describe("locateMeetings", () => {
  it.each(cases)("$name", ({ issues, target: wanted, existing, previous }) => {
    const found = locateMeetings(issues, wanted);
    expect(found.existing?.number ?? null).toBe(existing);
    expect(found.previous?.number ?? null).toBe(previous);
  });

  it("returns the caller's own issue objects", () => {
    const issues = [{ ...marked(2, W2), extra: "kept" }, { ...marked(1, W1), extra: "also kept" }];
    const found = locateMeetings(issues, target(W2));
    expect(found.existing).toBe(issues[0]);
    expect(found.previous).toBe(issues[1]);
  });
});

describe("locateMeetings: issues opened out of occurrence order", () => {
  it("takes the latest earlier occurrence as previous, not the newest issue", () => {
    const marked = (number: number, occurrence: string) => ({
      number,
      title: `M #${number}`,
      body: `<!-- meeting-bot:series=weekly occurrence=${occurrence} -->`,
    });
    // Newest first: #12 (Sept 4) was opened after #11 (Sept 11), e.g. by a late catch-up.
    const issues = [marked(12, "2020-09-04T20:30:00Z"), marked(11, "2020-09-11T20:30:00Z"), marked(10, "2020-08-28T20:30:00Z")];
    const found = locateMeetings(issues, { seriesId: "weekly", occurrenceKey: "2020-09-18T20:30:00Z", titlePattern: /M #(\d+)/ });
    expect(found.previous?.number).toBe(11);
  });
});

describe("locateMeetings: a first run after onboarding added a date to the team's titles", () => {
  const title = "Design review meeting {{date:yyyy-MM-dd}}";
  const dated = { seriesId: "meeting", occurrenceKey: W2, titlePattern: titlePattern(title), undatedTitlePattern: undatedTitlePattern(title) };

  it("finds the team's last hand-made meeting by its title without the date", () => {
    const issues = [handMade(9, "Design review: new icons?"), handMade(8, "Design review meeting"), handMade(4, "Design review meeting")];
    expect(locateMeetings(issues, dated).previous?.number).toBe(8);
    // Without the undated pattern, the team's meetings are not found (the carry-over would be lost).
    expect(locateMeetings(issues, { ...dated, undatedTitlePattern: undefined }).previous).toBeNull();
  });

  it("once the app has its own issue, that one is the previous meeting", () => {
    const issues = [marked(10, W1, "meeting", "Design review meeting 2020-09-11"), handMade(8, "Design review meeting")];
    expect(locateMeetings(issues, dated).previous?.number).toBe(10);
  });

  it.each([
    ["Design review meeting {{date:yyyy-MM-dd}}", "Design review meeting", true],
    ["Docs sync - {{date}}", "Docs sync", true],
    ["Standup ({{date:d MMM}})", "standup", true],
    ["{{date:yyyy-MM-dd}}: Infra", "Infra", true],
    ["Design review meeting {{date:yyyy-MM-dd}}", "Design review meeting notes", false],
  ])("%s also matches %j: %s", (template, title, matches) => {
    expect(undatedTitlePattern(template)?.test(title) ?? false).toBe(matches);
  });

  it("is undefined for titles without a date, or with nothing but a date", () => {
    expect(undatedTitlePattern("Weekly #{{number}}")).toBeUndefined();
    expect(undatedTitlePattern("{{date}}")).toBeUndefined();
  });
});
