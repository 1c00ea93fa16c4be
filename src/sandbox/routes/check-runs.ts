import { notFound, validationFailed } from "../http-error.js";
import { route } from "../route-table.js";
import { json } from "../sandbox-request.js";
import type { CheckRun } from "../state.js";
import { bodyObject, numberParam, requireRepository } from "./access.js";

const STATUSES = ["queued", "in_progress", "completed"];
const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"];

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
    const { title, summary, text } = output as Record<string, unknown>;
    if (typeof title === "string") checkRun.output.title = title;
    if (typeof summary === "string") checkRun.output.summary = summary;
    if (typeof text === "string") checkRun.output.text = text;
  }
}

export const checkRunRoutes = [
  route("POST", "/repos/{owner}/{repo}/check-runs", "installation", (request) => {
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
    });
    applyFields(checkRun, body, now);
    return json(201, request.shapes.checkRun(repository, checkRun));
  }),

  route("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", "installation", (request) => {
    const repository = requireRepository(request);
    const checkRun = repository.checkRuns.get(numberParam(request, "check_run_id"));
    if (!checkRun) throw notFound();
    applyFields(checkRun, bodyObject(request), request.state.now());
    return json(200, request.shapes.checkRun(repository, checkRun));
  }),
];
