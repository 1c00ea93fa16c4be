import type { Delivery } from "../src/sandbox/index.js";

/** POST one captured delivery (exact signed headers and body) and read the answer; resolves to the status. */
export async function postDelivery(delivery: Pick<Delivery, "headers" | "body">, url: string): Promise<number> {
  const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body });
  await response.arrayBuffer();
  return response.status;
}

/** POST every delivery at once, as GitHub does (it does not wait for one answer before the next). */
export function postConcurrently(deliveries: readonly Delivery[], url: string): Promise<number[]> {
  return Promise.all(deliveries.map((delivery) => postDelivery(delivery, url)));
}
