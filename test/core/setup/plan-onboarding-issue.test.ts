import { describe, expect, it } from "@jest/globals";
import { DateTime } from "luxon";
import { MAX_ISSUE_BODY_LENGTH } from "../../../src/core/issue-body-limit.js";
import { findMarker } from "../../../src/core/markers.js";
import type { InferredSetup } from "../../../src/core/setup/infer-setup.js";
import { ONBOARDING_MARKER, planOnboardingIssue } from "../../../src/core/setup/plan-onboarding-issue.js";

const now = DateTime.fromISO("2026-03-04T12:00:00Z", { zone: "UTC" });
const setup = (template: string): InferredSetup => ({
  confidence: "medium",
  signals: ["label", "rhythm"],
  config: "series:\n  - id: meeting\n",
  template,
  templatePath: ".github/ISSUE_TEMPLATE/meeting.md",
  files: [
    { path: ".github/ISSUE_TEMPLATE/meeting.md", content: template },
    { path: ".github/meeting-bot.yml", content: "series:\n  - id: meeting # (a comment)\n" },
  ],
  reasons: ["3 issues labelled `meeting` are meeting notes: #3, #2, #1."],
  meetings: [3, 2, 1],
  label: "meeting",
});

describe("planOnboardingIssue", () => {
  it("links each file to GitHub's prefilled new-file page (parentheses encoded, so the Markdown link holds) and ends with its marker", () => {
    const plan = planOnboardingIssue({ setup: setup("## Agenda\n"), preview: null, htmlUrl: "https://github.com/acme/ops", defaultBranch: "trunk", now });
    expect(plan.title).toBe("Set up meeting-bot");
    expect(plan.body).toContain(
      "**[Create `.github/meeting-bot.yml`](https://github.com/acme/ops/new/trunk?filename=.github%2Fmeeting-bot.yml&value=series%3A%0A%20%20-%20id%3A%20meeting%20%23%20%28a%20comment%29%0A)**",
    );
    expect(plan.body).toContain("3 past meeting issues show that the team meets here");
    expect(plan.body.endsWith(`${ONBOARDING_MARKER}\n`)).toBe(true);
    expect(findMarker(plan.body, (fields) => fields.onboarding === "setup")).toBeDefined();
  });

  it("lists the template first, and keeps the slashes of a default branch such as release/main", () => {
    const plan = planOnboardingIssue({ setup: setup("## Agenda\n"), preview: null, htmlUrl: "https://github.com/acme/ops", defaultBranch: "release/2026 (main)", now });
    expect(plan.body).toContain("](https://github.com/acme/ops/new/release/2026%20%28main%29?filename=.github%2Fmeeting-bot.yml&value=");
    expect(plan.body.indexOf("### 1. `.github/ISSUE_TEMPLATE/meeting.md`")).toBeLessThan(plan.body.indexOf("### 2. `.github/meeting-bot.yml`"));
    expect(plan.body).toContain("Add the files in this order: the template first");
  });

  it("stays within GitHub's body limit: a file too long for a link is copied from the issue; longer still, the link carries it alone", () => {
    const long = `## Agenda\n${"- a topic the team discussed at length\n".repeat(600)}`;
    const linked = planOnboardingIssue({ setup: setup(long), preview: null, htmlUrl: "https://github.com/acme/ops", defaultBranch: "main", now });
    expect(linked.body).toContain("`.github/ISSUE_TEMPLATE/meeting.md` is too long for a link: create it with the text below.");
    expect(linked.body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY_LENGTH);
    const huge = `## Agenda\n${"- x\n".repeat(20_000)}`;
    const cut = planOnboardingIssue({ setup: setup(huge), preview: null, htmlUrl: "https://github.com/acme/ops", defaultBranch: "main", now });
    expect(cut.body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY_LENGTH);
    expect(cut.body.endsWith(`${ONBOARDING_MARKER}\n`)).toBe(true);
    expect(cut.body).toContain("(Too long to show here or to put in a link: use the commands under *Or from a terminal*.)");
  });
});
