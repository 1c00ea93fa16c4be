import { createHmac, timingSafeEqual } from "node:crypto";
import type { RepoRef } from "../github/github-client.js";

/**
 * The token in a series' calendar URLs: an HMAC of the repository and series under the server's
 * secret, so it cannot be guessed, needs no storage, and changes (every old URL then answers 404)
 * when the secret does. Repository names compare without case, as GitHub's do.
 */
export function calendarToken(secret: string, ref: RepoRef, seriesId: string): string {
  return createHmac("sha256", secret)
    .update(`meeting-bot calendar v1\n${ref.owner.toLowerCase()}/${ref.repo.toLowerCase()}\n${seriesId}`)
    .digest("base64url")
    .slice(0, 32);
}

/** Whether `token` is the series' token, compared in constant time. */
export function isCalendarToken(secret: string, ref: RepoRef, seriesId: string, token: string | null): boolean {
  if (!token) return false;
  const expected = Buffer.from(calendarToken(secret, ref, seriesId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
