import { z } from "zod";
import { configFileSchema } from "./schema.js";

/**
 * The JSON Schema of `.github/meeting-bot.yml` for editors, generated from the zod schema.
 * Input side: fields with defaults are optional, and values are written as users write them
 * ("friday", not 5).
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configFileSchema, { io: "input" }) as Record<string, unknown>;
}

/** schema.json as committed: two-space indentation and a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
