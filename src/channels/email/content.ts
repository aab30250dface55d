import type { AlertEventPayload } from "../../domain/alert-event";
import { alertMessage, truncate } from "../message";
import type { DeliveryContext } from "../types";

/**
 * What every email kind sends (Resend, Postmark, the send_email binding): one subject, a plain-text body
 * and an HTML body saying the same thing. Pure; each kind only wraps it in its own request or MIME message.
 */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** How much of the last ping's body an email quotes: enough to see an error message, not a log file. */
export const PING_BODY_EXCERPT_MAX = 1000;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);

/** A subject is one header line: a control character (CR, LF) in a name must not start another header. */
const oneLine = (text: string): string => text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").trim();

/** "backup is DOWN", "backup is still DOWN", "backup is UP"; a close without a ping says only that the alert closed. */
function subjectOf(event: AlertEventPayload, test: boolean): string {
  const name = event.monitor.name;
  const reason = event.alert.close_reason;
  const words =
    event.type === "alert.opened"
      ? `${name} is DOWN`
      : event.type === "alert.reminder"
        ? `${name} is still DOWN`
        : reason === null || reason === "ping"
          ? `${name} is UP`
          : `${name}: alert closed (monitor ${reason})`;
  return oneLine(`${test ? "[TEST] " : ""}[lubdub] ${words}`);
}

function excerptOf(body: string | null): string | null {
  if (body === null || body.trim() === "") return null;
  return truncate(body, PING_BODY_EXCERPT_MAX);
}

/**
 * The email for one event. `lastPingBody`: the body of the monitor's last ping, quoted when given (the
 * event does not carry it yet: see the README's email section).
 */
export function emailContent(
  event: AlertEventPayload,
  context: DeliveryContext,
  lastPingBody: string | null = event.monitor.last_ping_body ?? null,
): EmailContent {
  const message = alertMessage(event, context);
  const excerpt = excerptOf(lastPingBody);
  const text = [
    message.text,
    message.summary,
    excerpt === null ? null : `Last ping body:\n${excerpt}`,
    message.link === null ? null : `${message.linkText}: ${message.link}`,
    `Alert ${event.alert.id}, ${event.occurred_at}`,
  ].filter((part) => part !== null);
  const html = [
    `<p style="color:${message.kind === "opened" ? "#dd3333" : "#22bb22"}"><strong>${escapeHtml(message.text)}</strong></p>`,
    message.summary === null ? null : `<p>${escapeHtml(message.summary).replace(/\n/g, "<br>")}</p>`,
    excerpt === null ? null : `<p>Last ping body:</p><pre>${escapeHtml(excerpt)}</pre>`,
    message.link === null ? null : `<p><a href="${escapeHtml(message.link)}">${escapeHtml(message.linkText)}</a></p>`,
    `<p style="color:#777">Alert ${escapeHtml(event.alert.id)}, ${escapeHtml(event.occurred_at)}</p>`,
  ].filter((part) => part !== null);
  return {
    subject: subjectOf(event, message.test),
    text: `${text.join("\n\n")}\n`,
    html: `<!doctype html><html><body>${html.join("")}</body></html>`,
  };
}
