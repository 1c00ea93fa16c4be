import { describe, expect, it } from "@jest/globals";
import { parseConfig } from "../../src/config/parse-config.js";
import { shareParts } from "../../src/config/share-parts.js";

const CONFIG = `
series:
  - id: weekly
    name: Team A
    schedule: { weekday: friday, time: "20:30", timezone: Europe/Berlin }
    roles: { moderator: [alice, bob] }
`;

describe("shareParts", () => {
  it("gives two repos with equal settings the same frozen parts, and each its own series object", () => {
    const a = parseConfig(CONFIG).series[0];
    const b = parseConfig(CONFIG.replace("Team A", "Team B")).series[0];
    expect(a).not.toBe(b);
    expect(a?.name).toBe("Team A");
    expect(b?.name).toBe("Team B");
    for (const part of ["schedule", "agenda", "roles", "location", "carryOver", "labels", "creation", "timezones"] as const) {
      expect(a?.[part]).toBe(b?.[part]);
      expect(Object.isFrozen(a?.[part])).toBe(true);
    }
    expect(Object.isFrozen(a)).toBe(false);
  });

  it("keeps parts that differ apart, however deep the difference", () => {
    const a = parseConfig(CONFIG).series[0];
    const b = parseConfig(CONFIG.replace("[alice, bob]", "[alice, carol]")).series[0];
    expect(a?.roles).not.toBe(b?.roles);
    expect(a?.roles).toEqual({ moderator: ["alice", "bob"], notetaker: [] });
    expect(b?.roles.moderator).toEqual(["alice", "carol"]);
    expect(a?.roles.notetaker).toBe(b?.roles.notetaker);
  });

  it("refuses changes to a shared part, so no repo can change another's config", () => {
    const a = parseConfig(CONFIG).series[0];
    expect(() => a?.labels.push("oops")).toThrow(TypeError);
    expect(() => {
      if (a) a.schedule.time = "09:00";
    }).toThrow(TypeError);
  });

  it.each([
    ["undefined", { part: { value: undefined } }, { part: {} }],
    ["NaN", { part: [Number.NaN] }, { part: [null] }],
    ["a class instance", { part: [new Date(0)] }, { part: [new Date(0)] }],
  ])("does not share what JSON cannot tell apart (%s)", (_name, left, right) => {
    const a = shareParts(left as Record<string, unknown>);
    const b = shareParts(right as Record<string, unknown>);
    expect(a.part).not.toBe(b.part);
    expect(a.part).toEqual(left.part);
  });

  it("tells an object from an array and a string from a number", () => {
    const parts = [{ p: ["1"] }, { p: [1] }, { p: { 0: "1" } }, { p: [["1"]] }].map((value) => shareParts(value).p);
    expect(new Set(parts).size).toBe(4);
  });
});
