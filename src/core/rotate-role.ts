/**
 * Who holds a rotating role (moderator, note-taker) at meeting number `meetingNumber`:
 * people[(meetingNumber - 1) mod people.length], so meeting #1 gets the first person.
 * Rotation follows the visible meeting number, not the calendar: a skipped date or a restart of
 * the app does not shift anyone's turn. Null for an empty list.
 */
export function rotateRole(people: readonly string[], meetingNumber: number): string | null {
  if (!Number.isSafeInteger(meetingNumber)) {
    throw new RangeError(`meeting number must be a whole number, got ${String(meetingNumber)}`);
  }
  if (people.length === 0) return null;
  const index = (((meetingNumber - 1) % people.length) + people.length) % people.length;
  return people[index] ?? null;
}

// A GitHub login: letters, digits and single inner hyphens, at most 39 characters.
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
// Placeholders that look like logins but mean "nobody yet".
const PLACEHOLDERS = new Set(["tba", "tbd", "tbc"]);

/**
 * How a role holder appears in the issue: "alice" → "@alice" (a mention). Kept as written:
 * entries that already contain "@" ("@alice", "@org/team", an e-mail), anything that is not a
 * GitHub login (free text such as "Jane Doe" or "N/A"), and the placeholders TBA, TBD, TBC.
 */
export function formatPerson(entry: string): string {
  const person = entry.trim();
  if (person.includes("@") || !LOGIN.test(person) || PLACEHOLDERS.has(person.toLowerCase())) return person;
  return `@${person}`;
}
