import { describe, expect, it } from "@jest/globals";
import { formatPerson, rotateRole } from "../../src/core/rotate-role.js";

describe("rotateRole", () => {
  const people = ["alice", "bob", "carol"];
  it.each([
    [1, "alice"],
    [2, "bob"],
    [3, "carol"],
    [4, "alice"],
    [100, "alice"],
    [101, "bob"],
    // Numbers below 1 still rotate backwards instead of failing.
    [0, "carol"],
    [-1, "bob"],
  ])("meeting #%i → %s", (meetingNumber, expected) => {
    expect(rotateRole(people, meetingNumber)).toBe(expected);
  });

  it("is null for nobody", () => {
    expect(rotateRole([], 7)).toBeNull();
  });

  it("a single person always holds the role", () => {
    expect([1, 2, 3].map((n) => rotateRole(["dana"], n))).toEqual(["dana", "dana", "dana"]);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects meeting number %p", (meetingNumber) => {
    expect(() => rotateRole(people, meetingNumber)).toThrow(RangeError);
  });
});

describe("formatPerson", () => {
  it.each([
    ["alice", "@alice"],
    ["  alice  ", "@alice"],
    ["jtgeibel", "@jtgeibel"],
    ["Some-User-42", "@Some-User-42"],
    ["@alice", "@alice"],
    ["@rust-lang/crates-io", "@rust-lang/crates-io"],
    ["alice@example.com", "alice@example.com"],
    ["Jane Doe", "Jane Doe"],
    ["TBA", "TBA"],
    ["tbd", "tbd"],
    ["TBC", "TBC"],
    ["N/A", "N/A"],
    ["-alice", "-alice"],
    ["alice-", "alice-"],
    ["al--ice", "al--ice"],
    ["a".repeat(39), `@${"a".repeat(39)}`],
    ["a".repeat(40), "a".repeat(40)],
    ["", ""],
  ])("%j → %j", (entry, expected) => {
    expect(formatPerson(entry)).toBe(expected);
  });
});
