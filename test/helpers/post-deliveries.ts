import type { Delivery } from "../../src/sandbox/index.js";

/**
 * POST captured webhook deliveries to the app all at once, as GitHub does (it does not wait for
 * one delivery to be answered before sending the next). Returns the HTTP statuses.
 */
export async function postConcurrently(deliveries: readonly Delivery[], url: string): Promise<number[]> {
  return Promise.all(
    deliveries.map(async (delivery) => {
      const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body });
      await response.arrayBuffer();
      return response.status;
    }),
  );
}
