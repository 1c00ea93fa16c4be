#!/usr/bin/env node
// The published entry point: runs the compiled CLI (`npm run build` makes lib/).
import { main } from "../lib/cli/main.js";

// `meeting-bot next --count 500 | head -1`: the reader left, which is no error of ours.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
