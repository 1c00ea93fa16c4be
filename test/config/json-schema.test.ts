import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { configJsonSchema, configJsonSchemaText } from "../../src/config/json-schema.js";

describe("schema.json", () => {
  it("is in sync with the zod schema", () => {
    const committed: unknown = JSON.parse(readFileSync(new URL("../../schema.json", import.meta.url), "utf8"));
    try {
      expect(committed).toEqual(configJsonSchema());
    } catch (error) {
      throw new Error(
        `schema.json is out of date with src/config/schema.ts: run npm run build && npm run schema, then commit schema.json\n\n${(error as Error).message}`,
      );
    }
  });

  it("is written with two-space indentation and a final newline", () => {
    expect(configJsonSchemaText()).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  });
});

describe("configJsonSchema", () => {
  const schema = configJsonSchema() as {
    anyOf: unknown[];
    $defs: { series: { properties: Record<string, { description?: string; default?: unknown; properties?: Record<string, unknown> }>; additionalProperties: boolean } };
  };
  const series = schema.$defs.series;

  it("accepts both file shapes: a list of series, or one series", () => {
    expect(schema.anyOf).toHaveLength(2);
  });

  it("describes every series field, for editor completion", () => {
    const missing: string[] = [];
    const visit = (properties: Record<string, unknown>, prefix: string): void => {
      for (const [key, value] of Object.entries(properties)) {
        const node = value as { description?: string; properties?: Record<string, unknown> };
        if (!node.description) missing.push(prefix + key);
        if (node.properties) visit(node.properties, `${prefix}${key}.`);
      }
    };
    visit(series.properties, "");
    expect(missing).toEqual([]);
  });

  it("is the input side: defaults shown, values as users write them", () => {
    expect(series.additionalProperties).toBe(false);
    const schedule = series.properties["schedule"]?.properties as Record<string, { default?: unknown; type?: string }>;
    expect(schedule["weekday"]).toMatchObject({ type: "string", default: "friday" });
    expect(schedule["time"]).toMatchObject({ type: "string", default: "16:00" });
    expect(series.properties["timezones"]?.default).toEqual([]);
    expect(series.properties["carryOver"]?.default).toEqual(["Action Items", "Open Discussion"]);
  });
});
