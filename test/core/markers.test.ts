import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { findMarker, formatMarker, MarkerError, neutralizeMarkers, parseMarkers } from "../../src/core/markers.js";
import { propertyRuns } from "../helpers/property-runs.js";

describe("formatMarker", () => {
  it.each([
    [{ series: "weekly", occurrence: "2020-09-18T20:30:00Z" }, "<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z -->"],
    [{ comment: "123456" }, "<!-- meeting-bot:comment=123456 -->"],
    [{ "due_at-2": "+01:00", v: "a.b_c" }, "<!-- meeting-bot:due_at-2=+01:00 v=a.b_c -->"],
  ])("writes %j as %s", (fields, expected) => {
    expect(formatMarker(fields)).toBe(expected);
  });

  it.each([
    [{}, /at least one field/],
    [{ series: "" }, /value "" of field "series" is not allowed/],
    [{ series: "a b" }, /value "a b" of field "series"/],
    [{ series: "x-->" }, /not allowed/],
    [{ series: "é" }, /not allowed/],
    [{ "1st": "x" }, /field name "1st" is not allowed/],
    [{ "a b": "x" }, /field name "a b"/],
    [{ "": "x" }, /field name ""/],
  ])("refuses %j", (fields, message) => {
    expect(() => formatMarker(fields)).toThrow(MarkerError);
    expect(() => formatMarker(fields)).toThrow(message);
  });

  it("round-trips through parseMarkers", () => {
    const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/);
    const value = fc.stringMatching(/^[A-Za-z0-9._:+-]{1,20}$/);
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), fc.string(), (fields, around) => {
        const parsed = parseMarkers(`${around}\n${formatMarker(fields)}\n`);
        expect(parsed.at(-1)).toEqual(fields);
      }),
    );
  });
});

describe("parseMarkers", () => {
  it.each([
    ["no markers", "just text <!-- a comment -->", []],
    ["one", "x <!-- meeting-bot:series=weekly --> y", [{ series: "weekly" }]],
    [
      "several, in order, tolerant of spacing",
      "<!--meeting-bot:comment=1-->\n<!--   meeting-bot:comment=2   occurrence=2020-01-01 \n-->",
      [{ comment: "1" }, { comment: "2", occurrence: "2020-01-01" }],
    ],
    ["wrong case is not ours", "<!-- Meeting-Bot:series=weekly -->", []],
    ["bad value", "<!-- meeting-bot:series=we ekly -->", []],
    ["no value", "<!-- meeting-bot:series= -->", []],
    ["field without =", "<!-- meeting-bot:series -->", []],
    ["unclosed", "<!-- meeting-bot:series=weekly", []],
    ["neutralized", "<!-- meeting-bot\u200b:series=weekly -->", []],
  ])("%s", (_, body, expected) => {
    expect(parseMarkers(body)).toEqual(expected);
  });

  it("keeps names like constructor as plain fields", () => {
    const [fields] = parseMarkers("<!-- meeting-bot:constructor=y toString=z -->");
    expect(Object.entries(fields ?? {})).toEqual([
      ["constructor", "y"],
      ["toString", "z"],
    ]);
  });
});

describe("findMarker", () => {
  const body = "<!-- meeting-bot:comment=1 -->\n<!-- meeting-bot:series=weekly occurrence=2020-09-18T20:30:00Z -->";
  it("finds the first marker that matches", () => {
    expect(findMarker(body, (m) => m.series === "weekly")).toEqual({ series: "weekly", occurrence: "2020-09-18T20:30:00Z" });
    expect(findMarker(body, (m) => "comment" in m)).toEqual({ comment: "1" });
  });
  it("returns undefined when none matches", () => {
    expect(findMarker(body, (m) => m.series === "monthly")).toBeUndefined();
  });
});

describe("neutralizeMarkers", () => {
  it.each([
    ["<!-- meeting-bot:series=weekly -->", "<!-- meeting-bot\u200b:series=weekly -->"],
    ["`<!--meeting-bot:comment=1-->`", "`<!--meeting-bot\u200b:comment=1-->`"],
    ["<!-- MEETING-BOT :x=1 -->", "<!-- MEETING-BOT \u200b:x=1 -->"],
    ["<!--\n meeting-bot:x=1 -->", "<!--\n meeting-bot\u200b:x=1 -->"],
    ["plain text, meeting-bot: mention", "plain text, meeting-bot: mention"],
    ["<!-- other comment -->", "<!-- other comment -->"],
  ])("%j → %j", (text, expected) => {
    expect(neutralizeMarkers(text)).toBe(expected);
  });

  it("changes nothing a reader sees and is idempotent", () => {
    const text = "see <!-- meeting-bot:series=weekly --> and `code`";
    const once = neutralizeMarkers(text);
    expect(once.replace(/\u200b/g, "")).toBe(text);
    expect(neutralizeMarkers(once)).toBe(once);
  });

  it("leaves nothing parseMarkers would read, whatever the input", () => {
    const piece = fc.constantFrom("<!--", "-->", " ", "\n", "meeting-bot", "MEETING-BOT", ":", "=", "a", "1", "series=weekly", "\u200b");
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        expect(parseMarkers(neutralizeMarkers(text))).toEqual([]);
        expect(neutralizeMarkers(neutralizeMarkers(text))).toBe(neutralizeMarkers(text));
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});
