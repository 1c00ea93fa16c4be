import { createMeetingBot } from "./meeting-bot.js";

// Probot loads this file (`probot run ./lib/index.js`). Wiring only: the app lives in meeting-bot.ts.
export default createMeetingBot().appFn;
