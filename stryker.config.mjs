// Mutation testing (`npm run mutate`): StrykerJS changes the code of src/core and src/meetings one
// small mutation at a time and runs the tests that cover it; a mutant no test notices is a hole.
// Jest runs in ESM mode, as in `npm test`. Scope a run with `npm run mutate -- --mutate FILE` and,
// for speed, the tests with MUTATE_TESTS (comma-separated globs, e.g. "test/core/**/*.test.ts").
// Results: reports/mutation/ (HTML and JSON); docs/RELIABILITY.md keeps the latest score.
// MUTATE_SAMPLE=reports/sample-….json mutates only the places scripts/mutation-sample.mjs picked;
// MUTATE_REPORT names the JSON report, so runs side by side do not overwrite each other's.
import { readFileSync } from "node:fs";

const tests = process.env.MUTATE_TESTS?.split(",").map((glob) => `<rootDir>/${glob.trim()}`);
const sample = process.env.MUTATE_SAMPLE ? JSON.parse(readFileSync(process.env.MUTATE_SAMPLE, "utf8")).mutate : undefined;
const report = process.env.MUTATE_REPORT ?? "reports/mutation/mutation";

export default {
  testRunner: "jest",
  testRunnerNodeArgs: ["--experimental-vm-modules"],
  jest: {
    configFile: "jest.config.js",
    // Only the test files that import the mutated file, directly or not: far fewer loads per
    // mutant. Jest follows imports only through its roots, so src is one of them here.
    // MUTATE_RELATED=0 loads every test file for every mutant (slower; a check of the above).
    enableFindRelatedTests: process.env.MUTATE_RELATED !== "0",
    config: { roots: ["<rootDir>/test", "<rootDir>/src"], ...(tests ? { testMatch: tests } : {}) },
  },
  mutate: sample ?? ["src/core/**/*.ts", "src/meetings/**/*.ts"],
  // In a sampled run, the mutants nested in a sampled place are left out (see the ignorer).
  ...(sample ? { plugins: ["@stryker-mutator/jest-runner", "./scripts/stryker-sample-ignorer.mjs"], ignorers: ["unsampled"] } : {}),
  coverageAnalysis: "perTest",
  // The e2e tests run a whole app against the sandbox: give a mutant's run time.
  timeoutMS: 60_000,
  // The first run (every test, with per-test coverage) takes minutes on two cores.
  dryRunTimeoutMinutes: 30,
  concurrency: 2,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `${report}.html` },
  jsonReporter: { fileName: `${report}.json` },
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["lib", "bench-build", "coverage", "reports", ".stryker-tmp"],
};
