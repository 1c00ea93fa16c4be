import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CliError } from "./cli-error.js";

/** Read a UTF-8 file named on the command line, turning fs errors into one actionable line. */
export async function readInputFile(cwd: string, file: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`${what} ${file} does not exist`);
    if (code === "EISDIR") throw new CliError(`${what} ${file} is a directory, not a file`);
    if (code === "EACCES") throw new CliError(`${what} ${file} cannot be read (permission denied)`);
    throw new CliError(`${what} ${file} cannot be read: ${(error as Error).message}`);
  }
}
