import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { LoggedRequest } from "../../src/sandbox/index.js";

/**
 * GitHub's OpenAPI description (api.github.com, from @octokit/openapi), loaded once per test file.
 * Used to keep the sandbox honest: every route it serves and every request an app makes must exist there.
 */
interface OpenApiSchema {
  $ref?: string;
  required?: string[];
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  items?: OpenApiSchema;
}
interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

let document: OpenApiDocument | undefined;

export function openApi(): OpenApiDocument {
  if (!document) {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
    document = JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
  }
  return document;
}

/** The OpenAPI operation for a method and path template, if GitHub documents it. */
export function operation(method: string, template: string): OpenApiOperation | undefined {
  return openApi().paths[template]?.[method.toLowerCase()];
}

/** Throws listing every logged request that hit no route or a route GitHub does not document. */
export function assertRequestsMatchOpenApi(requests: readonly LoggedRequest[]): void {
  const problems = requests
    .filter((entry) => entry.route === null || operation(entry.method, entry.route) === undefined)
    .map((entry) => `${entry.method} ${entry.path}${entry.route === null ? " (no sandbox route)" : ` (${entry.route} is not in GitHub's OpenAPI)`}`);
  if (problems.length > 0) {
    throw new Error(
      `These requests do not map to a GitHub REST route. Fix the app's request or add the route to src/sandbox/routes:\n  ${problems.join("\n  ")}`,
    );
  }
}

function resolve(schema: OpenApiSchema | undefined): OpenApiSchema | undefined {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.replace("#/components/schemas/", "");
  return openApi().components.schemas[name];
}

/** The `required` properties of a JSON response schema (first of oneOf/anyOf, merged allOf, array items). */
export function requiredProperties(method: string, template: string, status: number): string[] {
  const response = operation(method, template)?.responses?.[String(status)];
  const content = response?.content?.["application/json"] ?? Object.values(response?.content ?? {})[0];
  let schema = resolve(content?.schema);
  if (schema?.items) schema = resolve(schema.items);
  if (schema?.oneOf) schema = resolve(schema.oneOf[0]);
  if (schema?.anyOf) schema = resolve(schema.anyOf[0]);
  const parts = schema?.allOf ? schema.allOf.map(resolve) : [schema];
  return [...new Set(parts.flatMap((part) => part?.required ?? []))];
}

/** The required properties a response body is missing (empty when it satisfies the schema's `required`). */
export function missingRequired(body: unknown, method: string, template: string, status: number): string[] {
  const sample = Array.isArray(body) ? body[0] : body;
  const keys = new Set(Object.keys((sample ?? {}) as object));
  return requiredProperties(method, template, status).filter((key) => !keys.has(key));
}
