import { availableParallelism } from "node:os";

/** Jest runs the TypeScript sources directly (ts-jest, ESM). Type-checking is `npm run typecheck`. */
export default {
  // Jest's default is one worker per core but one; on two cores that is one. The slow files mostly
  // wait (app processes, the sandbox over HTTP, leases), so two workers there nearly halve the run.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json" }],
  },
  testTimeout: 30000,
};
