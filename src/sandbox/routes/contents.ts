import { HttpError, notFound, validationFailed } from "../http-error.js";
import { route } from "../route-table.js";
import { json, type SandboxRequest } from "../sandbox-request.js";
import type { FileEntry, Repository } from "../state.js";
import { actor, bodyObject, optionalString, requireRepository } from "./access.js";

/**
 * Repository contents. With `Accept: application/vnd.github.raw` (or `.v3.raw`, or any `….raw` preview
 * type, which @probot/octokit-plugin-config sends) a file comes back as its bytes with
 * `text/plain; charset=utf-8`; otherwise as JSON with base64 content. A directory is always a JSON array
 * (`application/json; charset=utf-8`), which the config plugin recognises as "not a file".
 */
export const contentsRoutes = [
  route("GET", "/repos/{owner}/{repo}/contents/{path}", "installation", (request) => {
    const repository = requireRepository(request);
    const path = (request.params.path ?? "").replace(/^\/+|\/+$/g, "");
    // A branch name, or a commit sha that is a branch's head (e.g. a pull request's head).
    const asked = request.query.get("ref") ?? undefined;
    const ref = asked === undefined ? undefined : request.state.resolveRef(repository, asked);
    if (asked !== undefined && ref === undefined) {
      throw notFound();
    }
    const file = request.state.readFile(repository, path, ref);
    if (file) {
      if (wantsRaw(request)) {
        return { status: 200, raw: { content: file.content, contentType: "text/plain; charset=utf-8" }, headers: { etag: `"${file.sha}"` } };
      }
      return json(200, { ...fileShape(request, repository, path, file, ref), content: base64Lines(file.content), encoding: "base64" });
    }
    const children = request.state.listDirectory(repository, path, ref);
    if (!children) throw notFound();
    return json(
      200,
      children.map((child) =>
        child.type === "file" && child.entry
          ? fileShape(request, repository, child.path, child.entry, ref)
          : dirShape(request, repository, child.path, ref),
      ),
    );
  }),
];

/**
 * Create or update a file with a commit (`contents: write`), as GitHub does: updating needs the
 * current blob `sha` (422 without it, 409 when it is not the current one). The commit is pushed:
 * a `push` webhook, and `pull_request.synchronize` for pull requests from that branch.
 */
export const contentsWriteRoutes = [
  route(
    "PUT",
    "/repos/{owner}/{repo}/contents/{path}",
    "installation",
    (request) => {
      const repository = requireRepository(request);
      const path = (request.params.path ?? "").replace(/^\/+|\/+$/g, "");
      const body = bodyObject(request);
      const message = optionalString(body, "message");
      const content = optionalString(body, "content");
      const sha = optionalString(body, "sha");
      const branch = optionalString(body, "branch") ?? repository.defaultBranch;
      if (!message) throw validationFailed({ resource: "Commit", code: "missing_field", field: "message" });
      if (content === undefined || !/^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/.test(content)) throw validationFailed({ resource: "Commit", code: "invalid", field: "content" });
      if (!repository.files.has(branch)) throw new HttpError(404, `Branch ${branch} not found`);
      const existing = request.state.readFile(repository, path, branch);
      if (existing && sha === undefined) throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
      if (sha !== undefined && existing?.sha !== sha) throw new HttpError(409, `${path} does not match ${sha}`);
      const author = actor(request);
      const entry = request.state.putFile(repository.fullName, path, Buffer.from(content, "base64"), { branch, push: true, user: author.login, message });
      const commitSha = repository.heads.get(branch) ?? "";
      return json(existing ? 200 : 201, {
        content: fileShape(request, repository, path, entry, branch),
        commit: request.shapes.commit(repository, commitSha, message, author, request.state.now()),
      });
    },
    ["contents", "write"],
  ),
];

function wantsRaw(request: SandboxRequest): boolean {
  const accept = String(request.headers.accept ?? "");
  return /application\/vnd\.github(\.[\w-]+)*\.raw\b/.test(accept) || accept.includes("application/vnd.github.raw");
}

/** GitHub wraps base64 content at 60 characters per line. */
function base64Lines(content: Buffer): string {
  const encoded = content.toString("base64");
  return `${encoded.match(/.{1,60}/g)?.join("\n") ?? ""}\n`;
}

function links(request: SandboxRequest, repository: Repository, path: string, ref: string | undefined, kind: "blob" | "tree", sha: string) {
  const branch = ref ?? repository.defaultBranch;
  const url = `${request.shapes.api}/repos/${repository.fullName}/contents/${path}?ref=${encodeURIComponent(branch)}`;
  const gitUrl = `${request.shapes.api}/repos/${repository.fullName}/git/${kind === "blob" ? "blobs" : "trees"}/${sha}`;
  const htmlUrl = `${request.shapes.web}/${repository.fullName}/${kind}/${branch}/${path}`;
  return { url, git_url: gitUrl, html_url: htmlUrl, _links: { self: url, git: gitUrl, html: htmlUrl } };
}

function fileShape(request: SandboxRequest, repository: Repository, path: string, file: FileEntry, ref: string | undefined) {
  const branch = ref ?? repository.defaultBranch;
  return {
    type: "file",
    name: path.split("/").pop() ?? path,
    path,
    sha: file.sha,
    size: file.content.length,
    ...links(request, repository, path, ref, "blob", file.sha),
    download_url: `${request.shapes.web}/raw/${repository.fullName}/${branch}/${path}`,
  };
}

function dirShape(request: SandboxRequest, repository: Repository, path: string, ref: string | undefined) {
  const sha = "0".repeat(40);
  return {
    type: "dir",
    name: path.split("/").pop() ?? path,
    path,
    sha,
    size: 0,
    ...links(request, repository, path, ref, "tree", sha),
    download_url: null,
  };
}
