import { parentPort, workerData } from "node:worker_threads";

/** What the bench sends the client thread, and what it answers. */
export interface PostJob {
  url: string;
  deliveries: Array<{ headers: Record<string, string>; body: string }>;
  /** Requests kept in flight. */
  concurrency: number;
}
export interface PostResult {
  ms: number;
  statuses: Record<number, number>;
}

/**
 * The webhook client of scenario 7, in its own thread so that sending costs the server's thread
 * nothing (this machine has two cores). Posts every delivery once, `concurrency` at a time.
 */
async function post(job: PostJob): Promise<PostResult> {
  const statuses: Record<number, number> = {};
  let next = 0;
  const start = performance.now();
  const lane = async () => {
    while (next < job.deliveries.length) {
      const delivery = job.deliveries[next++] as PostJob["deliveries"][number];
      const response = await fetch(job.url, { method: "POST", headers: delivery.headers, body: delivery.body });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  return { ms: performance.now() - start, statuses };
}

if (parentPort) {
  const port = parentPort;
  port.on("message", (job: PostJob) => {
    post(job).then(
      (result) => port.postMessage(result),
      (error: unknown) => port.postMessage({ error: String(error) }),
    );
  });
  if (workerData === "ready") port.postMessage("ready");
}
