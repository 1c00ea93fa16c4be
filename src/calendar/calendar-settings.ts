import type { CalendarSite } from "../core/calendar-links.js";
import type { RepoRef } from "../github/github-client.js";
import { calendarToken } from "./calendar-token.js";

/** The route prefix of the app's calendar feeds. */
export const CALENDAR_PATH = "/meeting-bot/calendar";

/** What the calendar needs from the environment. */
export interface CalendarSettings {
  /** `PUBLIC_URL`: where people reach the app (`https://meeting-bot.example.com`); without it, no `.ics` links. */
  publicUrl: string | undefined;
  /** `CALENDAR_SECRET`, else `WEBHOOK_SECRET`: the key of the feed tokens; without either, no feed is served. */
  secret: string | undefined;
}

export function calendarSettings(env: Record<string, string | undefined>): CalendarSettings {
  const url = env.PUBLIC_URL?.trim().replace(/\/+$/, "");
  const secret = env.CALENDAR_SECRET || env.WEBHOOK_SECRET || undefined;
  return { publicUrl: url && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined, secret };
}

/** A series' calendar site (its links), when the app knows its public URL and has a secret. */
export function calendarSite(settings: CalendarSettings, ref: RepoRef, seriesId: string): CalendarSite | undefined {
  if (!settings.publicUrl || !settings.secret) return undefined;
  const path = [ref.owner, ref.repo, seriesId].map(encodeURIComponent).join("/");
  return { seriesUrl: `${settings.publicUrl}${CALENDAR_PATH}/${path}`, token: calendarToken(settings.secret, ref, seriesId) };
}
