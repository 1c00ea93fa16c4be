import { describe, expect, it } from "@jest/globals";
import { DateTime } from "luxon";
import { decideOnboarding } from "../../../src/core/setup/decide-onboarding.js";
import type { InferredSetup } from "../../../src/core/setup/infer-setup.js";

const setup = (overrides: Partial<InferredSetup>): InferredSetup => ({
  confidence: "high",
  signals: ["label", "titles", "rhythm"],
  config: "series: []\n",
  template: "## Agenda\n",
  templatePath: ".github/ISSUE_TEMPLATE/meeting.md",
  files: [],
  reasons: [],
  meetings: [3, 2, 1],
  newest: { number: 3, createdAt: "2026-01-01T10:00:00Z" },
  gapDays: 7,
  ...overrides,
});
const at = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });

describe("decideOnboarding", () => {
  it("offers a setup to a team whose newest meeting is within 8 weeks", () => {
    expect(decideOnboarding(setup({}), at("2026-02-26T10:00:00Z"))).toEqual({ offer: true });
  });

  it("not to a weekly team silent for more than 8 weeks", () => {
    const decision = decideOnboarding(setup({}), at("2026-02-27T10:00:01Z"));
    expect(decision).toEqual({ offer: false, why: expect.stringContaining("#3, was opened 57 days ago (on 2026-01-01), more than 56 days") });
  });

  it("gives a team that meets every four weeks three of its gaps (84 days) before it counts as dormant", () => {
    expect(decideOnboarding(setup({ gapDays: 28 }), at("2026-03-25T10:00:00Z"))).toEqual({ offer: true });
    expect(decideOnboarding(setup({ gapDays: 28 }), at("2026-03-27T10:00:00Z")).offer).toBe(false);
  });

  it("at low confidence, wants a second independent sign", () => {
    const now = at("2026-01-05T00:00:00Z");
    expect(decideOnboarding(setup({ confidence: "low", signals: ["label"] }), now)).toEqual({ offer: false, why: expect.stringContaining("only one sign (label)") });
    expect(decideOnboarding(setup({ confidence: "low", signals: ["label", "rhythm"] }), now)).toEqual({ offer: true });
    expect(decideOnboarding(setup({ confidence: "medium", signals: ["titles"] }), now)).toEqual({ offer: true });
  });

  it("not from a meeting template alone: no meeting issue says the team meets now", () => {
    const { newest: _none, ...rest } = setup({ confidence: "low", signals: ["template"], meetings: [] });
    expect(decideOnboarding(rest, at("2026-01-05T00:00:00Z")).offer).toBe(false);
  });
});
