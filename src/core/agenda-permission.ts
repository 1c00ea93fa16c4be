import type { SeriesConfig } from "../config/schema.js";

export type AgendaPermission = "allowed" | "denied" | "ask-teams" | "ignore";

/** Who wrote the command, as the webhook payload tells it (`comment.user` and `comment.author_association`). */
export interface AgendaAuthor {
  login: string;
  association: string;
  type?: "User" | "Bot" | string;
}

/**
 * May this author change the agenda?
 * - bots (type `Bot`, or a login ending in `[bot]`, which covers GitHub Apps): `ignore`, never a
 *   reply, so two bots cannot talk to each other forever;
 * - an association listed in `allow.associations` (OWNER, MEMBER, COLLABORATOR by default): `allowed`;
 * - a login listed in `allow.users`, any case, with or without `@`: `allowed`;
 * - otherwise, when `allow.teams` names teams: `ask-teams`, the caller checks membership through the API;
 * - otherwise `denied`.
 */
export function decideAgendaPermission(allow: SeriesConfig["agenda"]["allow"], author: AgendaAuthor): AgendaPermission {
  // A payload's login never starts with "@"; a login in the config may.
  const login = author.login.toLowerCase();
  if (author.type === "Bot" || login.endsWith("[bot]")) return "ignore";
  if ((allow.associations as readonly string[]).includes(author.association.toUpperCase())) return "allowed";
  if (allow.users.some((user) => user.replace(/^@/, "").toLowerCase() === login)) return "allowed";
  return allow.teams.length > 0 ? "ask-teams" : "denied";
}
