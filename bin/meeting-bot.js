#!/usr/bin/env node
// The published entry point: runs the compiled CLI (`npm run build` makes lib/).
import { main } from "../lib/cli/main.js";

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
