import type { RepoRef } from "../github/github-client.js";
import type { LabeledThread } from "../github/list-labeled-threads.js";
import type { RepoSetup } from "../github/load-repo-setup.js";

/** What is known of a repo's default branch when its setup is read: its name, and maybe its head already. */
export type RepoHead = { defaultBranch: string } | { defaultBranch: string; headSha: string | undefined };

/** What the app knows of one installed repo: shared by the composition root and every pipeline. */
export interface RepoEntry {
  installationId: number;
  ref: RepoRef;
  setup: RepoSetup;
  /** The default branch, and its head commit the setup was read at (for reconciling); undefined when not known. */
  defaultBranch?: string | undefined;
  headSha?: string | undefined;
  /** Labels known to exist, so the label check is paid once per repo and process. */
  knownLabels: Set<string>;
  /**
   * Open threads carrying each agenda label, read once per label and process, then kept current by
   * `issues`/`pull_request` webhooks, so a weekly creation needs no extra request for them.
   */
  proposals: Map<string, Map<number, LabeledThread>>;
}
