/** Something the demo expected did not happen: the demo doubles as a smoke test, so it stops and says what. */
export class DemoError extends Error {
  override name = "DemoError";
}
