import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configJsonSchemaText } from "./json-schema.js";

// Writes <repo>/schema.json from the compiled lib/config/ (two levels below the root).
// Run after a build: `npm run build && node lib/config/write-json-schema.js`.
const target = fileURLToPath(new URL("../../schema.json", import.meta.url));
writeFileSync(target, configJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
