import { describe, expect, it } from "@jest/globals";
import { isWholeSectionName, matchesSectionName, sectionNameWords } from "../../src/core/matches-section-name.js";

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
    // A slash joins two names; either side counts.
    ["💬 Open Discussion/Ideas", "Open Discussion"],
    ["7. Open Discussion / Wrap-up", "Open Discussion"],
    ["Action Item / Who", "Action Items"],
    ["Action Items / Questions :", "Action Items"],
    ["Questions / Action Items", "Action Items"],
    ["Ideas/Open discussion", "Open Discussion"],
    // The title starts with the name, whatever follows.
    ["Open Discussion Items", "Open Discussion"],
    ["Action Items agreed today:", "Action Items"],
    ["Action Items and notes from the chair", "Action Items"],
    ["📌 Action Items (owners and due dates)", "Action Items"],
    ["Action items for next week", "Action Items"],
    ["Open discussion, sign up underneath", "Open Discussion"],
    // "Actions" alone, up to a qualifier, is the Action Items section.
    ["Actions", "Action Items"],
    ["ACTIONS:", "Action Items"],
    ["3. Actions (owners)", "Action Items"],
    ["Actions", "Action Item"],
    ["Action", "Action Items"],
  ])("%j names %j", (title, name) => {
    expect(matchesSectionName(title, name)).toBe(true);
  });

  it.each([
    ["Review of last week's action items", "Action Items"],
    ["Open action items", "Action Items"],
    ["Actions from earlier meetings", "Action Items"],
    ["Actions required", "Action Items"],
    ["Follow-up discussion", "Open Discussion"],
    ["Discussion points", "Open Discussion"],
    ["Decisions", "Action Items"],
    ["Next steps", "Action Items"],
    ["TODO:", "Action Items"],
    ["Items", "Action Items"],
    ["Ideas / Discussion", "Open Discussion"],
    ["Openness discussion", "Open Discussion"],
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

describe("isWholeSectionName", () => {
  it.each([
    ["Action items", "Action Items", true],
    ["ACTION ITEM:", "Action Items", true],
    ["Actions", "Action Items", true],
    ["Action Items / Questions", "Action Items", true],
    ["Action items (carried)", "Action Items", true],
    ["Action items agreed today", "Action Items", false],
    ["Action items were all done", "Action Items", false],
    ["Decisions", "Decisions Made", false],
    ["Follow-ups", "Follow-ups", true],
    ["Follow", "Follow-ups", false],
    ["Action Items", "", false],
  ])("%j is the whole name %j: %j", (title, name, expected) => {
    expect(isWholeSectionName(title, name)).toBe(expected);
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
