import type { DeliveryRecord } from "../db/deliveries";
import { monitorStub } from "../do/stub";

/**
 * Sends a delivery again now, by hand: its monitor's object queues it (same `webhook-id`, a fresh retry
 * window) and tells D1 it is pending, all through its outbox. Returns the record as it now stands.
 */
export const retryDelivery = (env: Env, delivery: DeliveryRecord): Promise<DeliveryRecord> =>
  monitorStub(env, delivery.monitorId).retryDelivery(delivery);
