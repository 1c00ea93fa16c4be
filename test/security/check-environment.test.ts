import { describe, expect, it } from "@jest/globals";
import { checkEnvironment, EnvironmentError } from "../../src/check-environment.js";

describe("checkEnvironment: no production start without a webhook secret", () => {
  it.each([
    ["unset", { NODE_ENV: "production" }],
    ["empty", { NODE_ENV: "production", WEBHOOK_SECRET: "" }],
    ["blank", { NODE_ENV: "production", WEBHOOK_SECRET: "  \t" }],
    ["Probot's default", { NODE_ENV: "production", WEBHOOK_SECRET: "development" }],
  ])("refuses production with WEBHOOK_SECRET %s, saying what to set", (_what, env) => {
    expect(() => checkEnvironment(env)).toThrow(EnvironmentError);
    expect(() => checkEnvironment(env)).toThrow(/will not start: WEBHOOK_SECRET .*Set WEBHOOK_SECRET to the webhook secret of your GitHub App/);
  });

  it.each([
    ["production with a secret", { NODE_ENV: "production", WEBHOOK_SECRET: "s3cr3t-from-the-app-settings" }],
    ["development without one", { NODE_ENV: "development" }],
    ["test without one", { NODE_ENV: "test" }],
    ["no NODE_ENV", {}],
    ["no NODE_ENV with the default", { WEBHOOK_SECRET: "development" }],
  ])("allows %s", (_what, env) => {
    expect(() => checkEnvironment(env)).not.toThrow();
  });

  it("warns outside production when the secret is missing or Probot's default, and says what to set", () => {
    expect(checkEnvironment({ NODE_ENV: "production", WEBHOOK_SECRET: "s3cr3t" })).toEqual([]);
    expect(checkEnvironment({ WEBHOOK_SECRET: "s3cr3t" })).toEqual([]);
    for (const env of [{}, { NODE_ENV: "development" }, { WEBHOOK_SECRET: "development" }]) {
      expect(checkEnvironment(env)).toEqual([expect.stringMatching(/^WEBHOOK_SECRET is (not set|Probot's public default "development"): anyone .* Set WEBHOOK_SECRET to the webhook secret of your GitHub App/)]);
    }
  });

  it("is what index.ts (the module `probot run` loads) does first: loading it in production without a secret fails", async () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, WEBHOOK_SECRET: process.env.WEBHOOK_SECRET };
    process.env.NODE_ENV = "production";
    delete process.env.WEBHOOK_SECRET;
    try {
      await expect(import("../../src/index.js")).rejects.toThrow(/WEBHOOK_SECRET is not set/);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
