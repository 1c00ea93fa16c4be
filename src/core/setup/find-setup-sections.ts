import { parseMarkdown } from "../markdown.js";
import { matchesSectionName } from "../matches-section-name.js";
import { sectionHeading } from "../section-heading.js";

/** Names teams give the sections meeting-bot cares about, most common first. */
export const SECTION_NAMES = {
  actionItems: ["Action Items", "Action Points", "Actions", "Next Steps", "Follow-ups", "To-dos", "Todos", "Tasks"],
  openDiscussion: ["Open Discussion", "Discussion", "Open Questions", "Open Topics", "Parking Lot", "Any Other Business", "AOB"],
  agenda: ["Proposed Agenda", "Agenda", "Topics"],
} as const;

export type SectionKind = keyof typeof SECTION_NAMES;
const ALL_NAMES: readonly string[] = Object.values(SECTION_NAMES).flat();

/** Every heading (or pseudo-heading: `**Action items**`, `Action items:`) title of a body, in order. */
export function headingTitles(body: string): Array<{ title: string; depth: number | null }> {
  return parseMarkdown(body).children.flatMap((node) => {
    const heading = sectionHeading(node, body, ALL_NAMES);
    return heading ? [{ title: heading.title, depth: heading.depth }] : [];
  });
}

/**
 * The section names the notes use for each kind, spelled as in SECTION_NAMES: for each kind, the
 * name found in most bodies (each body counts once). A kind no body has is left out.
 */
export function findSetupSections(bodies: readonly string[]): Partial<Record<SectionKind, { name: string; count: number }>> {
  const counts = new Map<string, number>();
  for (const body of bodies) {
    const titles = headingTitles(body).map((heading) => heading.title);
    const named = new Set<string>();
    for (const title of titles) {
      // The first name that fits, in the order above: "Open Discussion" before "Discussion".
      const name = ALL_NAMES.find((candidate) => matchesSectionName(title, candidate));
      if (name) named.add(name);
    }
    for (const name of named) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const found: Partial<Record<SectionKind, { name: string; count: number }>> = {};
  for (const kind of Object.keys(SECTION_NAMES) as SectionKind[]) {
    let best: { name: string; count: number } | undefined;
    for (const name of SECTION_NAMES[kind]) {
      const count = counts.get(name) ?? 0;
      if (count > 0 && (!best || count > best.count)) best = { name, count };
    }
    if (best) found[kind] = best;
  }
  return found;
}
