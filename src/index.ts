import { checkEnvironment } from "./check-environment.js";
import { createMeetingBot } from "./meeting-bot.js";

// Probot loads this file (`probot run ./lib/index.js`). Wiring only: the app lives in meeting-bot.ts.
// In production, no webhook secret means no start (Probot has already read .env by now).
checkEnvironment(process.env);
export default createMeetingBot().appFn;
