/** The merged event log as a table: time, what happened, details (a ping's body in a disclosure). */

import type { FC } from "hono/jsx";
import type { PingEntry } from "../../do/storage/ping-log";
import { DataTable } from "../admin-parts";
import { deliveryResult, type LogEvent, pingWords } from "./events";
import { formatInstant, formatRunDuration } from "./time-words";

/** How much of a body the log shows inline; the whole kept body is one link away. */
const EXCERPT = 400;

const PingBody: FC<{ entry: PingEntry; bodyHref: string }> = ({ entry, bodyHref }) => {
  const kept = entry.truncated ? ", head and tail kept" : "";
  if (entry.bodyEncoding !== "utf-8")
    return (
      <span class="muted">
        {" · "}
        <a href={bodyHref}>{`binary body, ${entry.bodySize} bytes`}</a>
      </span>
    );
  const cut = entry.body.length > EXCERPT;
  return (
    <details class="ping-body">
      <summary>{`Body (${entry.bodySize} bytes${kept})`}</summary>
      <pre>{cut ? `${entry.body.slice(0, EXCERPT)}…` : entry.body}</pre>
      {cut && <a href={bodyHref}>The whole body</a>}
    </details>
  );
};

const PingDetails: FC<{ entry: PingEntry; bodyHref: string }> = ({ entry, bodyHref }) => {
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
      {entry.bodySize > 0 && <PingBody entry={entry} bodyHref={bodyHref} />}
    </>
  );
};

function eventCells(event: LogEvent, bodyBase: string): { what: string; details: unknown } {
  switch (event.kind) {
    case "ping":
      return { what: pingWords(event.entry), details: <PingDetails entry={event.entry} bodyHref={`${bodyBase}/${event.entry.n}/body`} /> };
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

/** `bodyBase`: where a ping's whole body is served, `<bodyBase>/<n>/body`. */
export const EventLog: FC<{ events: readonly LogEvent[]; timeZone: string; bodyBase: string }> = ({ events, timeZone, bodyBase }) => {
  if (events.length === 0)
    return (
      <p class="muted" id="event-log">
        Nothing has happened yet.
      </p>
    );
  return (
    <DataTable
      columns={[`Time (${timeZone})`, "Event", "Details"]}
      class="event-log"
      id="event-log"
      caption={`Events, newest first, times in ${timeZone}`}
    >
      {events.map((event) => {
        const { what, details } = eventCells(event, bodyBase);
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
    </DataTable>
  );
};
