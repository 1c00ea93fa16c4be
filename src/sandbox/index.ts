/** The local fake GitHub: see docs/SANDBOX.md. */
export { startSandbox, type Sandbox, type SandboxOptions, type ActorOptions } from "./start-sandbox.js";
export type { Fault, FaultRule } from "./faults.js";
export type { LoggedRequest, RequestFilter } from "./request-log.js";
export type { Delivery, DeliveryAttempt, DeliveryMode } from "./webhooks.js";
export type { CheckAnnotation, CheckRun, Comment, Installation, InstallationPermissions, Issue, Permission, Repository, ReviewNote } from "./state.js";
export { HttpError, SandboxError } from "./http-error.js";
