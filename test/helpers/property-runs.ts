/**
 * How many cases a property test generates: `runs`, or a quarter of it inside a mutation-testing
 * worker (StrykerJS sets STRYKER_MUTATOR_WORKER), where the test runs once per mutant and most
 * mutants fail in the first cases. Fewer cases can only let a mutant survive, never kill one
 * wrongly, so the mutation score stays a lower bound.
 */
export function propertyRuns(runs: number): number {
  return process.env.STRYKER_MUTATOR_WORKER === undefined ? runs : Math.ceil(runs / 4);
}
