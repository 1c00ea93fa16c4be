import type { LoggedRequest } from "../../src/sandbox/index.js";
import { assertRequestsMatchOpenApi } from "./openapi-contract.js";

/**
 * The end of each test against the sandbox: every request the app made must match GitHub's
 * OpenAPI description, and the world (app and sandbox) is closed either way. Resolves to
 * undefined, for `afterEach(async () => (world = await closeChecked(world)))`.
 */
export async function closeChecked(world: { sandbox: { requests: readonly LoggedRequest[] }; close(): Promise<void> } | undefined): Promise<undefined> {
  if (!world) return undefined;
  try {
    assertRequestsMatchOpenApi(world.sandbox.requests);
  } finally {
    await world.close();
  }
  return undefined;
}
