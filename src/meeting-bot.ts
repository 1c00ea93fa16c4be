import { DateTime } from "luxon";
import type { ApplicationFunction, Logger, Probot } from "probot";
import { DEFAULT_CONFIG_PATH } from "./config/parse-config.js";
import type { SeriesConfig } from "./config/schema.js";
import type { Occurrence } from "./core/schedule.js";
import { pushedPaths } from "./github/pushed-paths.js";
import { repoName, type GitHubClient, type RepoRef } from "./github/github-client.js";
import { listLabeledThreads, type LabeledThread } from "./github/list-labeled-threads.js";
import { withRequestTimeout } from "./github/request-timeout.js";
import { loadRepoSetup } from "./github/load-repo-setup.js";
import { rewriteEditor, type MeetingIssueRef } from "./meetings/agenda-editor.js";
import { ensureMeetingIssue, type EnsureMeetingIssueResult } from "./meetings/ensure-meeting-issue.js";
import { AGENDA_EVENTS, agendaCommentFrom } from "./meetings/agenda-comment.js";
import { AgendaCommands } from "./meetings/agenda-commands.js";
import type { AgendaDeps } from "./meetings/handle-agenda-comment.js";
import { ensureLeaseKey } from "./meetings/ensure-lease-key.js";
import { MeetingSkippedError } from "./meetings/meeting-skipped-error.js";
import { SeriesSchedules } from "./meetings/series-schedules.js";
import { registerSetupHandlers, type SetupHooks } from "./meetings/setup-handlers.js";
import { calendarHandler } from "./calendar/calendar-route.js";
import { calendarSettings, calendarSite } from "./calendar/calendar-settings.js";
import { scheduleSpec } from "./config/schedule-spec.js";
import { upcomingMeeting } from "./core/meeting-schedule.js";
import { appLoginFrom } from "./github/app-login.js";
import { InFlight } from "./shutdown/in-flight.js";
import { handleAgendaLabel } from "./meetings/handle-agenda-label.js";
import { IssueEditQueue } from "./meetings/issue-edit-queue.js";
import type { RepoEntry, RepoHead } from "./meetings/repo-entry.js";
import { Scheduler, type SeriesJob, type TickReport } from "./scheduler/scheduler.js";
import { createStore } from "./store/create-store.js";
import type { Store } from "./store/store.js";
import { LeaseBusyError } from "./store/lease-busy-error.js";
import { withLease } from "./store/with-lease.js";
import type { Server } from "node:http";
import { creationTime } from "./core/schedule.js";
import { statusOf } from "./github/is-transient-error.js";
import { Metrics } from "./metrics/metrics.js";
import { metricsExposure, metricsHandler, startMetricsServer } from "./metrics/metrics-endpoint.js";
import type { ScheduledTask } from "node-cron";
import { cachedFileReader } from "./github/cached-file-reader.js";
import { readHead, reconcile, syncFromStore, type ReconcileReport } from "./scheduler/reconcile.js";
import { checkReconcileCron, DEFAULT_RECONCILE_CRON, scheduleReconcile } from "./scheduler/schedule-reconcile.js";

export interface MeetingBotOptions {
  /** The clock. Tests and the demo pass a fake one; the core never reads the time itself. */
  now?: () => DateTime;
  /** Leases and de-duplication; default: Redis when REDIS_URL is set, else memory. */
  store?: Store;
  env?: Record<string, string | undefined>;
  /** "timer" (default): wake up when the next series is due; "manual": only `tick()` runs the scheduler. */
  scheduling?: "timer" | "manual";
  /** Deadline of each GitHub request attempt (default 30 s): a request GitHub never answers must not hang a tick. */
  requestTimeoutMs?: number;
  /** Prometheus metrics; served on /metrics only when METRICS_TOKEN or METRICS_PORT is set. */
  metrics?: Metrics;
}

/** The running app, for wiring (index.ts), tests and the demo. */
export interface MeetingBot {
  appFn: ApplicationFunction;
  /** Resolves when every installed repo's config has been read once (start-up discovery). */
  ready(): Promise<void>;
  /** Run the scheduler now: create every meeting issue that is due. */
  tick(): Promise<TickReport>;
  repos: ReadonlyMap<string, RepoEntry>;
  /** Re-read a repo's config and templates (after a push to them, or an install). */
  refreshRepo(installationId: number, ref: RepoRef, head?: RepoHead): Promise<RepoEntry>;
  /** Compare installations, repos and configs with GitHub (conditional requests) and apply what changed. */
  reconcile(): Promise<ReconcileReport>;
  /** What a replica not elected for a reconcile does: re-read repos whose head another replica saw move (no request for unchanged). */
  syncFromStore(): Promise<number>;
  /** Ensure the issue of one occurrence of one series (the scheduler's and `/agenda`'s one path). */
  ensureIssue(entry: RepoEntry, seriesId: string, occurrence: Occurrence): Promise<EnsureMeetingIssueResult>;
  /** Serialised, coalesced edits of meeting issue bodies (`/agenda`). */
  edits: IssueEditQueue;
  /** `/agenda` comments: run, retried, queued (with REDIS_URL, in Redis). */
  commands: AgendaCommands;
  metrics: Metrics;
  /**
   * Stop gracefully (SIGTERM): no new ticks or cron runs, new comments queued rather than started,
   * work in flight finishes within `graceMs`; then the store closes.
   */
  shutdown(graceMs: number): Promise<{ drained: boolean }>;
  stop(): Promise<void>;
}

const MINUTE = 60_000;
const ENSURE_LEASE_MS = 5 * MINUTE;
// GitHub ends API requests after 10 s; a request still unanswered after 30 s is not coming back.
const REQUEST_TIMEOUT_MS = 30_000;
// A timer that never sleeps longer than this notices a clock jump (suspend, NTP) within a minute.
const MAX_SLEEP_MS = 60_000;
const SHARED_POLL_MS = 10_000;

export function createMeetingBot(options: MeetingBotOptions = {}): MeetingBot {
  const now = options.now ?? (() => DateTime.utc());
  const store = options.store ?? createStore(options.env ?? process.env);
  const repos = new Map<string, RepoEntry>();
  let probot: Probot | undefined;
  let log: Logger | undefined;
  let discovery: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const attached = () => {
    if (!probot || !log) throw new Error("meeting-bot: the app function has not been loaded by Probot yet");
    return { probot, log };
  };
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const metrics: Metrics = options.metrics ?? new Metrics({ retriesPending: (): Promise<number> => commands.retries.size() });
  const env = options.env ?? process.env;
  const octokitFor = async (installationId: number): Promise<GitHubClient> =>
    countErrors(withRequestTimeout((await attached().probot.auth(installationId)) as GitHubClient, requestTimeoutMs), metrics);
  // Webhook handlers use the event's own client: give it the same deadline.
  const timed = <C extends { octokit: unknown }>(context: C): C => {
    countErrors(withRequestTimeout(context.octokit as GitHubClient, requestTimeoutMs), metrics);
    return context;
  };

  const edits = new IssueEditQueue({ store });
  const inFlight = new InFlight();
  // `/meeting` skips and moves, as last read from GitHub; the scheduler follows them.
  const schedules = new SeriesSchedules({
    onChange: (ref, seriesId, changes, recheck) => {
      scheduler?.setChanges(ref, seriesId, changes, { recheck });
      if (recheck) wake();
    },
  });
  const calendar = calendarSettings(env);
  // Onboarding, config checks and the archive (setup-handlers.ts), once Probot has loaded the app.
  let setupHooks: SetupHooks | undefined;
  const appClient = async () => countErrors(withRequestTimeout((await attached().probot.auth()) as GitHubClient, requestTimeoutMs), metrics);
  // The app's own login (GET /app): its meeting issues are listed by creator, so issues others
  // open with the label cannot crowd them out. Known from the first start, installed or not.
  const appLogin = appLoginFrom(appClient);
  // The issue of each occurrence, once known (from the scheduler or a command), so `/agenda` then
  // reads and writes only that issue. Concurrent commands share one lookup.
  const meetingIssues = new Map<string, Promise<MeetingIssueRef>>();
  const occurrenceKey = (entry: RepoEntry, seriesId: string, occurrence: Occurrence) => `${repoName(entry.ref)}#${seriesId}#${occurrence.key}`;
  const meetingIssue = (entry: RepoEntry, series: SeriesConfig, occurrence: Occurrence): Promise<MeetingIssueRef> => {
    const key = occurrenceKey(entry, series.id, occurrence);
    let known = meetingIssues.get(key);
    if (!known) {
      known = retryWhileBusy(() => ensureIssue(entry, series.id, occurrence)).then((result) => {
        // Skipped (by `/meeting`) since the caller chose it: it learned so, and chooses again.
        if (result.skipped || !result.issue) throw new MeetingSkippedError(`${repoName(entry.ref)}: the meeting ${occurrence.key} of ${series.id} is skipped`);
        return result.issue;
      });
      known.catch(() => meetingIssues.delete(key));
      if (meetingIssues.size > 10_000) meetingIssues.clear();
      meetingIssues.set(key, known);
    }
    return known;
  };
  // The issue turned out deleted or transferred: the next lookup searches (or creates) afresh.
  const forgetMeetingIssue = (entry: RepoEntry, series: SeriesConfig, occurrence: Occurrence) => {
    meetingIssues.delete(occurrenceKey(entry, series.id, occurrence));
  };

  const proposalsOf = async (entry: RepoEntry, label: string): Promise<LabeledThread[]> => {
    let threads = entry.proposals.get(label);
    if (!threads) {
      const listed = await listLabeledThreads(await octokitFor(entry.installationId), entry.ref, label);
      threads = new Map(listed.map((thread) => [thread.number, thread]));
      entry.proposals.set(label, threads);
    }
    return [...threads.values()].sort((a, b) => a.number - b.number);
  };

  const ensureIssue = async (entry: RepoEntry, seriesId: string, occurrence: Occurrence, options: { onlyWhenDue?: boolean } = {}) => {
    if (entry.setup.status !== "ready") throw new Error(`${repoName(entry.ref)} has no usable config`);
    const series = entry.setup.config.series.find((candidate) => candidate.id === seriesId);
    if (!series) throw new Error(`${repoName(entry.ref)} has no series "${seriesId}"`);
    const template = entry.setup.templates.get(series.template);
    if (!template) throw new Error(`${repoName(entry.ref)}: template ${series.template} was not loaded`);
    const key = ensureLeaseKey(entry.ref, series.id, occurrence.key);
    const result = await withLease(store, key, ENSURE_LEASE_MS, async () => {
      const octokit = await octokitFor(entry.installationId);
      const site = calendarSite(calendar, entry.ref, series.id);
      return ensureMeetingIssue({
        octokit,
        appLogin: await appLogin(),
        ...(site ? { calendar: site } : {}),
        now: now(),
        // In turn with `/agenda` edits of the same issue, so neither overwrites the other.
        editBody: (issueNumber, edit) => edits.submit(`${repoName(entry.ref)}#${issueNumber}`, edit, rewriteEditor(octokit, entry.ref, issueNumber)),
        log: attached().log,
        ref: entry.ref,
        series,
        template,
        templatePath: series.template,
        occurrence,
        knownLabels: entry.knownLabels,
        proposals: () => proposalsOf(entry, series.agenda.label),
        ...(options.onlyWhenDue ? { onlyWhenDue: true } : {}),
      });
    });
    schedules.learn(entry.ref, series.id, result.changes);
    if (result.issue && !result.skipped) meetingIssues.set(occurrenceKey(entry, series.id, occurrence), Promise.resolve(result.issue));
    if (result.created) metrics.meetingCreated(result.previous !== null);
    return result;
  };

  const runJob = async (job: SeriesJob, occurrence: Occurrence) => {
    const entry = repos.get(repoName(job.ref));
    metrics.schedulerLateness((now().toMillis() - creationTime(job.spec, occurrence).toMillis()) / 1000);
    // Only when due as GitHub's decisions say: this replica may not have heard of a move yet.
    if (entry) await ensureIssue(entry, job.series.id, occurrence, { onlyWhenDue: true });
  };
  let scheduler: Scheduler | undefined;
  const scheduled = () => {
    scheduler ??= new Scheduler({ now, log: attached().log, run: runJob });
    return scheduler;
  };

  // Reads that failed (GitHub down as the app started, or during a push's re-read) are tried again
  // by a later tick, backing off like the scheduler, so a bad minute at start-up loses no repo.
  const failedReads = new Map<string, () => Promise<unknown>>();
  let readsFailedInARow = 0;
  let readsRetryAt = 0;
  const readLater = (key: string, read: () => Promise<unknown>) => {
    if (failedReads.size === 0 && readsFailedInARow === 0) readsRetryAt = now().toMillis() + MINUTE;
    failedReads.set(key, read);
  };
  const retryFailedReads = async () => {
    if (failedReads.size === 0 || now().toMillis() < readsRetryAt) return;
    const reads = [...failedReads.values()];
    failedReads.clear();
    readsFailedInARow++;
    // Each read registers itself again if it fails again.
    for (const read of reads) await read().catch(() => undefined);
    if (failedReads.size === 0) {
      readsFailedInARow = 0;
      return;
    }
    const delay = Math.min(MINUTE * 2 ** readsFailedInARow, 15 * MINUTE);
    readsRetryAt = now().toMillis() + delay;
    attached().log.warn({ reads: [...failedReads.keys()], retryInSeconds: delay / 1000 }, `could not read ${failedReads.size} installation(s) or repo(s) again; trying again in ${delay / 1000} s`);
  };

  // One read of a repo's setup at a time, each starting from what is current then: a slow read for
  // an older push must not finish after (and overwrite) the read for a newer one.
  const refreshing = new Map<string, Promise<RepoEntry>>();
  const refreshRepo = (installationId: number, ref: RepoRef, head?: RepoHead): Promise<RepoEntry> => {
    const name = repoName(ref);
    const run = (refreshing.get(name) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => loadRepo(installationId, ref, head));
    refreshing.set(name, run);
    const done = () => {
      if (refreshing.get(name) === run) refreshing.delete(name);
    };
    run.then(
      () => {
        done();
        failedReads.delete(`repo:${name}`);
      },
      () => {
        done();
        readLater(`repo:${name}`, () => refreshRepo(installationId, ref, head?.defaultBranch ? { defaultBranch: head.defaultBranch } : undefined));
      },
    );
    return run;
  };

  const loadRepo = async (installationId: number, ref: RepoRef, head?: RepoHead): Promise<RepoEntry> => {
    const octokit = await octokitFor(installationId);
    const name = repoName(ref);
    const previous = repos.get(name);
    // The head first, then the files: files read after it are at least as new.
    const defaultBranch = head?.defaultBranch ?? previous?.defaultBranch;
    const headSha = head && "headSha" in head ? head.headSha : defaultBranch ? await readHead(octokit, store, ref, defaultBranch) : undefined;
    const setup = await loadRepoSetup(octokit, ref, DEFAULT_CONFIG_PATH, headSha ? cachedFileReader(store, headSha) : undefined);
    const entry: RepoEntry = {
      installationId,
      ref,
      setup,
      defaultBranch,
      headSha,
      knownLabels: previous?.knownLabels ?? new Set(),
      proposals: previous?.proposals ?? new Map(),
    };
    repos.set(name, entry);
    if (setup.status === "ready") {
      scheduled().setRepo(installationId, ref, setup.config.series);
      attached().log.info({ repo: name, series: setup.config.series.map((series) => series.id) }, "meeting config loaded");
      // Set up by a push (the onboarding issue's files, say, in either order: a config first is
      // "invalid" until its template lands): the onboarding issue is done.
      if (previous && previous.setup.status !== "ready") await setupHooks?.configured(entry);
    } else {
      scheduled().removeRepo(ref);
      // Logged once per load (start-up or a push), never once per tick.
      if (setup.status === "invalid") {
        attached().log.error({ repo: name, file: setup.file }, `${name}: ${setup.message}; no meeting issues until it is fixed`);
      } else if (previous && previous.setup.status !== "unconfigured") {
        attached().log.warn({ repo: name, file: DEFAULT_CONFIG_PATH }, `${name}: ${DEFAULT_CONFIG_PATH} was removed; no meeting issues until it is added back`);
      }
    }
    wake();
    return entry;
  };

  const forgetRepo = (ref: RepoRef) => {
    repos.delete(repoName(ref));
    failedReads.delete(`repo:${repoName(ref)}`);
    scheduled().removeRepo(ref);
  };

  // Installations, repos, configs and templates as GitHub has them now, read conditionally: at
  // start (every repo is new) and by the periodic job (only what changed; webhooks may be missed).
  const reconcileNow = () =>
    reconcile({
      appClient,
      octokitFor,
      store,
      known: () => repos.values(),
      refresh: (installationId, ref, head) => refreshRepo(installationId, ref, head),
      forget: forgetRepo,
      log: attached().log,
    });
  /** Read the config of every repo of every installation once. */
  const discover = async (): Promise<void> => {
    try {
      const login = await appLogin();
      attached().log.info({ login }, `running as ${login}`);
      const report = await reconcileNow();
      if (report.failed > 0) readLater("installations", discover);
    } catch (error) {
      attached().log.error({ err: error }, "could not list the app's installations; trying again later");
      readLater("installations", discover);
    }
  };
  const syncReplica = () =>
    syncFromStore(
      { store, known: () => repos.values(), refresh: (installationId, ref, head) => refreshRepo(installationId, ref, head), log: attached().log },
      (repo) => repos.get(repoName(repo.ref))?.defaultBranch,
    );
  let cronJob: ScheduledTask | undefined;
  const reconcileCron = env.MEETING_BOT_RECONCILE_CRON?.trim() || DEFAULT_RECONCILE_CRON;
  const startReconcileJob = () => {
    if (reconcileCron === "off" || options.scheduling === "manual" || stopped) return;
    cronJob = scheduleReconcile(
      reconcileCron,
      store,
      async () => {
        const started = Date.now();
        const report = await inFlight.run(reconcileNow);
        metrics.reconciled((Date.now() - started) / 1000);
        attached().log.info({ ...report, ms: Date.now() - started }, "reconciled installations, repositories and configs with GitHub");
      },
      attached().log,
      // Another replica runs this firing: take up what it (or a push another replica received) read.
      () => inFlight.run(syncReplica).then(() => undefined),
    );
  };

  const seriesIssues = async (entry: RepoEntry, series: SeriesConfig) => schedules.read(await octokitFor(entry.installationId), entry.ref, series, await appLogin());
  const agendaDeps: AgendaDeps = {
    now,
    store,
    edits,
    repo: (name: string) => repos.get(name),
    meetingIssue,
    forgetMeetingIssue,
    onCommand: (ok: boolean) => metrics.command(ok ? "ok" : "refused"),
    upcoming: (entry, series) => upcomingMeeting(scheduleSpec(series), schedules.known(entry.ref, series.id), now()).meeting,
    meetings: {
      now,
      store,
      edits,
      seriesIssues: async (entry, series, octokit) => schedules.read(octokit, entry.ref, series, await appLogin()),
      learned: (entry, series, changes) => {
        // A skip, unskip or move may retitle or renumber issues: the next `/agenda` looks them up afresh.
        const prefix = `${repoName(entry.ref)}#${series.id}#`;
        for (const key of [...meetingIssues.keys()]) if (key.startsWith(prefix)) meetingIssues.delete(key);
        schedules.learn(entry.ref, series.id, changes, { recheck: true });
      },
      ensure: (entry, seriesId, occurrence) => retryWhileBusy(() => ensureIssue(entry, seriesId, occurrence)),
      calendar: (entry, series) => calendarSite(calendar, entry.ref, series.id),
    },
  };
  // `/agenda` commands, and those that failed because GitHub did, run again by later ticks.
  const commands: AgendaCommands = new AgendaCommands({ now, log: () => attached().log, octokitFor, deps: agendaDeps, onFailure: (outcome) => metrics.command(outcome) });

  const tick = () =>
    inFlight.run(async () => {
      await retryFailedReads();
      await commands.retryDue();
      return scheduled().tick();
    });

  // Sleep until the next series is due (at most a minute), tick, repeat.
  function wake(): void {
    if (options.scheduling === "manual" || stopped || !probot) return;
    if (timer) clearTimeout(timer);
    const next = earliest(scheduled().nextWakeUp(), commands.retries.nextWakeUpMs);
    // With Redis, other replicas may queue work for this one (a command left by a replica that
    // stopped or died): look every 10 s, one cheap Redis read.
    const maxSleep = store.shared ? SHARED_POLL_MS : MAX_SLEEP_MS;
    const delay = next === undefined ? maxSleep : Math.min(Math.max(0, next - now().toMillis()), maxSleep);
    timer = setTimeout(() => {
      timer = undefined;
      const ticking = tick();
      // The due series left the queue as the tick began: sleep until the next one now, not when
      // these runs end (runs wait on GitHub, whose throttling spaces an installation's writes seconds apart).
      wake();
      ticking.catch((error: unknown) => attached().log.error({ err: error }, "scheduler tick failed")).finally(wake);
    }, delay);
    timer.unref();
  }

  let metricsServer: Server | undefined;
  const appFn: ApplicationFunction = async (app, appOptions) => {
    probot = app;
    log = app.log;
    checkReconcileCron(reconcileCron);
    // /metrics: off unless asked for, and never public by accident (a bearer token, or a port of its own).
    const exposure = metricsExposure(env);
    if (exposure) metrics.withProcessMetrics();
    if (exposure?.token) appOptions?.addHandler?.(metricsHandler(metrics, exposure.token));
    if (exposure?.port) {
      metricsServer = await startMetricsServer(metrics, exposure.port, exposure.host ?? "127.0.0.1");
      app.log.info({ port: exposure.port, host: exposure.host }, `metrics on http://${exposure.host}:${exposure.port}/metrics`);
    }
    // With REDIS_URL, Redis must answer before the app takes any work: never a silent fall-back to memory.
    await store.connect();
    // Every handler counts as work in flight, so a shutdown lets it finish. Handlers wait for the
    // start-up read of the installed repos: a command delivered in a fresh process's first seconds
    // must not find its repository "not configured" yet.
    const onWebhook = ((events: Parameters<Probot["on"]>[0], handler: (context: unknown) => Promise<void>) =>
      app.on(events, (context) =>
        inFlight.run(async () => {
          await discovery;
          await handler(context);
        }),
      )) as unknown as Probot["on"];
    // Each series' iCalendar feed, on the app's own HTTP server.
    appOptions?.addHandler?.(calendarHandler({ settings: calendar, repo: (name) => repos.get(name), seriesIssues, now, log: app.log }));
    const hooks = registerSetupHandlers(onWebhook, { now, store, log: app.log, repos, configPath: DEFAULT_CONFIG_PATH, octokitFor, appLogin, timed });
    setupHooks = hooks;
    registerWebhooks(onWebhook, { repos, refreshRepo, forgetRepo, configPath: DEFAULT_CONFIG_PATH, repoAdded: (entry) => hooks.repoAdded(entry) });
    // Conversation comments, PR diff comments and review summaries: wherever people write.
    onWebhook([...AGENDA_EVENTS], async (context) => {
      const { octokit, log: eventLog } = timed(context);
      await commands.fromWebhook(agendaCommentFrom(context.payload), context.payload.installation?.id, { octokit: octokit as unknown as GitHubClient, log: eventLog });
    });
    onWebhook(["issues.labeled", "issues.unlabeled", "issues.closed", "issues.reopened", "issues.edited"], (context) => handleAgendaLabel(timed(context), agendaDeps));
    onWebhook(["pull_request.labeled", "pull_request.unlabeled", "pull_request.closed", "pull_request.reopened", "pull_request.edited"], (context) =>
      handleAgendaLabel(timed(context), agendaDeps),
    );
    discovery = inFlight.run(discover).finally(() => {
      wake();
      startReconcileJob();
    });
  };

  return {
    appFn,
    ready: async () => {
      await discovery;
    },
    tick,
    repos,
    refreshRepo,
    reconcile: reconcileNow,
    syncFromStore: syncReplica,
    ensureIssue,
    edits,
    commands,
    metrics,
    shutdown: async (graceMs) => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await cronJob?.destroy();
      commands.stopping = true;
      let drained = await inFlight.drain(graceMs);
      if (!drained) {
        // Commands still running are handed to another replica (Redis); the rest (creations,
        // label events) are idempotent and picked up by the next tick of whoever runs next.
        const handed = await commands.handOver().catch(() => 0);
        attached().log.warn({ stillRunning: inFlight.size, handedOver: handed }, `shutdown: ${inFlight.size} task(s) still running after ${graceMs / 1000} s; ${handed} /agenda command(s) handed over`);
        drained = handed >= inFlight.size;
      }
      await store.close();
      metricsServer?.close();
      return { drained };
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await cronJob?.destroy();
      metricsServer?.close();
      await store.close();
    },
  };
}

/** Count every failed GitHub request (not 304, which is a cached answer still good). */
function countErrors<T extends GitHubClient>(octokit: T, metrics: Metrics): T {
  octokit.hook.error("request", (error) => {
    if (statusOf(error) !== 304) metrics.githubError(error);
    throw error;
  });
  return octokit;
}

function earliest(...times: Array<number | undefined>): number | undefined {
  const known = times.filter((time): time is number => time !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
}

/** Another replica holds the lease: wait for it to finish (bounded), then the work is found done. */
async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof LeaseBusyError) || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2_000)));
    }
  }
}

/** Keep the cached configs current: pushes to config/templates, installs and uninstalls. */
function registerWebhooks(
  onWebhook: Probot["on"],
  deps: {
    repos: Map<string, RepoEntry>;
    refreshRepo: (installationId: number, ref: RepoRef, head?: RepoHead) => Promise<RepoEntry>;
    forgetRepo: (ref: RepoRef) => void;
    configPath: string;
    /** After a repository added to an installation is read: offer a setup where it has none. */
    repoAdded: (entry: RepoEntry) => Promise<void>;
  },
): void {
  onWebhook("push", async (context) => {
    const { repository, ref, installation } = context.payload;
    if (!installation || ref !== `refs/heads/${repository.default_branch}`) return;
    const owner = repository.owner?.login ?? repository.full_name.split("/")[0] ?? "";
    // A push whose commit list may be cut (20 or more commits) may have changed anything: re-read.
    const pushed = pushedPaths(context.payload);
    const touches = (path: string) => pushed === "unknown" || pushed.has(path);
    const entry = deps.repos.get(repository.full_name);
    const templates = entry?.setup.status === "ready" ? [...entry.setup.templates.keys()] : [];
    const relevant = touches(deps.configPath) || templates.some(touches) || entry?.setup.status === "invalid";
    if (relevant) await deps.refreshRepo(installation.id, { owner, repo: repository.name }, { defaultBranch: repository.default_branch });
    // The org's `.github` repo can hold settings other repos `_extends` (`.github/meeting-bot.yml`, or
    // any file named as `_extends: .github:path.yml`): re-read that installation's configured repos.
    if (repository.name === ".github" && (pushed === "unknown" || [...pushed].some((path) => /\.ya?ml$/i.test(path)))) {
      for (const other of deps.repos.values()) {
        if (other.installationId === installation.id && other.setup.status !== "unconfigured" && other.ref.repo !== ".github") {
          await deps.refreshRepo(other.installationId, other.ref);
        }
      }
    }
  });

  onWebhook(["installation.created", "installation_repositories.added"], async (context) => {
    const payload = context.payload;
    const added = "repositories_added" in payload ? payload.repositories_added : (payload.repositories ?? []);
    // One repository at a time (an organisation-wide installation brings hundreds): each on its own,
    // so one that cannot be read now does not keep the others from being set up or offered a setup.
    for (const repository of added) {
      const [owner = "", repo = ""] = repository.full_name.split("/");
      try {
        await deps.repoAdded(await deps.refreshRepo(payload.installation.id, { owner, repo }));
      } catch (error) {
        context.log.error(
          { err: error, repo: repository.full_name },
          "could not read a repository added to the installation; the hourly reconcile reads its config again, and redelivering the event (or adding the repository again) looks into a setup offer again",
        );
      }
    }
  });

  onWebhook(["installation.deleted", "installation_repositories.removed"], async (context) => {
    const payload = context.payload;
    const removed = "repositories_removed" in payload ? payload.repositories_removed : (payload.repositories ?? []);
    for (const repository of removed) {
      const [owner = "", repo = ""] = repository.full_name.split("/");
      deps.forgetRepo({ owner, repo });
    }
  });
}
