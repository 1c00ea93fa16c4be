import type { IncomingMessage, ServerResponse } from "node:http";
import type { DateTime } from "luxon";
import type { Logger } from "probot";
import type { SeriesConfig } from "../config/schema.js";
import { seriesName } from "../core/plan-meeting-issue.js";
import type { SeriesIssue } from "../core/plan-schedule-change.js";
import type { ScheduleChanges } from "../core/schedule-changes.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import type { RepoEntry } from "../meetings/repo-entry.js";
import { calendarFeed } from "./calendar-feed.js";
import { CALENDAR_PATH, type CalendarSettings } from "./calendar-settings.js";
import { isCalendarToken } from "./calendar-token.js";

export interface CalendarRouteDeps {
  settings: CalendarSettings;
  repo(fullName: string): RepoEntry | undefined;
  /** The series' meeting issues and the changes recorded in them (one GitHub request). */
  seriesIssues(entry: RepoEntry, series: SeriesConfig): Promise<{ issues: SeriesIssue[]; changes: ScheduleChanges }>;
  now(): DateTime;
  log: Pick<Logger, "warn">;
}

// Calendar apps poll a subscription every few hours; many subscribers share one read a while.
const FRESH_MS = 5 * 60_000;
const ROUTE = /^\/([^/]+)\/([^/]+)\/([a-z0-9][a-z0-9-]{0,39})(?:\/(\d{4}-\d{2}-\d{2}))?\.ics$/;

/**
 * `GET /meeting-bot/calendar/<owner>/<repo>/<series>.ics?token=…`: the series' feed, and
 * `…/<series>/<yyyy-MM-dd>.ics?token=…`: one meeting, for "Add to calendar". A Node handler for
 * Probot's server (`addHandler`). Every way of not being allowed to see it (unknown repository or
 * series, no config, a wrong or missing token) is the same 404, so the route tells nothing about
 * which repositories exist; without `PUBLIC_URL` every request is. The series' issues are read at
 * most once per five minutes.
 */
export function calendarHandler(deps: CalendarRouteDeps): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const cache = new Map<string, { at: number; read: Promise<{ issues: SeriesIssue[]; changes: ScheduleChanges }> }>();
  return async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith(`${CALENDAR_PATH}/`)) return false;
    if (request.method !== "GET" && request.method !== "HEAD") return notFound(response);
    const match = ROUTE.exec(url.pathname.slice(CALENDAR_PATH.length));
    const secret = deps.settings.secret;
    // Without PUBLIC_URL no feed URL is ever shown to anyone, so none is served (as the README says).
    if (!match || !secret || !deps.settings.publicUrl) return notFound(response);
    const [owner, repo, seriesId, date] = match.slice(1).map((part) => (part === undefined ? undefined : safeDecode(part)));
    if (!owner || !repo || !seriesId) return notFound(response);
    const ref: RepoRef = { owner, repo };
    if (!isCalendarToken(secret, ref, seriesId, url.searchParams.get("token"))) return notFound(response);
    const entry = deps.repo(`${owner}/${repo}`);
    const series = entry?.setup.status === "ready" ? entry.setup.config.series.find((candidate) => candidate.id === seriesId) : undefined;
    const template = series && entry?.setup.status === "ready" ? entry.setup.templates.get(series.template) : undefined;
    if (!entry || !series || !template) return notFound(response);

    const key = `${owner}/${repo}#${seriesId}`.toLowerCase();
    const nowMs = deps.now().toMillis();
    let cached = cache.get(key);
    if (!cached || nowMs - cached.at > FRESH_MS) {
      cached = { at: nowMs, read: deps.seriesIssues(entry, series) };
      if (cache.size > 10_000) cache.clear();
      cache.set(key, cached);
      cached.read.catch(() => cache.delete(key));
    }
    let state: { issues: SeriesIssue[]; changes: ScheduleChanges };
    try {
      state = await cached.read;
    } catch (error) {
      deps.log.warn({ err: error, repo: `${owner}/${repo}`, series: seriesId }, "could not read the meeting issues for the calendar feed; answered 503");
      response.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "300" }).end("GitHub could not be read; try again in a few minutes.\n");
      return true;
    }
    const text = calendarFeed({
      series,
      template,
      name: seriesName(series, template),
      repo: `${owner}/${repo}`,
      changes: state.changes,
      issues: state.issues,
      now: deps.now(),
      ...(date ? { date } : {}),
    });
    response.writeHead(200, {
      "content-type": "text/calendar; charset=utf-8",
      "cache-control": "private, max-age=300",
      ...(date ? { "content-disposition": `attachment; filename="${seriesId}-${date}.ics"` } : {}),
    });
    response.end(request.method === "HEAD" ? undefined : text);
    return true;
  };
}

function notFound(response: ServerResponse): true {
  response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
  return true;
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
