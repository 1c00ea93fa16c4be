import { defaultCollectRules } from "../../src/config/schema.js";
import { carryOver } from "../../src/core/carry-over.js";
import { collectCallsToAction } from "../../src/core/collect-calls-to-action.js";
import { parseIssueTemplate } from "../../src/core/issue-template.js";
import { forgetParsedMarkdown, parseMarkdown } from "../../src/core/markdown.js";
import { EXAMPLE_TEMPLATE } from "../bench-app.js";
import { atMost, info, type BenchRow } from "../bench-row.js";
import { bigMeetingBody } from "../meeting-body.js";
import { collectGarbage, cpuTime, median, round } from "../stats.js";
import { size } from "../bench-size.js";

const SCENARIO = "6. Parser cost, 64 KiB meeting body";
const SECTIONS = ["Action Items", "Open Discussion"];
const ROUNDS = size(7, 1);

/**
 * Scenario 6: carry-over of a 64 KiB previous meeting into the rendered template (parse both,
 * find the sections, extract the items, splice them in) against remark + remark-gfm parsing the
 * same 64 KiB body alone, in alternating rounds in the same process; the ratio is the median of
 * the rounds' ratios. Times are CPU time of this single-threaded work, steadier than wall time on
 * a busy machine.
 */
export async function parserCost(log: (line: string) => void): Promise<BenchRow[]> {
  const previousBody = bigMeetingBody();
  const targetBody = parseIssueTemplate(EXAMPLE_TEMPLATE, "weekly-meeting.md").body;
  const carry = () => carryOver({ previousBody, targetBody, sections: SECTIONS });
  const parse = () => parseMarkdown(previousBody);
  // As the app carries (see carryWhatFits): the previous meeting parsed once, then carried, then its
  // calls to action (TODO: …) collected from the same tree.
  const rules = defaultCollectRules("Proposed Agenda");
  const carryAndCollect = () => {
    const previousTree = parseMarkdown(previousBody);
    const carried = carryOver({ previousBody, targetBody, sections: SECTIONS, otherSections: ["Proposed Agenda"], previousTree });
    return collectCallsToAction({ previousBody, targetBody: carried.body, rules, previousNumber: 1, carried: SECTIONS, names: [...SECTIONS, "Proposed Agenda"], previousTree });
  };
  // Each run starts with no parsed text cached: a creation reads bodies the app has not parsed yet.
  const measure = (work: () => unknown) => {
    forgetParsedMarkdown();
    collectGarbage();
    return cpuTime(work);
  };

  const sample = carry();
  const carried = Object.values(sample.carried).reduce((sum, items) => sum + items.length, 0);
  const done = Object.values(sample.done).reduce((sum, items) => sum + items.length, 0);
  log(`previous body: ${previousBody.length} characters; carried ${carried} items, left ${done} done; new body ${sample.body.length} characters`);

  // Warm up the JIT (the sample above ran carry-over once already).
  parse();
  carry();
  carryAndCollect();
  const parseMs: number[] = [];
  const carryMs: number[] = [];
  const ratios: number[] = [];
  const collectRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so a slower stretch of the machine falls on both.
    let p: number;
    let c: number;
    if (round % 2 === 0) {
      p = await measure(parse);
      c = await measure(carry);
    } else {
      c = await measure(carry);
      p = await measure(parse);
    }
    parseMs.push(p);
    carryMs.push(c);
    ratios.push(c / p);
    collectRatios.push((await measure(carryAndCollect)) / p);
  }
  log(`ratios: ${ratios.map((ratio) => ratio.toFixed(2)).join(", ")}`);
  return [
    atMost(SCENARIO, "carry-over ÷ remark parse (median of rounds)", round(median(ratios)), "×", 1.5),
    info(SCENARIO, "carry-over (parse + sections + items + splice)", round(median(carryMs)), "ms"),
    info(SCENARIO, "carry-over and calls to action (one parse) ÷ remark parse", round(median(collectRatios)), "×"),
    info(SCENARIO, "baseline: remark + remark-gfm parse alone", round(median(parseMs)), "ms"),
  ];
}
