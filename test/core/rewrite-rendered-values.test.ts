import { describe, expect, it } from "@jest/globals";
import { renderPlaceholders, type PlaceholderValues } from "../../src/core/render-placeholders.js";
import { rewriteRenderedValues } from "../../src/core/rewrite-rendered-values.js";

const TEMPLATE = ["## Details", "- **When:** {{date}}, {{time}}", "    {{timezones}}", "- **Who:** {{moderator}}", "", "## Agenda", ""].join("\n");
const values = (date: string, time: string, zones: string): PlaceholderValues => ({
  number: "002",
  date,
  time,
  timezones: zones,
  timezone_table: "",
  timeanddate_url: "",
  previous: "#1",
  moderator: "@alice",
  notetaker: "TBA",
  location: "Zoom",
  calendar: "",
});
const before = values("Friday, October 23, 2020", "18:00 CEST", "- **UTC:** 16:00 UTC\n- **Asia/Tokyo:** 01:00 UTC+9");
const after = values("Monday, October 26, 2020", "18:00 CET", "- **UTC:** 17:00 UTC\n- **Asia/Tokyo:** 02:00 UTC+9");
const rendered = renderPlaceholders(TEMPLATE, before, { path: "t.md" });

describe("rewriteRenderedValues", () => {
  it("rewrites the rendered lines (a multi-line value with its indentation too) and nothing people wrote", () => {
    const body = `${rendered}- [ ] Keep Friday, October 23, 2020, 18:00 CEST? (@bob)\n`;
    const result = rewriteRenderedValues(body, TEMPLATE, before, after);
    expect(result).toMatchObject({ rewritten: 2, missed: 0 });
    expect(result.text).toBe(
      [
        "## Details",
        "- **When:** Monday, October 26, 2020, 18:00 CET",
        "    - **UTC:** 17:00 UTC",
        "    - **Asia/Tokyo:** 02:00 UTC+9",
        "- **Who:** @alice",
        "",
        "## Agenda",
        "- [ ] Keep Friday, October 23, 2020, 18:00 CEST? (@bob)",
        "",
      ].join("\n"),
    );
  });

  it("leaves a rendered line someone edited alone, and counts it as missed", () => {
    const body = rendered.replace("18:00 CEST", "18:00 CEST (note: bring cake)");
    const result = rewriteRenderedValues(body, TEMPLATE, before, after);
    expect(result).toMatchObject({ rewritten: 1, missed: 1 });
    expect(result.text).toContain("- **When:** Friday, October 23, 2020, 18:00 CEST (note: bring cake)");
  });

  it("keeps CRLF line endings", () => {
    const crlf = rendered.replace(/\n/g, "\r\n");
    const result = rewriteRenderedValues(crlf, TEMPLATE.replace(/\n/g, "\r\n"), before, after);
    expect(result.text).toContain("- **When:** Monday, October 26, 2020, 18:00 CET\r\n");
    expect(result.missed).toBe(0);
  });
});
