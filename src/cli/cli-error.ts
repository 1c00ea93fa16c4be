/** A problem with how the CLI was called or with a file it was given; printed as one line. */
export class CliError extends Error {
  override readonly name = "CliError";

  constructor(
    message: string,
    /** 2 for a usage mistake (wrong flag), 1 for bad input. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
