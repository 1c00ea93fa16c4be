// A mutation score over all of src/core and src/meetings in an hour instead of a day.
//
// The whole scope has over 12,000 mutants, and StrykerJS's jest runner loads every related test
// file again for each one (ESM: no module cache between runs), about 9 s a mutant on two cores:
// a full `npm run mutate` takes more than a day there. A uniform random sample of mutants
// estimates the same score with a known margin.
//
//   node scripts/mutation-sample.mjs pick <dir> <size> [seed]   writes reports/sample-<dir>.json
//   MUTATE_SAMPLE=reports/sample-<dir>.json npm run mutate        mutates only the sampled places
//   node scripts/mutation-sample.mjs score reports/sample-<dir>.json [report.json]
//
// Stryker selects mutants by source range; scripts/stryker-sample-ignorer.mjs leaves out those
// nested inside a sampled place, but other mutants of the same node still run: `score` counts
// only the sampled ones.
import { globSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { Instrumenter } from "@stryker-mutator/instrumenter";

const [command, ...args] = process.argv.slice(2);
if (command === "pick") await pick(args[0], Number(args[1]), Number(args[2] ?? 20261203));
else if (command === "score") score(args[0], args[1] ?? "reports/mutation/mutation.json");
else {
  console.error("usage: mutation-sample.mjs pick <src/core|src/meetings> <size> [seed] | score <sample.json> [report.json]");
  process.exit(2);
}

async function pick(dir, size, seed) {
  if (!dir || !(size > 0)) throw new Error("pick needs a directory and a sample size, e.g. `pick src/core 200`");
  const silent = () => {};
  const log = { isDebugEnabled: () => false, isTraceEnabled: () => false, isInfoEnabled: () => false, trace: silent, debug: silent, info: silent, warn: console.warn, error: console.error, fatal: console.error };
  const files = globSync(`${dir}/**/*.ts`).sort().map((name) => ({ name, content: readFileSync(name, "utf8"), mutate: true }));
  const { mutants } = await new Instrumenter(log).instrument(files, { plugins: null, excludedMutations: [], ignorers: [], noHeader: false });
  const random = mulberry32(seed);
  const order = mutants.map((mutant) => ({ mutant, r: random() })).sort((a, b) => a.r - b.r);
  const sample = order.slice(0, size).map(({ mutant }) => mutant);
  const ranges = sample.map(({ fileName, location: { start, end } }) => `${fileName}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`);
  const sameNode = mutants.filter((m) => sample.some((s) => s.fileName === m.fileName && within(m.location, s.location) && within(s.location, m.location))).length;
  const out = `reports/sample-${dir.replaceAll("/", "-")}.json`;
  mkdirSync("reports", { recursive: true });
  writeFileSync(out, `${JSON.stringify({ dir, seed, total: mutants.length, size: sample.length, willRun: sameNode, mutate: [...new Set(ranges)], sample: sample.map(key) }, null, 1)}\n`);
  console.log(`${out}: ${sample.length} of ${mutants.length} mutants in ${dir} (seed ${seed}); Stryker will run ${sameNode} (other mutants of the same nodes come along)`);
}

function score(samplePath, reportPath) {
  const { dir, total, sample, seed } = JSON.parse(readFileSync(samplePath, "utf8"));
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  const found = new Map();
  for (const [fileName, file] of Object.entries(report.files)) {
    for (const m of file.mutants) found.set(key({ fileName, location: { start: { line: m.location.start.line - 1, column: m.location.start.column - 1 }, end: { line: m.location.end.line - 1, column: m.location.end.column - 1 } }, mutatorName: m.mutatorName, replacement: m.replacement }), m);
  }
  const counts = {};
  const survivors = [];
  for (const k of sample) {
    const m = found.get(k);
    const status = m?.status ?? "NotRun";
    counts[status] = (counts[status] ?? 0) + 1;
    if (status === "Survived" || status === "NoCoverage") survivors.push(`${status} ${k}`);
  }
  // Stryker's score: detected (killed, timeout) over valid (detected, survived, no coverage); errors are not valid.
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const [low, high] = wilson(detected, valid);
  console.log(`${dir}: ${sample.length} of ${total} mutants sampled (seed ${seed}): ${JSON.stringify(counts)}`);
  console.log(`mutation score ${pct(detected / valid)} (95% interval ${pct(low)}–${pct(high)})`);
  for (const line of survivors) console.log(`  ${line}`);
}

function key({ fileName, location: { start, end }, mutatorName, replacement }) {
  return `${fileName.replaceAll("\\", "/").replace(/^.*?(src\/)/, "$1")}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column} ${mutatorName} ${JSON.stringify(replacement)}`;
}

function within(inner, outer) {
  const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** Wilson score interval at 95%: honest at small samples and near 0 or 1. */
function wilson(hits, n) {
  if (n === 0) return [0, 1];
  const z = 1.96;
  const p = hits / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denominator = 1 + (z * z) / n;
  return [(centre - spread) / denominator, (centre + spread) / denominator];
}

function pct(x) {
  return `${(x * 100).toFixed(1)}%`;
}

/** A small seeded generator, so a sample can be drawn again. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
