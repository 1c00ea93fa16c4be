import { HttpError, notFound, validationFailed } from "../http-error.js";
import { route } from "../route-table.js";
import { json } from "../sandbox-request.js";
import type { CheckAnnotation, CheckRun } from "../state.js";
import { bodyObject, numberParam, requireRepository } from "./access.js";

const STATUSES = ["queued", "in_progress", "completed"];
const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"];
const LEVELS = ["notice", "warning", "failure"];
// GitHub takes at most 50 annotations per request (more are sent by updating the run) and 65,535 characters of each text.
const MAX_ANNOTATIONS = 50;
const MAX_OUTPUT = 65_535;

function applyFields(checkRun: CheckRun, body: Record<string, unknown>, now: Date): void {
  if (typeof body.name === "string") checkRun.name = body.name;
  if (typeof body.details_url === "string") checkRun.detailsUrl = body.details_url;
  if (typeof body.external_id === "string") checkRun.externalId = body.external_id;
  if (body.status !== undefined) {
    if (typeof body.status !== "string" || !STATUSES.includes(body.status)) throw validationFailed({ resource: "CheckRun", code: "invalid", field: "status" });
    checkRun.status = body.status as CheckRun["status"];
  }
  if (body.conclusion !== undefined) {
    if (typeof body.conclusion !== "string" || !CONCLUSIONS.includes(body.conclusion)) {
      throw validationFailed({ resource: "CheckRun", code: "invalid", field: "conclusion" });
    }
    // Like GitHub, giving a conclusion completes the run.
    checkRun.conclusion = body.conclusion;
    checkRun.status = "completed";
  }
  if (typeof body.started_at === "string") checkRun.startedAt = new Date(body.started_at);
  if (typeof body.completed_at === "string") checkRun.completedAt = new Date(body.completed_at);
  if (checkRun.status === "completed" && checkRun.completedAt === null) checkRun.completedAt = now;
  const output = body.output;
  if (typeof output === "object" && output !== null) {
    const { title, summary, text, annotations } = output as Record<string, unknown>;
    if (typeof summary !== "string" || typeof title !== "string") throw validationFailed({ resource: "CheckRun", code: "missing_field", field: "output" });
    for (const [field, value] of [["summary", summary], ["text", text]] as const) {
      if (typeof value === "string" && value.length > MAX_OUTPUT) throw validationFailed({ resource: "CheckRun", code: "custom", field: `output.${field}`, message: `${field} is too long (maximum is ${MAX_OUTPUT} characters)` });
    }
    checkRun.output.title = title;
    checkRun.output.summary = summary;
    if (typeof text === "string") checkRun.output.text = text;
    checkRun.annotations.push(...readAnnotations(annotations));
  }
}

/** Validated like GitHub: the required fields, a known level, at most 50 per request. */
function readAnnotations(value: unknown): CheckAnnotation[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new HttpError(422, "Invalid request.\n\nFor 'properties/annotations', it is not an array.");
  if (value.length > MAX_ANNOTATIONS) throw new HttpError(422, `Invalid request.\n\nOnly ${MAX_ANNOTATIONS} annotations are allowed per request.`);
  return value.map((item: unknown, index) => {
    const annotation = (item ?? {}) as Record<string, unknown>;
    const { path, start_line: start, end_line: end, annotation_level: level, message } = annotation;
    if (typeof path !== "string" || path === "" || typeof message !== "string" || !Number.isInteger(start) || !Number.isInteger(end) || typeof level !== "string" || !LEVELS.includes(level)) {
      throw new HttpError(422, `Invalid request.\n\nannotations[${index}] needs path, start_line, end_line, annotation_level (notice, warning or failure) and message.`);
    }
    return {
      path,
      start_line: start as number,
      end_line: end as number,
      annotation_level: level as CheckAnnotation["annotation_level"],
      message,
      ...(typeof annotation.title === "string" ? { title: annotation.title } : {}),
      ...(typeof annotation.raw_details === "string" ? { raw_details: annotation.raw_details } : {}),
    };
  });
}

export const checkRunRoutes = [
  route(
    "POST",
    "/repos/{owner}/{repo}/check-runs",
    "installation",
    (request) => {
      const repository = requireRepository(request);
      const body = bodyObject(request);
      if (typeof body.name !== "string" || body.name === "") throw validationFailed({ resource: "CheckRun", code: "missing_field", field: "name" });
      if (typeof body.head_sha !== "string" || body.head_sha === "") {
        throw validationFailed({ resource: "CheckRun", code: "missing_field", field: "head_sha" });
      }
      const now = request.state.now();
      const checkRun = request.state.createCheckRun(repository, {
        name: body.name,
        headSha: body.head_sha,
        status: "queued",
        conclusion: null,
        detailsUrl: null,
        externalId: null,
        startedAt: now,
        completedAt: null,
        output: { title: null, summary: null, text: null },
        annotations: [],
      });
      applyFields(checkRun, body, now);
      return json(201, request.shapes.checkRun(repository, checkRun));
    },
    ["checks", "write"],
  ),

  route(
    "PATCH",
    "/repos/{owner}/{repo}/check-runs/{check_run_id}",
    "installation",
    (request) => {
      const repository = requireRepository(request);
      const checkRun = repository.checkRuns.get(numberParam(request, "check_run_id"));
      if (!checkRun) throw notFound();
      applyFields(checkRun, bodyObject(request), request.state.now());
      return json(200, request.shapes.checkRun(repository, checkRun));
    },
    ["checks", "write"],
  ),

  // A commit's check runs (a sha, or a branch for its head), newest first; `check_name` and `app_id` filter.
  route("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", "installation", (request) => {
    const repository = requireRepository(request);
    const ref = request.params.ref ?? "";
    const branch = request.state.resolveRef(repository, ref);
    const sha = branch === undefined ? ref : (repository.heads.get(branch) ?? ref);
    const name = request.query.get("check_name");
    const appId = request.query.get("app_id");
    const runs = [...repository.checkRuns.values()]
      .filter((run) => run.headSha === sha && (name === null || run.name === name) && (appId === null || Number(appId) === request.state.appId))
      .sort((a, b) => b.id - a.id);
    return json(200, { total_count: runs.length, check_runs: runs.map((run) => request.shapes.checkRun(repository, run)) });
  }),
];
