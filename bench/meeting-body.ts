import { MEETING_001 } from "./bench-app.js";

/** GitHub refuses issue bodies over 65,536 characters; a busy team's meeting gets close. */
export const BODY_CHARS = 64 * 1024;

/**
 * A busy team's previous meeting issue of about 64 KiB: the crates.io team's real #001 with more
 * minutes (topic sections of notes, nested bullets, links, a table, code), then long Action Items
 * and Open Discussion sections mixing done (`[x]`, struck through), open (`[ ]`) and plain items,
 * nested items and paragraphs, as teams write them. Deterministic.
 */
export function bigMeetingBody(): string {
  const [head, tail] = splitAt(MEETING_001, "### Action Items");
  const topics: string[] = [];
  const actions: string[] = [];
  const discussion: string[] = [];
  const people = ["alice", "bob", "carol", "dave", "erin", "jtgeibel", "smarnach", "pietroalbini"];
  const who = (i: number) => `@${people[i % people.length] as string}`;
  let topic = 0;
  let action = 0;
  let open = 0;
  const size = () => head.length + topics.join("").length + actions.join("").length + discussion.join("").length + tail.length + 200;

  while (size() < BODY_CHARS - 2_000) {
    const mix = (topic + action + open) % 10;
    if (mix < 5) {
      topic++;
      topics.push(
        `### Topic ${topic}: ${["Roadmap", "Security", "Ops", "Support", "Design"][topic % 5] as string} follow-up\n\n` +
          `Notes by ${who(topic)}. We went through [the tracking issue](https://github.com/rust-lang/crates.io/issues/${2000 + topic}) and agreed on **next steps**:\n\n` +
          `* Review the open PRs (${who(topic + 1)} has ${topic % 4} waiting)\n  * especially the ones touching \`src/controllers/krate\`\n  * and the ~~old~~ new index format\n` +
          `* Ask the infra team about the CDN bill\n` +
          (topic % 3 === 0 ? `\n| item | owner | due |\n|---|---|---|\n| backup restore drill | ${who(topic)} | next week |\n| rotate keys | ${who(topic + 2)} | Oct 1 |\n` : "") +
          (topic % 4 === 0 ? `\n\`\`\`sh\ncargo run --bin background-worker -- --dry-run\n\`\`\`\n` : "") +
          `\n> ${who(topic + 3)}: we should write this down somewhere people will find it.\n\n`,
      );
    } else if (mix < 8) {
      action++;
      const state = action % 4;
      const box = state === 0 ? "[x] " : state === 1 ? "[ ] " : state === 2 ? "" : "[ ] ";
      const text = state === 3 && action % 8 === 3 ? `~~Draft the blog post about item ${action}~~` : `${who(action)} to follow up on [#${3000 + action}](https://github.com/rust-lang/crates.io/pull/${3000 + action}) and report back next week (item ${action})`;
      actions.push(`* ${box}${text}\n${action % 5 === 0 ? `  * [ ] sub-task ${action}a\n  * [x] sub-task ${action}b\n` : ""}`);
    } else {
      open++;
      discussion.push(
        open % 6 === 0
          ? `${who(open)} asked whether we should revisit the download-count caching (topic ${open}); nobody had numbers yet.\n\n`
          : `- ${open % 3 === 0 ? "[x] " : "[ ] "}Discuss proposal ${open}: ${["rate limits for publishing", "crate name transfers", "yanking policy", "mirror support"][open % 4] as string} (${who(open)})\n`,
      );
    }
  }
  const [actionHeading, rest] = splitAt(tail, "### Open Discussion");
  const body = `${head}${topics.join("")}${actionHeading}${actions.join("")}\n${rest}\n${discussion.join("")}`;
  if (body.length > 65_536) throw new Error(`the generated meeting body is ${body.length} characters, over GitHub's limit`);
  return body;
}

function splitAt(text: string, marker: string): [string, string] {
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`the example meeting no longer has "${marker}"`);
  return [text.slice(0, index), text.slice(index)];
}
