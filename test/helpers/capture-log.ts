import { pino, type Logger } from "pino";

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger whose lines land in an array, so tests can assert on what was logged. */
export function captureLog(level: "debug" | "info" = "debug"): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino(
    { level },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  );
  return { log, lines };
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;
