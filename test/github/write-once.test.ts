import { describe, expect, it } from "@jest/globals";
import { NO_RETRY, writeOnce } from "../../src/github/write-once.js";

function httpError(status: number): Error {
  return Object.assign(new Error(`HTTP ${status}`), { status, response: { headers: {} } });
}

const ISSUE = { number: 2 };
const FOUND = { number: 3 };

type Outcome = { result: unknown; recovered: boolean } | { throws: "the original error" };

const cases: Array<{ name: string; attempt: unknown; lookup: unknown; lookups: number; outcome: Outcome }> = [
  { name: "the write succeeds", attempt: ISSUE, lookup: FOUND, lookups: 0, outcome: { result: ISSUE, recovered: false } },
  { name: "a 502, and the lookup finds the write landed", attempt: httpError(502), lookup: FOUND, lookups: 1, outcome: { result: FOUND, recovered: true } },
  { name: "a lost response, and the lookup finds it", attempt: new Error("socket hang up"), lookup: FOUND, lookups: 1, outcome: { result: FOUND, recovered: true } },
  { name: "a 500, and the lookup finds nothing", attempt: httpError(500), lookup: null, lookups: 1, outcome: { throws: "the original error" } },
  { name: "a timeout, and the lookup finds nothing", attempt: new Error("timeout"), lookup: null, lookups: 1, outcome: { throws: "the original error" } },
  { name: "a 422 (refused): no lookup", attempt: httpError(422), lookup: FOUND, lookups: 0, outcome: { throws: "the original error" } },
  { name: "a 403 (refused): no lookup", attempt: httpError(403), lookup: FOUND, lookups: 0, outcome: { throws: "the original error" } },
  { name: "a 429 (refused): no lookup", attempt: httpError(429), lookup: FOUND, lookups: 0, outcome: { throws: "the original error" } },
];

describe("writeOnce", () => {
  it.each(cases)("$name", async ({ attempt, lookup, lookups, outcome }) => {
    let attempts = 0;
    let looked = 0;
    const write = writeOnce(
      async () => {
        attempts++;
        if (attempt instanceof Error) throw attempt;
        return attempt;
      },
      async () => {
        looked++;
        return lookup;
      },
    );
    if ("throws" in outcome) await expect(write).rejects.toBe(attempt);
    else await expect(write).resolves.toEqual(outcome);
    // The write itself is never repeated.
    expect(attempts).toBe(1);
    expect(looked).toBe(lookups);
  });

  it("passes on an error of the lookup itself", async () => {
    const lookupError = new Error("lookup failed too");
    await expect(
      writeOnce(
        async () => {
          throw httpError(503);
        },
        async () => {
          throw lookupError;
        },
      ),
    ).rejects.toBe(lookupError);
  });

  it("NO_RETRY tells Octokit's retry plugin not to repeat the request", () => {
    expect(NO_RETRY).toEqual({ request: { retries: 0 } });
  });
});
