import { describe, expect, it } from "@jest/globals";
import { isRateLimitError, isTransientError, retryAfterSeconds, statusOf } from "../../src/github/is-transient-error.js";

/** An error shaped like Octokit's RequestError: status, message, response headers. */
function httpError(status: number, headers: Record<string, string> = {}, message = `HTTP ${status}`): Error {
  return Object.assign(new Error(message), { status, response: { headers } });
}

const NOW_MS = Date.UTC(2020, 8, 11, 21, 31, 0);
const NOW_S = NOW_MS / 1000;

describe("statusOf", () => {
  it.each<[string, unknown, number | undefined]>([
    ["an HTTP error", httpError(404), 404],
    ["a plain object with a numeric status", { status: 500 }, 500],
    ["a string status", { status: "500" }, undefined],
    ["an error without status", new Error("socket hang up"), undefined],
    ["null", null, undefined],
    ["undefined", undefined, undefined],
    ["a string", "boom", undefined],
  ])("%s → %s", (_name, error, status) => {
    expect(statusOf(error)).toBe(status);
  });
});

describe("isTransientError: the outcome of the request is unknown", () => {
  it.each<[string, unknown, boolean]>([
    ["500 Internal Server Error", httpError(500), true],
    ["502 Bad Gateway", httpError(502), true],
    ["503 Service Unavailable", httpError(503), true],
    ["504 Gateway Timeout", httpError(504), true],
    ["a network error (no status)", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), true],
    ["a timeout (no status)", new Error("The operation was aborted due to timeout"), true],
    ["a thrown non-error", "boom", true],
    ["null", null, true],
    ["400 Bad Request", httpError(400), false],
    ["401 Unauthorized", httpError(401), false],
    ["403 Forbidden", httpError(403), false],
    ["404 Not Found", httpError(404), false],
    ["410 Gone", httpError(410), false],
    ["422 Unprocessable Entity", httpError(422), false],
    ["429 Too Many Requests: refused, so certainly not done", httpError(429), false],
  ])("%s → %s", (_name, error, transient) => {
    expect(isTransientError(error)).toBe(transient);
  });
});

describe("isRateLimitError", () => {
  it.each<[string, unknown, boolean]>([
    ["429", httpError(429), true],
    ["403 with retry-after (secondary limit)", httpError(403, { "retry-after": "120" }), true],
    ["403 with x-ratelimit-remaining 0 (primary limit)", httpError(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1600000000" }), true],
    ["403 whose message says rate limit", httpError(403, {}, "You have exceeded a secondary rate limit"), true],
    ["403 with requests remaining", httpError(403, { "x-ratelimit-remaining": "4999" }, "Resource not accessible by integration"), false],
    ["403 without a response", Object.assign(new Error("Forbidden"), { status: 403 }), false],
    ["500 with retry-after", httpError(500, { "retry-after": "120" }), false],
    ["404 whose message says rate limit", httpError(404, {}, "rate limit"), false],
    ["a network error", new Error("rate limit"), false],
    ["null", null, false],
  ])("%s → %s", (_name, error, rateLimited) => {
    expect(isRateLimitError(error)).toBe(rateLimited);
  });
});

describe("retryAfterSeconds", () => {
  it.each<[string, unknown, number | undefined]>([
    ["retry-after in seconds", httpError(403, { "retry-after": "120" }), 120],
    ["retry-after wins over the reset time", httpError(403, { "retry-after": "60", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW_S + 600) }), 60],
    ["x-ratelimit-reset when none remain", httpError(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW_S + 300) }), 300],
    ["a reset a fraction of a second away rounds up", httpError(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW_S + 0.2) }), 1],
    ["a reset already past: at least one second", httpError(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW_S - 30) }), 1],
    ["a reset while requests remain says nothing", httpError(403, { "x-ratelimit-remaining": "10", "x-ratelimit-reset": String(NOW_S + 300) }), undefined],
    ["retry-after 0 is no answer", httpError(429, { "retry-after": "0" }), undefined],
    ["retry-after as an HTTP date is not understood", httpError(429, { "retry-after": "Fri, 11 Sep 2020 21:35:00 GMT" }), undefined],
    ["no headers", httpError(429), undefined],
    ["no response", new Error("socket hang up"), undefined],
    ["null", null, undefined],
    ["undefined", undefined, undefined],
  ])("%s → %s", (_name, error, seconds) => {
    expect(retryAfterSeconds(error, NOW_MS)).toBe(seconds);
  });
});
