/**
 * The words of an alert storm's grouped message (domain/alert-group.ts): one headline and a list of the
 * monitors, for the chat kinds, which render `alertMessage` as they do any event. Pure, plain text.
 */
import type { AlertEventPayload, AlertGroupPayload, GroupedAlert } from "../domain/alert-event";
import { formatDuration } from "../domain/duration";

/** A message stays readable, and inside every chat's limits (Slack's section: 3000 characters): the rest are counted. */
const MAX_LISTED = 20;
const MAX_NAME = 80;

const clip = (name: string) => (name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name);

function line(alert: GroupedAlert, closing: boolean): string {
  if (!closing) return `• ${clip(alert.monitor.name)} (${alert.reason})`;
  const down = alert.closed_at === null ? null : (Date.parse(alert.closed_at) - Date.parse(alert.opened_at)) / 1000;
  return `• ${clip(alert.monitor.name)}${down === null ? "" : ` after ${formatDuration(down)}`}`;
}

/** "12 monitors are DOWN" / "12 monitors are UP again", for a title field. */
export function groupTitle(event: AlertEventPayload, group: AlertGroupPayload): string {
  const count = group.alerts.length;
  const monitors = count === 1 ? "1 monitor is" : `${count} monitors are`;
  if (event.type === "alert.closed") return `${monitors} UP again`;
  return event.type === "alert.reminder" ? `${monitors} still DOWN` : `${monitors} DOWN`;
}

/** The headline, then one line per monitor (at most MAX_LISTED, then how many more). */
export function groupText(event: AlertEventPayload, group: AlertGroupPayload): string {
  const closing = event.type === "alert.closed";
  const listed = group.alerts.slice(0, MAX_LISTED).map((alert) => line(alert, closing));
  const more = group.alerts.length - listed.length;
  const tail = more > 0 ? [`… and ${more} more`] : [];
  return [`${groupTitle(event, group)} (many alerts at once, grouped into one message):`, ...listed, ...tail].join("\n");
}
