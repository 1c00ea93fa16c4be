import { createHmac, randomUUID } from "node:crypto";

/**
 * Webhook delivery. "send" POSTs each delivery to the app's URL (one at a time, in order, awaiting the
 * response); "capture" only records it; "off" drops events entirely.
 */
export type DeliveryMode = "send" | "capture" | "off";

export interface DeliveryAttempt {
  at: Date;
  status?: number;
  error?: string;
}

export interface Delivery {
  id: string;
  event: string;
  action: string | undefined;
  installationId: number;
  payload: Record<string, unknown>;
  /** The exact bytes sent (and signed). */
  body: string;
  headers: Record<string, string>;
  attempts: DeliveryAttempt[];
  /** Status of the latest attempt; undefined when captured only or not answered. */
  status: number | undefined;
}

export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  mode: DeliveryMode;
  url: string | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: { appId: number; secret: string; url?: string; now: () => Date },
  ) {
    this.url = options.url;
    this.mode = options.url ? "send" : "capture";
  }

  setUrl(url: string | undefined): void {
    this.url = url;
    this.mode = url ? "send" : "capture";
  }

  sign(body: string): string {
    return `sha256=${createHmac("sha256", this.options.secret).update(body).digest("hex")}`;
  }

  enqueue(event: { name: string; action: string | undefined; installationId: number; payload: Record<string, unknown> }): Delivery | undefined {
    if (this.mode === "off") return undefined;
    const id = randomUUID();
    const body = JSON.stringify(event.payload);
    const delivery: Delivery = {
      id,
      event: event.name,
      action: event.action,
      installationId: event.installationId,
      payload: event.payload,
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/sandbox",
        "x-github-event": event.name,
        "x-github-delivery": id,
        "x-github-hook-id": "1",
        "x-github-hook-installation-target-id": String(this.options.appId),
        "x-github-hook-installation-target-type": "integration",
        "x-hub-signature": `sha1=${createHmac("sha1", this.options.secret).update(body).digest("hex")}`,
        "x-hub-signature-256": this.sign(body),
      },
      attempts: [],
      status: undefined,
    };
    this.deliveries.push(delivery);
    if (this.mode === "send") this.schedule(delivery);
    return delivery;
  }

  /** Sends a recorded delivery again, with the same id and body (GitHub's "Redeliver"). */
  redeliver(id: string): Promise<Delivery> {
    const delivery = this.deliveries.find((candidate) => candidate.id === id);
    if (!delivery) return Promise.reject(new Error(`redeliver: no delivery ${id}; see sandbox.deliveries for ids`));
    return this.schedule(delivery).then(() => delivery);
  }

  /** Resolves once every delivery queued so far has been answered (or failed). */
  idle(): Promise<void> {
    return this.queue;
  }

  private schedule(delivery: Delivery): Promise<void> {
    this.queue = this.queue.then(() => this.send(delivery));
    return this.queue;
  }

  private async send(delivery: Delivery): Promise<void> {
    const attempt: DeliveryAttempt = { at: this.options.now() };
    delivery.attempts.push(attempt);
    const url = this.url;
    if (!url) {
      attempt.error = "no webhook URL configured";
      return;
    }
    try {
      const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body });
      await response.arrayBuffer();
      attempt.status = response.status;
      delivery.status = response.status;
    } catch (error) {
      attempt.error = describeError(error);
    }
  }
}

/** fetch wraps the socket error in `cause`; duck-typed because errors may come from another realm (jest vm). */
function describeError(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown; code?: unknown } };
  if (cause && typeof cause.message === "string" && cause.message !== "") return cause.message;
  if (cause && typeof cause.code === "string") return cause.code;
  return typeof message === "string" ? message : String(error);
}
