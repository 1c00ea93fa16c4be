import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** One `probot run ./lib/index.js` process, exactly as `npm start` runs it (the built code). */
export interface AppProcess {
  name: string;
  port: number;
  webhookUrl: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  /** Resolves when the app logged `text`; rejects after `ms`. */
  until(text: string | RegExp, ms?: number): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startAppProcess(name: string, env: Record<string, string>, options: { waitForListening?: boolean } = {}): Promise<AppProcess> {
  if (!existsSync(`${root}lib/index.js`)) throw new Error("lib/index.js is missing: run `npm run build` (npm ci does it) before the tests");
  const port = await freePort();
  const child = spawn(process.execPath, [`${root}node_modules/probot/bin/probot.js`, "run", "./lib/index.js"], {
    cwd: root,
    env: { PATH: process.env.PATH, HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "info", LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, atMs: Date.now() })),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  const until = async (text: string | RegExp, ms = 30_000) => {
    const deadline = Date.now() + ms;
    const seen = () => (typeof text === "string" ? output.includes(text) : text.test(output));
    while (!seen()) {
      if (Date.now() > deadline || ended) throw new Error(`${name}: ${ended ? "exited" : "timed out"} waiting for ${String(text)}; output:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const app: AppProcess = { name, port, webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`, child, output: () => output, exited, until };
  if (options.waitForListening !== false) await until("Listening on");
  return app;
}
