import { describe, expect, it } from "@jest/globals";
import { findMeetingIssues, saysMeeting } from "../../../src/core/setup/find-meeting-issues.js";
import { historyIssue, type HistoryIssue } from "../../../src/core/setup/meeting-history.js";

const week = (n: number) => new Date(Date.UTC(2026, 0, 5 + 7 * n, 9)).toISOString();
const issue = (number: number, title: string, createdAt: string, labels: string[] = [], extra: Partial<HistoryIssue> = {}): HistoryIssue => ({
  number,
  title,
  body: "",
  createdAt,
  labels,
  ...extra,
});

describe("findMeetingIssues: the evidence thresholds", () => {
  it("a meeting-like label needs three issues", () => {
    const two = [issue(1, "Notes", week(0), ["meeting"]), issue(2, "Notes", week(1), ["meeting"])];
    expect(findMeetingIssues({ issues: two })).toBeNull();
    const three = [...two, issue(3, "Notes", week(2), ["meeting"])];
    expect(findMeetingIssues({ issues: three })).toMatchObject({ via: "label", label: "meeting", issues: [{ number: 3 }, { number: 2 }, { number: 1 }] });
  });

  it("a label that only says sync or call needs its issues on a weekly rhythm", () => {
    const chores = [issue(1, "Sync the fork", week(0), ["sync"]), issue(2, "Sync translations", week(0).replace("05T", "09T")), issue(3, "Mirror fails", week(6), ["sync"]), issue(4, "Sync docs", week(7).replace("05T", "10T"), ["sync"])];
    expect(findMeetingIssues({ issues: chores })).toBeNull();
    const weekly = [1, 2, 3].map((n) => issue(n, "Notes", week(n), ["community-call"]));
    expect(findMeetingIssues({ issues: weekly })).toMatchObject({ via: "label", label: "community-call" });
  });

  it("proposal labels (meeting-agenda, tsc-agenda) are not meetings", () => {
    const issues = [1, 2, 3, 4].map((n) => issue(n, `Topic ${n}`, week(n), ["meeting-agenda"]));
    expect(findMeetingIssues({ issues })).toBeNull();
  });

  it("counting titles need three issues and a meeting word or a weekly rhythm", () => {
    const irregular = [issue(1, "Checklist #1", week(0)), issue(2, "Checklist #2", week(0).replace("05T", "08T")), issue(3, "Checklist #3", week(9))];
    expect(findMeetingIssues({ issues: irregular })).toBeNull();
    const worded = [issue(1, "Ops meeting #1", week(0)), issue(2, "Ops meeting #2", week(0).replace("05T", "08T")), issue(3, "Ops meeting #3", week(9))];
    expect(findMeetingIssues({ issues: worded })?.via).toBe("titles");
    // "sync" and "call" alone say nothing: a fork synced, a release call for testers.
    const synced = worded.map((one) => ({ ...one, title: one.title.replace("meeting", "sync") }));
    expect(findMeetingIssues({ issues: synced })).toBeNull();
    const weeklySync = [1, 2, 3].map((n) => issue(n, `Ops sync #${n}`, week(n)));
    expect(findMeetingIssues({ issues: weeklySync })?.via).toBe("titles");
    const weekly = [1, 2, 3].map((n) => issue(n, `Retro ${n}`, week(n)));
    expect(findMeetingIssues({ issues: weekly })?.via).toBe("titles");
  });

  it("titles must count up with time", () => {
    const shuffled = [issue(1, "Team sync #9", week(0)), issue(2, "Team sync #3", week(1)), issue(3, "Team sync #1", week(2))];
    expect(findMeetingIssues({ issues: shuffled })).toBeNull();
  });

  it("a bot's numbered issues count only when they say meeting", () => {
    const digest = [1, 2, 3].map((n) => issue(n, `Dependency digest #${n}`, week(n), [], { authorIsBot: true }));
    expect(findMeetingIssues({ issues: digest })).toBeNull();
    const recurring = [1, 2, 3].map((n) => issue(n, `Weekly meeting #${n}`, week(n), [], { authorIsBot: true }));
    expect(findMeetingIssues({ issues: recurring })?.via).toBe("titles");
  });

  it("a meeting issue template is evidence on its own; other templates are not", () => {
    const meeting = { path: ".github/ISSUE_TEMPLATE/sync.md", text: "---\nname: Weekly sync\n---\nNotes\n" };
    const bug = { path: ".github/ISSUE_TEMPLATE/bug.md", text: "---\nname: Bug report\n---\nWhat happened?\n" };
    expect(findMeetingIssues({ issues: [], templates: [bug] })).toBeNull();
    expect(findMeetingIssues({ issues: [], templates: [bug, meeting] })).toMatchObject({ via: "template", template: { path: meeting.path } });
  });

  it("saysMeeting reads words, not substrings", () => {
    expect(["Team meeting", "stand-up", "Office hours #3", "Minutes"].map(saysMeeting)).toEqual([true, true, true, true]);
    // "sync" and "call" alone are not enough (see the rhythm tests above).
    expect(["community-call", "Weekly sync"].map(saysMeeting)).toEqual([false, false]);
    expect(["Calling convention", "Syncing files", "recall bug"].map(saysMeeting)).toEqual([false, false, false]);
  });
});

describe("historyIssue", () => {
  it("reads gh's JSON and the REST shape alike; pull requests are left out", () => {
    const gh = { number: 4, title: "Sync #4", body: "x", createdAt: "2026-01-05T09:00:00Z", labels: [{ name: "meeting" }], author: { login: "ana", is_bot: false } };
    const rest = { number: 4, title: "Sync #4", body: "x", created_at: "2026-01-05T09:00:00Z", labels: ["meeting"], user: { login: "ana", type: "User" } };
    const expected = { number: 4, title: "Sync #4", body: "x", createdAt: "2026-01-05T09:00:00Z", labels: ["meeting"], author: "ana" };
    expect(historyIssue(gh)).toEqual(expected);
    expect(historyIssue(rest)).toEqual(expected);
    expect(historyIssue({ ...rest, pull_request: { url: "…" } })).toBeNull();
    expect(historyIssue({ ...rest, user: { login: "bot[bot]", type: "Bot" } })?.authorIsBot).toBe(true);
  });

  it("says what is missing", () => {
    expect(() => historyIssue("x", 3)).toThrow("item 3 is not an issue object");
    expect(() => historyIssue({ title: "t" }, 0)).toThrow("item 0 has no issue `number`");
    expect(() => historyIssue({ number: 2, title: "t", createdAt: "soon" }, 1)).toThrow("item 1 (#2) has no `createdAt` date");
  });
});
