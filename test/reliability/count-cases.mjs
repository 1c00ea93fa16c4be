#!/usr/bin/env node
// Runs the reliability tests and prints, per fault (each top-level `describe`), how many cases ran
// and how they ended, as Markdown table rows: the numbers in docs/RELIABILITY.md ("Faults and restarts") come from here.
//
//   node test/reliability/count-cases.mjs            # run the tests, then count
//   node test/reliability/count-cases.mjs out.json   # count an existing `jest --json` result
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let file = process.argv[2];
if (!file) {
  file = join(mkdtempSync(join(tmpdir(), "reliability-")), "results.json");
  spawnSync("npx", ["jest", "test/reliability", "--json", `--outputFile=${file}`], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_OPTIONS: "--experimental-vm-modules" },
  });
}
const results = JSON.parse(readFileSync(file, "utf8"));

const rows = new Map();
let seconds = 0;
for (const suite of results.testResults) {
  seconds += (suite.endTime - suite.startTime) / 1000;
  const name = suite.name.replace(/^.*\/test\/reliability\//, "");
  for (const test of suite.assertionResults) {
    const fault = test.ancestorTitles[0] ?? "(top level)";
    const row = rows.get(fault) ?? { file: name, cases: 0, passed: 0, failed: 0 };
    row.cases += 1;
    if (test.status === "passed") row.passed += 1;
    else if (test.status === "failed") row.failed += 1;
    rows.set(fault, row);
  }
}

console.log("| fault | file | cases | passed | failed |");
console.log("|---|---|---:|---:|---:|");
for (const [fault, row] of rows) console.log(`| ${fault} | ${row.file} | ${row.cases} | ${row.passed} | ${row.failed} |`);
const total = [...rows.values()].reduce((sum, row) => ({ cases: sum.cases + row.cases, passed: sum.passed + row.passed, failed: sum.failed + row.failed }), { cases: 0, passed: 0, failed: 0 });
console.log(`| **total** | | ${total.cases} | ${total.passed} | ${total.failed} |`);
console.log(`\n${results.numTotalTestSuites} files, ${seconds.toFixed(1)} s of test time, ${new Date(results.startTime).toISOString()}`);
