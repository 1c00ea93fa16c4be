import { afterEach, describe, expect, it, jest } from "@jest/globals";
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
  describe("with retries (waits of delayMs × 1, × 2 …, a lookup before each new attempt)", () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    /** A write that fails with a 502 `failures` times, then lands; a lookup that finds it from `foundFrom` on. */
    function world(failures: number, foundFrom = Infinity) {
      const calls: string[] = [];
      let attempts = 0;
      let lookups = 0;
      const attempt = async () => {
        calls.push(`attempt at ${Date.now()}`);
        if (++attempts <= failures) throw httpError(502);
        return ISSUE;
      };
      const lookup = async () => {
        calls.push(`lookup at ${Date.now()}`);
        return ++lookups >= foundFrom ? FOUND : null;
      };
      return { calls, attempt, lookup };
    }

    it("waits, looks, then writes again: the second write lands", async () => {
      jest.useFakeTimers({ now: 0 });
      const { calls, attempt, lookup } = world(2);
      const write = writeOnce(attempt, lookup, { retries: 2, delayMs: 300 });
      await jest.advanceTimersByTimeAsync(10_000);
      await expect(write).resolves.toEqual({ result: ISSUE, recovered: false });
      // 300 ms after the first failure, 600 ms after the second.
      expect(calls).toEqual(["attempt at 0", "lookup at 300", "attempt at 300", "lookup at 900", "attempt at 900"]);
    });

    it("a lookup that finds the write ends it: no second write", async () => {
      jest.useFakeTimers({ now: 0 });
      const { calls, attempt, lookup } = world(5, 1);
      const write = writeOnce(attempt, lookup, { retries: 3, delayMs: 300 });
      await jest.advanceTimersByTimeAsync(10_000);
      await expect(write).resolves.toEqual({ result: FOUND, recovered: true });
      expect(calls).toEqual(["attempt at 0", "lookup at 300"]);
    });

    it("after the last retry it looks at once and rethrows: retries + 1 writes in all", async () => {
      jest.useFakeTimers({ now: 0 });
      const { calls, attempt, lookup } = world(10);
      const write = writeOnce(attempt, lookup, { retries: 1, delayMs: 300 });
      const outcome = write.then(
        () => "resolved",
        (error: { status?: number }) => error.status,
      );
      await jest.advanceTimersByTimeAsync(10_000);
      await expect(outcome).resolves.toBe(502);
      expect(calls).toEqual(["attempt at 0", "lookup at 300", "attempt at 300", "lookup at 300"]);
    });

    it("waits 1 s by default", async () => {
      jest.useFakeTimers({ now: 0 });
      const { calls, attempt, lookup } = world(1);
      const write = writeOnce(attempt, lookup, { retries: 1 });
      await jest.advanceTimersByTimeAsync(10_000);
      await expect(write).resolves.toEqual({ result: ISSUE, recovered: false });
      expect(calls).toEqual(["attempt at 0", "lookup at 1000", "attempt at 1000"]);
    });
  });
});
