import { HttpError, notFound, validationFailed } from "../http-error.js";
import { paginate } from "../pagination.js";
import { route } from "../route-table.js";
import { json } from "../sandbox-request.js";
import { actor, bodyObject, checkBodyLength, numberParam, optionalString, requireRepository } from "./access.js";
import { openIssueCount } from "./app.js";

/** Pull requests from branches of the same repository: open one, list them, read the files they change. */
export const pullRoutes = [
  route(
    "POST",
    "/repos/{owner}/{repo}/pulls",
    "installation",
    (request) => {
      const repository = requireRepository(request);
      const body = bodyObject(request);
      const title = optionalString(body, "title");
      const text = optionalString(body, "body");
      const head = optionalString(body, "head")?.replace(new RegExp(`^${repository.owner.login}:`, "i"), "");
      const base = optionalString(body, "base");
      if (!title) throw validationFailed({ resource: "PullRequest", code: "missing_field", field: "title" });
      if (!head || !repository.files.has(head)) throw validationFailed({ resource: "PullRequest", code: "invalid", field: "head" });
      if (!base || !repository.files.has(base)) throw validationFailed({ resource: "PullRequest", code: "invalid", field: "base" });
      checkBodyLength(text, "PullRequest");
      const open = [...repository.issues.values()].find((issue) => issue.pull?.head === head && issue.pull.base === base && issue.state === "open");
      if (open) {
        throw validationFailed({ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${repository.owner.login}:${head}.` });
      }
      const pull = request.state.openPullRequest(repository, { title, body: text ?? null, head, base }, actor(request));
      if (request.state.pullFiles(repository, pull).length === 0) {
        repository.issues.delete(pull.number);
        throw validationFailed({ resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` });
      }
      const shape = request.shapes.pullRequest(repository, pull, openIssueCount(repository), request.state.pullFiles(repository, pull));
      return json(201, shape, { location: String(shape.url) });
    },
    ["pull_requests", "write"],
  ),

  // `state` (open by default), `head` ("owner:branch") and `base` filter, newest first.
  route("GET", "/repos/{owner}/{repo}/pulls", "installation", (request) => {
    const repository = requireRepository(request);
    const state = request.query.get("state") ?? "open";
    if (!["open", "closed", "all"].includes(state)) throw validationFailed({ resource: "PullRequest", code: "invalid", field: "state" });
    const head = request.query.get("head");
    const base = request.query.get("base");
    const pulls = [...repository.issues.values()]
      .filter((issue) => issue.pull && !issue.deleted && (state === "all" || issue.state === state))
      .filter((issue) => head === null || `${repository.owner.login}:${issue.pull?.head}`.toLowerCase() === head.toLowerCase())
      .filter((issue) => base === null || issue.pull?.base === base)
      .sort((a, b) => b.number - a.number);
    const page = paginate(pulls, request.query, request.url);
    return json(
      200,
      page.items.map((pull) => request.shapes.pullRequest(repository, pull, openIssueCount(repository))),
      page.link ? { link: page.link } : undefined,
    );
  }),

  route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files", "installation", (request) => {
    const repository = requireRepository(request);
    const pull = repository.issues.get(numberParam(request, "pull_number"));
    if (!pull?.pullRequest || pull.deleted) throw notFound();
    if (!pull.pull) throw new HttpError(422, "This sandbox pull request has no branches; open it with openPullRequest()");
    const files = request.state.pullFiles(repository, pull);
    const page = paginate(files, request.query, request.url);
    return json(
      200,
      page.items.map((file) => request.shapes.pullFile(repository, pull.pull?.head ?? repository.defaultBranch, file)),
      page.link ? { link: page.link } : undefined,
    );
  }),
];
