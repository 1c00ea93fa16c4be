import type { Nodes } from "mdast";

/**
 * The words a reader sees in a node: emphasis, links and code lose their markup, images keep
 * their alt text, inline HTML (usually a comment) disappears, line breaks become spaces.
 */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
      return node.value;
    case "image":
      return node.alt ?? "";
    case "break":
      return " ";
    case "html":
      return "";
    default:
      return "children" in node ? node.children.map((child) => plainText(child)).join("") : "";
  }
}
