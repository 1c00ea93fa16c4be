import { validationFailed } from "../http-error.js";
import { paginate } from "../pagination.js";
import { route } from "../route-table.js";
import { json, type SandboxRequest } from "../sandbox-request.js";
import { REACTION_CONTENTS, type Reaction, type ReactionContent } from "../state.js";
import { actor, bodyObject, requireComment, requireIssue, requireRepository } from "./access.js";

function contentOf(request: SandboxRequest): ReactionContent {
  const content = bodyObject(request).content;
  if (typeof content !== "string" || !(REACTION_CONTENTS as readonly string[]).includes(content)) {
    throw validationFailed({ resource: "Reaction", code: "invalid", field: "content" });
  }
  return content as ReactionContent;
}

/** 201 for a new reaction, 200 when this user already reacted with the same content (GitHub's behaviour). */
function react(request: SandboxRequest, target: { reactions: Reaction[] }) {
  const { reaction, created } = request.state.react(target, actor(request), contentOf(request));
  return json(created ? 201 : 200, request.shapes.reaction(reaction));
}

function list(request: SandboxRequest, target: { reactions: Reaction[] }) {
  const wanted = request.query.get("content");
  const reactions = target.reactions.filter((reaction) => wanted === null || reaction.content === wanted);
  const page = paginate(reactions, request.query, request.url);
  return json(200, page.items.map((reaction) => request.shapes.reaction(reaction)), page.link ? { link: page.link } : undefined);
}

export const reactionRoutes = [
  route("POST", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", "installation", (request) =>
    react(request, requireComment(request, requireRepository(request))),
  ),
  route("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", "installation", (request) =>
    list(request, requireComment(request, requireRepository(request))),
  ),
  route("POST", "/repos/{owner}/{repo}/issues/{issue_number}/reactions", "installation", (request) =>
    react(request, requireIssue(request, requireRepository(request))),
  ),
  route("GET", "/repos/{owner}/{repo}/issues/{issue_number}/reactions", "installation", (request) =>
    list(request, requireIssue(request, requireRepository(request))),
  ),
];
