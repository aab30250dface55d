import type { AlertEventPayload } from "../domain/alert-event";
import { formatDuration } from "../domain/duration";
import type { CloseReason } from "../domain/monitor";
import { groupText, groupTitle } from "./grouped-message";
import type { DeliveryContext } from "./types";

/**
 * The words every chat and paging channel sends, computed once so that all of them say the same
 * thing. Pure: plain text only; each builder escapes it for its own markup.
 */
interface AlertMessage {
  kind: "opened" | "closed";
  /** Short headline for formats with a title field: "backup is DOWN". */
  title: string;
  /** The sentence: "backup is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m". */
  text: string;
  /** The monitor's summary and its tags ("Tags: backup, prod"), when it has either. */
  summary: string | null;
  /** Back to the monitor in lubdub, when PUBLIC_BASE_URL is set. */
  link: string | null;
  /** Label for that link. */
  linkText: string;
  test: boolean;
}

const TEST_PREFIX = "[TEST] ";

/** "2100-01-01T00:01:30.000Z" → "2100-01-01 00:01:30 UTC": readable in a chat, still unambiguous. */
export function formatTime(isoTime: string): string {
  return isoTime.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
}

function secondsBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 1000;
}

/** "every 5m", or "at 0 3 * * * (Europe/Berlin)" for a cron schedule. */
function expectation(monitor: AlertEventPayload["monitor"]): string {
  if (monitor.interval !== null) return `every ${formatDuration(monitor.interval)}`;
  return `at ${monitor.schedule} (${monitor.timezone})`;
}

const WHY: Record<AlertEventPayload["alert"]["reason"], string> = {
  missed: "",
  failed: "the job reported failure",
  timeout: "the run timed out",
};

function openedText(event: AlertEventPayload): string {
  const { name, last_ping_at } = event.monitor;
  const since = last_ping_at === null ? "never" : formatTime(last_ping_at);
  const still =
    event.type === "alert.reminder"
      ? `still DOWN after ${formatDuration(secondsBetween(event.alert.opened_at, event.occurred_at))}`
      : "DOWN";
  const why = WHY[event.alert.reason];
  return `${name} is ${still}: ${why ? `${why}; ` : ""}no ping since ${since}, expected ${expectation(event.monitor)}`;
}

const CLOSE_REASONS: Record<Exclude<CloseReason, "ping">, string> = {
  paused: "monitor paused",
  deleted: "monitor deleted",
};

function closedText(event: AlertEventPayload): string {
  const { alert, monitor } = event;
  const down = formatDuration(secondsBetween(alert.opened_at, alert.closed_at ?? event.occurred_at));
  const reason = alert.close_reason === null || alert.close_reason === "ping" ? undefined : CLOSE_REASONS[alert.close_reason];
  // Only a ping proves the job runs again; other closes must not claim the monitor is up.
  return reason ? `${monitor.name}: alert closed after ${down} (${reason})` : `${monitor.name} is UP again after ${down}`;
}

function monitorLink(event: AlertEventPayload, context: DeliveryContext): string | null {
  if (!context.publicBaseUrl) return null;
  const base = context.publicBaseUrl.replace(/\/+$/, "");
  // A test event's monitor does not exist: link to lubdub itself rather than to a 404.
  return context.test ? base : `${base}/monitors/${encodeURIComponent(event.monitor.id)}`;
}

/** What a chat message shows under its sentence: the monitor's own summary, then its tags. */
function summaryLines(monitor: AlertEventPayload["monitor"]): string | null {
  const lines = [monitor.summary ?? "", monitor.tags.length > 0 ? `Tags: ${monitor.tags.join(", ")}` : ""].filter(Boolean);
  return lines.length > 0 ? lines.join("\n") : null;
}

export function alertMessage(event: AlertEventPayload, context: DeliveryContext): AlertMessage {
  // A reminder is a repeated opening: the monitor is still down.
  const opened = event.type !== "alert.closed";
  const prefix = context.test ? TEST_PREFIX : "";
  const name = event.monitor.name;
  const { group } = event;
  if (group) {
    // An alert storm's one message: the list, and a link to the monitors rather than to one of them.
    const base = context.publicBaseUrl?.replace(/\/+$/, "") ?? null;
    return {
      kind: opened ? "opened" : "closed",
      title: prefix + groupTitle(event, group),
      text: prefix + groupText(event, group),
      summary: null,
      link: base === null ? null : `${base}/monitors`,
      linkText: "Open the monitors in lubdub",
      test: context.test === true,
    };
  }
  return {
    kind: opened ? "opened" : "closed",
    title: prefix + (opened ? `${name} is DOWN` : `${name} is UP`),
    text: prefix + (opened ? openedText(event) : closedText(event)),
    summary: summaryLines(event.monitor),
    link: monitorLink(event, context),
    linkText: context.test ? "Open lubdub" : `Open ${name} in lubdub`,
    test: context.test === true,
  };
}

/** Facts for providers with a key/value details section (PagerDuty, Opsgenie). Values are strings for Opsgenie. */
export function alertDetails(event: AlertEventPayload): Record<string, string> {
  const details: Record<string, string> = {
    monitor_id: event.monitor.id,
    monitor: event.monitor.name,
    alert_id: event.alert.id,
    opened_at: event.alert.opened_at,
    last_ping_at: event.monitor.last_ping_at ?? "never",
    expected: expectation(event.monitor),
  };
  if (event.alert.closed_at) details.closed_at = event.alert.closed_at;
  if (event.monitor.summary) details.summary = event.monitor.summary;
  if (event.monitor.tags.length > 0) details.tags = event.monitor.tags.join(", ");
  return details;
}

/** Cuts to at most `max` UTF-16 units, ending in "…", never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** The event's time in Unix seconds, for formats that want a number. */
export const unixSeconds = (isoTime: string): number => Math.floor(Date.parse(isoTime) / 1000);

/** Open red, close green: the same two colours on every channel that has colour. */
export const COLORS = { opened: "#dd3333", closed: "#22bb22" } as const;

/**
 * The escaped form of `text`, cut to at most `max` characters with "…". Escaping character by character
 * (the escapes are per character) means a cut never leaves half an entity (`&am`) or half a surrogate pair.
 */
export function fitEscaped(text: string, max: number, escapeFn: (plain: string) => string): string {
  const whole = escapeFn(text);
  if (whole.length <= max) return whole;
  if (max < 1) return "";
  let out = "";
  for (const char of text) {
    const piece = escapeFn(char);
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
}
