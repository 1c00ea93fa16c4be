// A StrykerJS ignorer for sampled runs (scripts/mutation-sample.mjs): Stryker selects mutants by
// source range, so the range of a sampled mutant also brings every mutant nested inside it (a
// sampled `{}` of a function body brings the whole function). This ignores the nodes nested in a
// sampled place unless they hold a sampled place themselves; only the sampled nodes are mutated.
// Locations are compared without the file: a node elsewhere at the same place is only run extra.
import { readFileSync } from "node:fs";
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

const ranges = process.env.MUTATE_SAMPLE
  ? JSON.parse(readFileSync(process.env.MUTATE_SAMPLE, "utf8")).mutate.map((range) => {
      const [, startLine, startColumn, endLine, endColumn] = /:(\d+):(\d+)-(\d+):(\d+)$/.exec(range).map(Number);
      return { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } };
    })
  : [];

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const same = (a, b) => a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "unsampled", {
    shouldIgnore(path) {
      const loc = path.node.loc;
      if (!loc || ranges.length === 0) return undefined;
      if (ranges.some((range) => same(range, loc))) return undefined;
      // A node holding a sampled place must stay, or the place would be ignored with it.
      if (ranges.some((range) => before(loc.start, range.start) && before(range.end, loc.end))) return undefined;
      return "not in the sample";
    },
  }),
];
