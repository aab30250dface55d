/** The merged event log as a table: time, what happened, details (a ping's body in a disclosure). */
import type { FC } from "hono/jsx";
import type { PingEntry } from "../../do/storage/ping-log";
import { deliveryResult, type LogEvent, pingWords } from "./events";
import { formatInstant, formatRunDuration } from "./time-words";

const PingDetails: FC<{ entry: PingEntry }> = ({ entry }) => {
  const facts = [
    entry.method,
    entry.ip,
    entry.userAgent,
    entry.durationMs === null ? null : `ran ${formatRunDuration(entry.durationMs)}`,
    entry.runId === null ? null : `run ${entry.runId}`,
    entry.note,
  ].filter((f): f is string => f !== null && f !== "");
  return (
    <>
      <span class="muted">{facts.join(" · ")}</span>
      {entry.bodySize > 0 &&
        (entry.bodyEncoding === "utf-8" ? (
          <details class="ping-body">
            <summary>{`Body (${entry.bodySize} bytes${entry.truncated ? ", head and tail kept" : ""})`}</summary>
            <pre>{entry.body}</pre>
          </details>
        ) : (
          <span class="muted">{` · binary body, ${entry.bodySize} bytes`}</span>
        ))}
    </>
  );
};

function eventCells(event: LogEvent): { what: string; details: unknown } {
  switch (event.kind) {
    case "ping":
      return { what: pingWords(event.entry), details: <PingDetails entry={event.entry} /> };
    case "flip":
      return {
        what: `Status: ${event.flip.from ?? "?"} → ${event.flip.to}`,
        details: <span class="muted">{event.flip.reason ?? ""}</span>,
      };
    case "alert-opened":
      return { what: `Alert opened (${event.alert.reason})`, details: <code>{event.alert.id}</code> };
    case "alert-closed":
      return { what: `Alert closed (${event.alert.closeReason ?? "closed"})`, details: <code>{event.alert.id}</code> };
    case "delivery":
      return {
        what: `Delivery of ${event.delivery.eventType} to ${event.channel}`,
        details: <span class={`delivery delivery-${event.delivery.status}`}>{deliveryResult(event.delivery)}</span>,
      };
  }
}

export const EventLog: FC<{ events: readonly LogEvent[]; timeZone: string }> = ({ events, timeZone }) => {
  if (events.length === 0)
    return (
      <p class="muted" id="event-log">
        Nothing has happened yet.
      </p>
    );
  return (
    <div class="table-wrap">
      <table class="event-log" id="event-log">
        <caption class="visually-hidden">{`Events, newest first, times in ${timeZone}`}</caption>
        <thead>
          <tr>
            <th scope="col">{`Time (${timeZone})`}</th>
            <th scope="col">Event</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const { what, details } = eventCells(event);
            return (
              <tr class={`event event-${event.kind}`}>
                <td>
                  <time datetime={new Date(event.at).toISOString()}>{formatInstant(event.at, timeZone, true)}</time>
                </td>
                <td>{what}</td>
                <td>{details}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
