import type { ListItem, Nodes, Root } from "mdast";
import type { Section } from "./find-sections.js";
import { plainText } from "./plain-text.js";

/** Open tasks (`- [ ]`) no section holds, grouped by the heading they are under (`""` before any heading). */
export interface OpenTasksOutside {
  count: number;
  headings: string[];
}

/**
 * The open tasks of a meeting body that lie outside every one of `sections` (the carried ones and
 * any read otherwise, such as the agenda): the carry-over leaves them behind, so the app says so.
 * A task list under `### Priya` inside `## Action Items` ends that section (any heading does): this
 * is how a team learns that its notes and its `carryOver` setting disagree.
 */
export function openTasksOutside(tree: Root, sections: readonly Section[], collected: ReadonlyArray<{ start: number; end: number }> = []): OpenTasksOutside {
  // Calls to action the app collects (`- [ ] TODO: …`) are not left behind either.
  const inside = (offset: number) =>
    sections.some((section) => offset >= section.heading.start && offset < section.end) || collected.some((place) => offset >= place.start && offset < place.end);
  const headings: string[] = [];
  let count = 0;
  let heading = "";
  for (const node of tree.children) {
    if (node.type === "heading") heading = plainText(node).trim();
    for (const task of openTasks(node)) {
      const at = task.position?.start.offset ?? 0;
      if (inside(at)) continue;
      count += 1;
      if (!headings.includes(heading)) headings.push(heading);
    }
  }
  return { count, headings };
}

function openTasks(node: Nodes): ListItem[] {
  const own = node.type === "listItem" && node.checked === false ? [node] : [];
  return [...own, ...("children" in node ? node.children.flatMap((child) => openTasks(child as Nodes)) : [])];
}
