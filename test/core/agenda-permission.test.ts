import { describe, expect, it } from "@jest/globals";
import { decideAgendaPermission, type AgendaAuthor, type AgendaPermission } from "../../src/core/agenda-permission.js";
import type { SeriesConfig } from "../../src/config/schema.js";

type Allow = SeriesConfig["agenda"]["allow"];

const DEFAULT: Allow = { associations: ["OWNER", "MEMBER", "COLLABORATOR"], users: [], teams: [] };
const WITH_TEAMS: Allow = { ...DEFAULT, teams: ["acme/maintainers"] };
const WITH_USERS: Allow = { ...DEFAULT, users: ["Alice-B"] };
const NOBODY: Allow = { associations: [], users: [], teams: [] };

const user = (association: string, login = "someone"): AgendaAuthor => ({ login, association, type: "User" });

describe("decideAgendaPermission", () => {
  it.each<[string, AgendaPermission, AgendaPermission]>([
    // association, with the default rules, with teams configured too
    ["OWNER", "allowed", "allowed"],
    ["MEMBER", "allowed", "allowed"],
    ["COLLABORATOR", "allowed", "allowed"],
    ["CONTRIBUTOR", "denied", "ask-teams"],
    ["FIRST_TIME_CONTRIBUTOR", "denied", "ask-teams"],
    ["FIRST_TIMER", "denied", "ask-teams"],
    ["MANNEQUIN", "denied", "ask-teams"],
    ["NONE", "denied", "ask-teams"],
  ])("%s: %s by default, %s when teams are configured", (association, byDefault, withTeams) => {
    expect(decideAgendaPermission(DEFAULT, user(association))).toBe(byDefault);
    expect(decideAgendaPermission(WITH_TEAMS, user(association))).toBe(withTeams);
  });

  it.each<[string, Allow, AgendaAuthor, AgendaPermission]>([
    ["a listed user", WITH_USERS, user("NONE", "Alice-B"), "allowed"],
    ["a listed user in any case", WITH_USERS, user("CONTRIBUTOR", "alice-b"), "allowed"],
    ["a listed user written with @", { ...NOBODY, users: ["@carol"] }, user("NONE", "Carol"), "allowed"],
    ["not a user whose login only starts alike", WITH_USERS, user("NONE", "alice"), "denied"],
    ["a listed association the config widens to", { ...NOBODY, associations: ["CONTRIBUTOR"] }, user("CONTRIBUTOR"), "allowed"],
    ["not an owner when the config lists no association", NOBODY, user("OWNER"), "denied"],
    ["an owner when the config lists no association but teams", { ...NOBODY, teams: ["acme/core"] }, user("OWNER"), "ask-teams"],
    ["an association in lower case", DEFAULT, user("member"), "allowed"],
    ["a bot by type", DEFAULT, { login: "helper", association: "OWNER", type: "Bot" }, "ignore"],
    ["a bot by login", WITH_USERS, { login: "meeting-bot[bot]", association: "NONE", type: "User" }, "ignore"],
    ["a bot even when listed", { ...NOBODY, users: ["renovate"] }, { login: "renovate", association: "MEMBER", type: "Bot" }, "ignore"],
    ["an author of unknown type by association", DEFAULT, { login: "x", association: "MEMBER" }, "allowed"],
    ["an organization account", DEFAULT, { login: "acme", association: "NONE", type: "Organization" }, "denied"],
  ])("%s", (_, allow, author, expected) => {
    expect(decideAgendaPermission(allow, author)).toBe(expected);
  });
});
