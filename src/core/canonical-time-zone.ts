import { IANAZone } from "luxon";
import { ScheduleError } from "./schedule-error.js";

// Valid names seen so far; bounded so hostile configs sending endless spelling variants cannot grow it.
const known = new Map<string, string>();
const MAX_KNOWN = 2_048;

/**
 * Validate an IANA time-zone name and return the spelling to use. The configured name is kept
 * (Intl would rename "Asia/Kolkata" to the older "Asia/Calcutta"); only letter case is repaired
 * when Intl knows the zone under the same name ("europe/berlin" → "Europe/Berlin").
 * Throws ScheduleError, with a suggestion, for an unknown zone.
 */
export function canonicalTimeZone(name: string, field = "timezone"): string {
  const cached = known.get(name);
  if (cached !== undefined) return cached;
  if (typeof name !== "string" || name.trim() === "" || !IANAZone.isValidZone(name)) {
    throw new ScheduleError(unknownZoneMessage(String(name)), field);
  }
  const resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  const spelling = resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  if (known.size < MAX_KNOWN) known.set(name, spelling);
  return spelling;
}

function unknownZoneMessage(name: string): string {
  const suggestion = closestZone(name);
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : "";
  return `unknown time zone "${name}"${hint}: use an IANA name such as Europe/Berlin, America/New_York or UTC`;
}

// Error path only: a small edit-distance search over the zones this runtime knows.
function closestZone(name: string): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(wanted.length / 4)) + 1;
  for (const zone of Intl.supportedValuesOf("timeZone")) {
    const distance = editDistance(wanted, zone.toLowerCase());
    if (distance < bestDistance) {
      best = zone;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
