/** The process environment is unsafe to run with; the message says what to set. */
export class EnvironmentError extends Error {
  override readonly name = "EnvironmentError";
}

// Probot signs nothing itself: with WEBHOOK_SECRET unset it checks signatures against this public
// default, so anyone who knows the webhook URL could send the app forged events.
const PROBOT_DEFAULT_SECRET = "development";

/**
 * Refuse to start in production (`NODE_ENV=production`) without a real webhook secret: unset,
 * blank, or Probot's default `development`. Elsewhere (development, tests, the demo) it only warns:
 * the returned lines are for the log. Reads only the `env` it is given, so tests pass their own.
 */
export function checkEnvironment(env: Readonly<Record<string, string | undefined>>): string[] {
  const secret = env.WEBHOOK_SECRET?.trim() ?? "";
  if (secret !== "" && secret !== PROBOT_DEFAULT_SECRET) return [];
  const what = secret === "" ? "WEBHOOK_SECRET is not set" : `WEBHOOK_SECRET is Probot's public default "${PROBOT_DEFAULT_SECRET}"`;
  const fix = "Set WEBHOOK_SECRET to the webhook secret of your GitHub App (its settings page on GitHub, under \"Webhook secret\"), in the environment or in .env.";
  if (env.NODE_ENV === "production") {
    throw new EnvironmentError(`meeting-bot will not start: ${what}, so anyone could send it forged webhooks. ${fix} NODE_ENV=production requires it.`);
  }
  return [`${what}: anyone who knows the webhook URL could send the app forged webhooks. ${fix} (With NODE_ENV=production the app refuses to start.)`];
}
