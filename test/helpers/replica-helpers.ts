import { DateTime } from "luxon";
import type { Delivery, Sandbox } from "../../src/sandbox/index.js";
import type { AppProcess } from "./app-process.js";
import { TEMPLATE_PATH } from "./meeting-world.js";

/** What the replica tests share: a series due now, waiting on real processes, a comment's delivery. */

/** A weekly meeting 3 hours from the real clock: its issue is due now (catch-up), and it can still be skipped. */
export function configDueNow(extra = ""): string {
  const meetingAt = DateTime.utc().plus({ hours: 3 });
  return `template: ${TEMPLATE_PATH}\n${extra}schedule:\n  weekday: ${meetingAt.setLocale("en").toFormat("cccc").toLowerCase()}\n  time: "${meetingAt.toFormat("HH:mm")}"\n  timezone: UTC\n`;
}

/** Poll `check` until it gives a value; on timeout, fail with the last output of every process. */
export async function until<T>(apps: readonly AppProcess[], what: string, check: () => T | undefined | Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${apps.map((app) => `--- ${app.name}\n${app.output().slice(-4000)}`).join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The signed delivery the sandbox captured (not delivered) for a comment. */
export function commentDelivery(sandbox: Sandbox, commentId: number): Delivery {
  const delivery = sandbox.deliveries.find((d) => d.event === "issue_comment" && (d.payload.comment as { id: number }).id === commentId);
  if (!delivery) throw new Error(`no delivery for comment ${commentId}`);
  return delivery;
}
