import { describe, expect, it } from "@jest/globals";
import { matchesSectionName, sectionNameWords } from "../../src/core/matches-section-name.js";

describe("matchesSectionName", () => {
  it.each([
    ["Action Items", "Action Items"],
    ["action items", "Action Items"],
    ["ACTION ITEMS", "Action Items"],
    ["Action Item", "Action Items"],
    ["Action Items", "Action Item"],
    ["Open Discussions", "Open Discussion"],
    ["  Action   items  ", "Action Items"],
    ["Action items:", "Action Items"],
    ["Action items :", "Action Items"],
    ["3. Action items:", "Action Items"],
    ["3) Action items", "Action Items"],
    ["3 Action items", "Action Items"],
    ["3.1 Action items", "Action Items"],
    ["III. Action items", "Action Items"],
    ["b) Action items", "Action Items"],
    ["(2) Action items", "Action Items"],
    ["#4 Action items", "Action Items"],
    ["📝 Open Discussion (async)", "Open Discussion"],
    ["Open Discussion 📝", "Open Discussion"],
    ["1. 🗒️ Open Discussion", "Open Discussion"],
    ["👍🏽 Action items", "Action Items"],
    [":memo: Open Discussion", "Open Discussion"],
    ["Action Items (carried)", "Action Items"],
    ["Action items – week 3", "Action Items"],
    ["Action items—week 3", "Action Items"],
    ["Action items - week 3", "Action Items"],
    ["Action items [owner: Bob]", "Action Items"],
    ["Action items | next week", "Action Items"],
    ["Action Items (carried)", "Action Items (carried)"],
    ["(Action Items)", "Action Items"],
    ["Follow-ups", "Follow-ups"],
    ["Follow ups", "Follow-ups"],
    ["Activities", "Activity"],
    ["Matches", "Match"],
    ["Ａｃｔｉｏｎ Items", "Action Items"],
  ])("%j names %j", (title, name) => {
    expect(matchesSectionName(title, name)).toBe(true);
  });

  it.each([
    ["Review of last week's action items", "Action Items"],
    ["Action items for next week", "Action Items"],
    ["Actions", "Action Items"],
    ["Items", "Action Items"],
    ["Open", "Open Discussion"],
    ["Discussion", "Open Discussion"],
    ["Follow-ups", "Follow"],
    ["Action-items", "Action"],
    ["Action Items", "📝"],
    ["Action Items", ""],
    ["", "Action Items"],
  ])("%j does not name %j", (title, name) => {
    expect(matchesSectionName(title, name)).toBe(false);
  });
});

describe("sectionNameWords", () => {
  it.each([
    ["📝 Open Discussions", ["open", "discussions"]],
    ["3. Action items", ["action", "items"]],
    ["Q&A", ["q", "a"]],
    ["📝", []],
    ["  ", []],
  ])("%j → %j", (name, words) => {
    expect(sectionNameWords(name)).toEqual(words);
  });
});
