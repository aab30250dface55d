import type { AlertEventPayload } from "../../domain/alert-event";
import { alertDetails, alertMessage } from "../message";
import type { DeliveryContext } from "../types";

/**
 * The variables a templated webhook's body can use, `{{monitor.name}}`: each with what it holds (the
 * README's table is this list) and a sample value for checking a template on save. Every value is a
 * string; an absent one (a close time while open) is "".
 */
interface TemplateVariable {
  description: string;
  value(event: AlertEventPayload, context: DeliveryContext): string;
  /** Numbers and fixed words may stand outside quotes in a JSON body; every other sample is hostile text. */
  sample?: string;
}

export const TEMPLATE_VARIABLES: Readonly<Record<string, TemplateVariable>> = {
  "event.type": { description: "`alert.opened`, `alert.reminder` or `alert.closed`", value: (e) => e.type },
  "event.occurred_at": { description: "when it happened (ISO 8601, UTC)", value: (e) => e.occurred_at },
  "event.test": { description: "`true` for a test message, else `false`", value: (_, c) => String(c.test === true), sample: "false" },
  "event.id": { description: "this delivery's id, the same on every retry (the signed `webhook-id`)", value: (_, c) => c.messageId },
  "alert.id": { description: "the alert's id: the same on its opening, reminders and close", value: (e) => e.alert.id },
  "alert.reason": { description: "`missed`, `failed` or `timeout`", value: (e) => e.alert.reason },
  "alert.opened_at": { description: "when the alert opened", value: (e) => e.alert.opened_at },
  "alert.closed_at": { description: 'when it closed ("" while open)', value: (e) => e.alert.closed_at ?? "" },
  "alert.close_reason": { description: '`ping`, `paused` or `deleted` ("" while open)', value: (e) => e.alert.close_reason ?? "" },
  "monitor.id": { description: "the monitor's id", value: (e) => e.monitor.id },
  "monitor.name": { description: "its name", value: (e) => e.monitor.name },
  "monitor.slug": { description: 'its slug ("" for none)', value: (e) => e.monitor.slug ?? "" },
  "monitor.summary": { description: 'its summary ("" for none)', value: (e) => e.monitor.summary ?? "" },
  "monitor.status": { description: "`up`, `down`, `paused`...", value: (e) => e.monitor.status },
  "monitor.tags": { description: "its tags, comma-separated", value: (e) => e.monitor.tags.join(",") },
  "monitor.last_ping_at": { description: 'its last ping ("" for never)', value: (e) => e.monitor.last_ping_at ?? "" },
  "monitor.last_ping_body": {
    description: 'the start of the last ping\'s body, when it was text (at most 1,000 characters; "" for none)',
    value: (e) => e.monitor.last_ping_body ?? "",
  },
  "monitor.expected": { description: "`every 5m`, or `at 0 3 * * * (Europe/Berlin)`", value: (e) => alertDetails(e).expected ?? "" },
  "monitor.grace": { description: "its grace period, in seconds", value: (e) => String(e.monitor.grace), sample: "30" },
  "monitor.url": {
    description: 'its page in lubdub ("" without `PUBLIC_BASE_URL`)',
    value: (e, c) => alertMessage(e, c).link ?? "",
  },
  "message.title": { description: "`backup is DOWN` / `backup is UP`", value: (e, c) => alertMessage(e, c).title },
  "message.text": { description: "the sentence every chat channel sends", value: (e, c) => alertMessage(e, c).text },
};

/** A value that breaks whatever it is put in unescaped: quotes, a backslash, a newline, markup, `&`. */
export const HOSTILE_SAMPLE = `"quoted' \\ back\nslash </script> & =+%`;

/** The values of every variable for one event. */
export function templateValues(event: AlertEventPayload, context: DeliveryContext): Record<string, string> {
  return Object.fromEntries(Object.entries(TEMPLATE_VARIABLES).map(([name, variable]) => [name, variable.value(event, context)]));
}

/** Every variable at its sample value: what a template is checked with on save. */
export const sampleValues = (): Record<string, string> =>
  Object.fromEntries(Object.entries(TEMPLATE_VARIABLES).map(([name, variable]) => [name, variable.sample ?? HOSTILE_SAMPLE]));
