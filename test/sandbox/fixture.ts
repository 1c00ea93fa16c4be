import { ProbotOctokit } from "probot";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/index.js";
import { privateKey } from "../helpers/keys.js";

export const APP_ID = 4242;
export const WEBHOOK_SECRET = "sandbox-secret";
export const REPO = "rust-lang/crates-io-cargo-teams";

export interface World {
  sandbox: Sandbox;
  installationId: number;
  /** Probot's Octokit authenticated as the installation (retries and throttling off so faults surface). */
  octokit: InstanceType<typeof ProbotOctokit>;
  /** Probot's Octokit authenticated as the app (JWT). */
  appOctokit: InstanceType<typeof ProbotOctokit>;
}

export function octokitFor(sandbox: Sandbox, auth: { installationId?: number }, extra: Record<string, unknown> = {}) {
  return new ProbotOctokit({
    baseUrl: sandbox.baseUrl,
    auth: { appId: APP_ID, privateKey, ...auth },
    retry: { enabled: false },
    throttle: { enabled: false },
    ...extra,
  });
}

/** A sandbox with one org installation and one repository. */
export async function startWorld(options: Partial<SandboxOptions> = {}): Promise<World> {
  const sandbox = await startSandbox({ appId: APP_ID, privateKey, webhookSecret: WEBHOOK_SECRET, ...options });
  const installation = sandbox.addInstallation({ account: "rust-lang", type: "Organization" });
  sandbox.addRepository(installation.id, "crates-io-cargo-teams", { defaultBranch: "main" });
  return {
    sandbox,
    installationId: installation.id,
    octokit: octokitFor(sandbox, { installationId: installation.id }),
    appOctokit: octokitFor(sandbox, {}),
  };
}
