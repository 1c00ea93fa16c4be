import type { ApplicationFunction } from "probot";
import { checkEnvironment } from "./check-environment.js";
import { createMeetingBot } from "./meeting-bot.js";

// Probot loads this file (`probot run ./lib/index.js`). Wiring only: the app lives in meeting-bot.ts.
// In production, no webhook secret means no start (Probot has already read .env by now); elsewhere, a warning.
const warnings = checkEnvironment(process.env);
const { appFn } = createMeetingBot();
const app: ApplicationFunction = (probot, options) => {
  for (const warning of warnings) probot.log.warn(warning);
  return appFn(probot, options);
};
export default app;
