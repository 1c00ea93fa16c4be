import { createRequire } from "node:module";

/**
 * With REDIS_URL set, Probot clusters Octokit's throttling through Bottleneck over Redis
 * (probot/probot#1436). Bottleneck's Lua scripts report a limiter whose Redis keys expired with
 * `redis.error_reply('SETTINGS_KEY_NOT_FOUND')` (or `UNKNOWN_CLIENT`), and Bottleneck re-creates the
 * limiter only when the error text is exactly that. Redis 7 prefixes a one-word error reply with
 * `ERR `, so the recovery never runs: after a quiet spell longer than the throttle's idle expiry
 * (2 minutes in @octokit/plugin-throttling), the first GitHub request fails with
 * `ReplyError: ERR SETTINGS_KEY_NOT_FOUND` (SGrondin/bottleneck#205 and #219, open upstream).
 *
 * The fix is at that comparison: every script reply goes through `IORedisConnection#__scriptArgs__`'s
 * callback, where a Redis 7 `ERR SETTINGS_KEY_NOT_FOUND` or `ERR UNKNOWN_CLIENT` is handed on as the
 * bare text Bottleneck compares against, so its own recovery (re-initialise the limiter, re-register
 * the client) runs. Redis 6 replies are unchanged. Patches the single Bottleneck copy that Probot
 * shares with us (a direct dependency, deduplicated by npm); idempotent.
 */
export function recoverBottleneckOnRedis7(): void {
  const connection = bottleneckConnectionClass().prototype;
  if (connection[PATCHED]) return;
  const scriptArgs = connection.__scriptArgs__;
  connection.__scriptArgs__ = function (this: unknown, name: string, id: string, args: unknown[], callback: ScriptCallback) {
    return scriptArgs.call(this, name, id, args, (error: Error | null, replies: unknown) => {
      if (error && REDIS7_PREFIXED.test(error.message)) error.message = error.message.slice("ERR ".length);
      callback(error, replies);
    });
  };
  connection[PATCHED] = true;
}

type ScriptCallback = (error: Error | null, replies: unknown) => void;
interface ConnectionPrototype {
  __scriptArgs__(name: string, id: string, args: unknown[], callback: ScriptCallback): unknown[];
  [PATCHED]?: boolean;
}

const PATCHED = Symbol.for("meeting-bot.bottleneck-redis7");
const REDIS7_PREFIXED = /^ERR (SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT)$/;

/** Bottleneck is CommonJS: load it the way Probot's `import Bottleneck from "bottleneck"` does. */
export function bottleneckConnectionClass(): { prototype: ConnectionPrototype } {
  const require = createRequire(import.meta.url);
  return (require("bottleneck") as { IORedisConnection: { prototype: ConnectionPrototype } }).IORedisConnection;
}
