import type { DateTime } from "luxon";

/** Where the app serves a series' calendar: its public URL and the series' feed token. */
export interface CalendarSite {
  /** `https://meeting-bot.example.com/meeting-bot/calendar/<owner>/<repo>/<series>`, without `.ics`. */
  seriesUrl: string;
  /** The series' feed token (see calendar-token.ts). */
  token: string;
}

/** The feed people subscribe to: every meeting of the series. */
export function feedUrl(site: CalendarSite): string {
  return `${site.seriesUrl}.ics?token=${encodeURIComponent(site.token)}`;
}

/** One meeting as an `.ics` download, by its regular date (its identity, also when moved). */
export function eventUrl(site: CalendarSite, date: string): string {
  return `${site.seriesUrl}/${date}.ics?token=${encodeURIComponent(site.token)}`;
}

/**
 * Google Calendar's "add event" link: the title, the start and end in UTC, the location as
 * text, and the meeting's zone (`ctz`), so the event shows in the zone it was planned in.
 */
export function googleCalendarUrl(event: { title: string; start: DateTime; end: DateTime; location: string; details?: string }): string {
  const stamp = (time: DateTime) => time.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${stamp(event.start)}/${stamp(event.end)}`,
    ctz: event.start.zoneName ?? "UTC",
    location: plainLocation(event.location),
  });
  if (event.details) params.set("details", event.details);
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/**
 * The `{{calendar}}` placeholder: "Add to calendar" links, Google Calendar always, and the `.ics`
 * download and the feed when the app knows its public URL.
 */
export function calendarLinks(event: { title: string; start: DateTime; end: DateTime; location: string; date: string }, site: CalendarSite | undefined): string {
  const google = `[Google Calendar](${googleCalendarUrl(event)})`;
  if (!site) return `📅 Add to calendar: ${google}`;
  return `📅 Add to calendar: ${google} · [.ics](${eventUrl(site, event.date)}) · [subscribe to every meeting](${feedUrl(site)})`;
}

/** A location written in Markdown, as plain text for a calendar: link text kept, URLs in brackets dropped. */
export function plainLocation(location: string): string {
  return location
    .replace(/!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)/g, (_, text: string, url: string) => (text && url ? `${text} (${url})` : text || url))
    .replace(/[*_`~]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
