import { afterEach, describe, expect, it } from "@jest/globals";
import { assertRequestsMatchOpenApi } from "../helpers/openapi-contract.js";
import { errorsLogged, sandboxSettled, startWorld, titles, warningsLogged, type ReliabilityWorld } from "../reliability/world.js";

// #001 ended 2020-09-11 21:30 UTC: #002's issue is due.
const AFTER_001 = "2020-09-11T21:31:00Z";
const TOKENS = "/app/installations/{installation_id}/access_tokens";
// The client gives up on each attempt after 250 ms (a sandbox answer on a busy machine takes longer than 20). GitHub "answers" only after 10 s: longer than
// this test may take (8 s), so a client that waited for the token would fail it by jest's timeout.
const CLIENT_TIMEOUT_MS = 250;
const HANG_MS = 10_000;

let world: ReliabilityWorld | undefined;
// The test's own promise: after jest's timeout it runs on, and must end before the world is closed.
let body: Promise<void> | undefined;
const tracked = (run: () => Promise<void>) => () => (body = run());
afterEach(async () => {
  await body?.catch(() => undefined);
  const current = world;
  [world, body] = [undefined, undefined];
  if (!current) return;
  try {
    // The hung requests are answered late, into closed connections: wait for them before closing.
    await sandboxSettled(current.sandbox, HANG_MS + 5_000);
    assertRequestsMatchOpenApi(current.sandbox.requests);
  } finally {
    await current.close();
  }
}, 3 * HANG_MS);

describe("the request deadline covers the installation-token request made inside the auth strategy", () => {
  it(
    "GitHub never answers POST …/access_tokens: start-up and the next tick give up after the deadline; the tick after that creates the issue",
    tracked(async () => {
      world = await startWorld(AFTER_001, { requestTimeoutMs: CLIENT_TIMEOUT_MS });
      // A new process has no token yet (Probot's token cache lives in memory).
      await world.stopApp();
      world.sandbox.faults.add({ method: "POST", route: TOKENS, fault: { kind: "timeout", ms: HANG_MS } });
      const hung = () => world?.sandbox.requests.filter((request) => request.route === TOKENS && request.fault === "timeout") ?? [];

      // Start-up lists the installation's repositories, which needs a token.
      await world.startApp();
      // The app finished starting while GitHub was still "working" on the token requests: it gave up on them.
      expect(hung().filter((request) => request.status === 0).length).toBeGreaterThan(0);
      // The token request is not retried by itself; the request that needed it is (4 attempts, each
      // asking for a token again): 4 deadlines, then it fails.
      expect(hung()).toHaveLength(4);
      expect(errorsLogged(world.logs)).toHaveLength(1);

      // A minute later the tick reads the installation again, GitHub still hangs: the tick ends anyway.
      world.clock.advance({ minutes: 1 });
      await world.app.bot.tick();
      expect(hung()).toHaveLength(8);
      expect(warningsLogged(world.logs).at(-1)).toMatchObject({ retryInSeconds: 120 });
      expect(titles(world.sandbox)).toEqual(["Crates.io Weekly Team Meeting #001"]);

      // GitHub answers again: the next read after the back-off finds the repo and creates the issue due.
      world.sandbox.faults.clear();
      world.clock.advance({ minutes: 2 });
      await world.app.bot.tick();
      expect(titles(world.sandbox)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    }),
    HANG_MS - 2_000,
  );
});

describe("the installation-token request is not retried by itself", () => {
  it(
    "one 502 on the token: nothing is lost (the request that needed it is retried and asks again), the tick creates the issue",
    tracked(async () => {
      world = await startWorld(AFTER_001);
      await world.stopApp();
      world.sandbox.faults.add({ method: "POST", route: TOKENS, times: 1, fault: { kind: "status", status: 502 } });
      world.sandbox.resetLog();
      await world.startApp();
      await world.app.bot.tick();
      expect(world.sandbox.requests.filter((request) => request.route === TOKENS).map((request) => request.status)).toEqual([502, 201]);
      expect(errorsLogged(world.logs)).toEqual([]);
      expect(titles(world.sandbox)).toEqual(["Crates.io Weekly Team Meeting #001", "Crates.io Weekly Team Meeting #002"]);
    }),
  );
});
