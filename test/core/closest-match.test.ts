import { describe, expect, it } from "@jest/globals";
import { closestMatch } from "../../src/core/closest-match.js";

describe("closestMatch", () => {
  const keys = ["labels", "closePrevious", "timezone", "timezones", "time", "date", "moderator"];
  it.each([
    ["lables", "labels"], // transposition
    ["close_previous", "closePrevious"], // case and separators
    ["CLOSE-PREVIOUS", "closePrevious"],
    ["timzone", "timezone"],
    ["dat", "date"],
    ["moderater", "moderator"],
    ["xyzzy", undefined],
    ["", undefined],
    ["l", undefined],
    ["a".repeat(1000), undefined],
  ])("%p → %p", (word, expected) => {
    expect(closestMatch(word, keys)).toBe(expected);
  });

  it("prefers the nearest of several candidates", () => {
    expect(closestMatch("timezoness", keys)).toBe("timezones");
  });
});
