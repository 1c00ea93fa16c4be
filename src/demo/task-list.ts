import { stripCarryCount } from "../core/carry-count.js";
import { DemoError } from "./demo-error.js";

// The edits a person makes to a meeting issue during the meeting, as plain text edits of the body,
// the way someone would in GitHub's editor. Line-based on purpose: the demo must not depend on
// the parser it is demonstrating.

const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const TASK = /^(\s*[-*+]\s+)\[([ xX])\]\s+(.*)$/;
// The app's hidden marker ends the last section.
const MARKER = /^<!--\s*meeting-bot:/;

/** The unchecked task items of a section ("- [ ] text" → "text", without the app's carried count), in order. */
export function openTasks(body: string, section: string): string[] {
  const lines = body.split(/\r?\n/);
  const { from, to } = sectionRange(lines, section);
  return lines
    .slice(from, to)
    .map((line) => TASK.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[2] === " ")
    .map((match) => stripCarryCount((match[3] ?? "").trim()));
}

/** Check off the first unchecked task, in any section, whose text starts with `text`. */
export function tickOff(body: string, text: string): string {
  const lines = body.split("\n");
  const index = lines.findIndex((line) => {
    const match = TASK.exec(line.replace(/\r$/, ""));
    return match !== null && match[2] === " " && (match[3] ?? "").startsWith(text);
  });
  if (index < 0) throw new DemoError(`no open task "${text}" to tick off in the issue body`);
  lines[index] = (lines[index] ?? "").replace("[ ]", "[x]");
  return lines.join("\n");
}

/** Add "- [ ] text" at the end of a section's content (after its last non-blank line). */
export function addTask(body: string, section: string, text: string): string {
  const lines = body.split("\n");
  const { heading, to } = sectionRange(lines, section);
  let last = to - 1;
  while (last > heading && (lines[last] ?? "").trim() === "") last--;
  const previous = lines[last] ?? "";
  // A list item right after a heading or an HTML comment reads better with a blank line between.
  const insert = TASK.test(previous) ? [`- [ ] ${text}`] : ["", `- [ ] ${text}`];
  lines.splice(last + 1, 0, ...insert);
  return lines.join("\n");
}

/** Lines [from, to) of a section's content; the section ends at the next heading or the app's marker. */
function sectionRange(lines: readonly string[], section: string): { heading: number; from: number; to: number } {
  const wanted = section.trim().toLowerCase();
  const heading = lines.findIndex((line) => HEADING.exec(line)?.[1]?.toLowerCase() === wanted);
  if (heading < 0) throw new DemoError(`the issue body has no "${section}" section`);
  let to = heading + 1;
  while (to < lines.length && !HEADING.test(lines[to] ?? "") && !MARKER.test(lines[to] ?? "")) to++;
  return { heading, from: heading + 1, to };
}
