import type { ApplicationFunction } from "probot";
import { checkEnvironment } from "./check-environment.js";
import { recoverBottleneckOnRedis7 } from "./github/bottleneck-redis7.js";
import { createMeetingBot } from "./meeting-bot.js";
import { exitOnSignals } from "./shutdown/on-signals.js";

// Probot loads this file (`probot run ./lib/index.js`). Wiring only: the app lives in meeting-bot.ts.
// In production, no webhook secret means no start (Probot has already read .env by now); elsewhere, a warning.
const warnings = checkEnvironment(process.env);
// With REDIS_URL, Probot's request throttling runs on Bottleneck over Redis: make it survive Redis 7.
recoverBottleneckOnRedis7();
const bot = createMeetingBot();
const app: ApplicationFunction = async (probot, options) => {
  for (const warning of warnings) probot.log.warn(warning);
  try {
    await bot.appFn(probot, options);
  } catch (error) {
    // E.g. Redis unreachable: say so and stop, rather than run without what REDIS_URL promised.
    probot.log.fatal({ err: error }, error instanceof Error ? error.message : String(error));
    await bot.stop().catch(() => undefined);
    process.exit(1);
  }
  exitOnSignals(bot, probot.log);
};
export default app;
