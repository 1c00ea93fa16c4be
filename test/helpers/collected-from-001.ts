/**
 * The calls to action the app collects from the crates.io example's #001 into #002 (its four
 * TODOs under Action Items, its NEXT WEEK MEETING item on the agenda: README, Calls to action)
 * end with `_(from Outcomes in #1)_`. Tests about other things list a section without them;
 * test/core/calls-to-action.test.ts, test/cli and test/e2e/agenda.test.ts are about them.
 */
export function notCollectedFrom001(text: string): boolean {
  return !/ _\(from Outcomes in #1\)_$/.test(text);
}
