import { HttpError, notFound, validationFailed } from "../http-error.js";
import { route } from "../route-table.js";
import { json } from "../sandbox-request.js";
import { bodyObject, requireRepository } from "./access.js";

/**
 * Branches as git refs: read one (a branch's head: how the app tells, in one conditional request,
 * that nothing in a repo changed), create one (`contents: write`). Tags and other refs are not modelled.
 */
export const gitRefRoutes = [
  route("GET", "/repos/{owner}/{repo}/git/ref/{ref}", "installation", (request) => {
    const repository = requireRepository(request);
    const ref = request.params.ref ?? "";
    const branch = ref.startsWith("heads/") ? ref.slice("heads/".length) : undefined;
    if (branch === undefined || !repository.heads.has(branch)) throw notFound();
    return json(200, request.shapes.gitRef(repository, branch));
  }),

  route(
    "POST",
    "/repos/{owner}/{repo}/git/refs",
    "installation",
    (request) => {
      const repository = requireRepository(request);
      const body = bodyObject(request);
      const { ref, sha } = body;
      if (typeof ref !== "string" || !/^refs\/heads\/[^\s~^:?*[\\]+$/.test(ref) || ref.split("/").length < 3) {
        throw new HttpError(422, "Reference name is invalid");
      }
      if (typeof sha !== "string") throw validationFailed({ resource: "Reference", code: "missing_field", field: "sha" });
      const branch = ref.slice("refs/heads/".length);
      if (repository.files.has(branch)) throw new HttpError(422, "Reference already exists");
      if (!request.state.createBranch(repository, branch, sha)) throw new HttpError(422, "Object does not exist");
      return json(201, request.shapes.gitRef(repository, branch), { location: `${request.shapes.api}/repos/${repository.fullName}/git/${ref}` });
    },
    ["contents", "write"],
  ),
];
