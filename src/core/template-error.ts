/**
 * A problem in an issue template, located by file and line so the user can jump to it:
 * `.github/ISSUE_TEMPLATE/weekly.md:7: unknown placeholder {{dat}} …`.
 */
export class TemplateError extends Error {
  override readonly name = "TemplateError";

  constructor(
    /** The template's path as the user knows it (repository-relative). */
    readonly path: string,
    /** 1-based line in that file. */
    readonly line: number,
    /** What is wrong and how to fix it, without the location prefix. */
    readonly detail: string,
  ) {
    super(`${path}:${line}: ${detail}`);
  }
}
