/** `/app/alerts`: open alerts first, then the history, newest first, each with its deliveries. */
import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { DataTable, span, Time } from "../admin-parts";
import { lastAnswer } from "../channels/channels-list";
import { Layout } from "../layout";
import type { PageEnv } from "../page-env";
import { type AlertRow, type AlertsPageData, alertsPageData, OPEN_SHOWN } from "./alerts-data";

/** Each reason in words (the API's codes are for machines). */
export const REASON_WORDS = { missed: "No ping in time", failed: "The job reported a failure", timeout: "A run took too long" } as const;
export const CLOSE_WORDS = { ping: "a successful ping", paused: "pausing the monitor", deleted: "deleting the monitor" } as const;
const DELIVERY_WORDS = {
  pending: "pending",
  delivered: "delivered",
  failed: "failed",
  suppressed: "suppressed (snoozed)",
  skipped: "skipped (channel failing)",
} as const;
const EVENT_WORDS: Record<string, string> = { "alert.opened": "opened", "alert.reminder": "reminder", "alert.closed": "closed" };

const Deliveries: FC<{ row: AlertRow }> = ({ row }) => {
  if (row.deliveries.length === 0) return <span class="muted">none</span>;
  return (
    <ul class="deliveries">
      {row.deliveries.map((d) => (
        <li>
          <a href={`/app/channels/${d.channel_id}`}>{d.channelName ?? d.channel_id}</a> · {EVENT_WORDS[d.event_type] ?? d.event_type} ·{" "}
          <span class={`delivery delivery-${d.status}`}>{DELIVERY_WORDS[d.status]}</span> · {d.attempts}{" "}
          {d.attempts === 1 ? "attempt" : "attempts"} · <span class="last-result">{lastAnswer(d)}</span>
        </li>
      ))}
    </ul>
  );
};

const MonitorLink: FC<{ row: AlertRow }> = ({ row }) => (
  <a href={`/app/monitors/${row.alert.monitor_id}`}>{row.monitorName ?? "(deleted monitor)"}</a>
);

const OpenTable: FC<{ rows: AlertRow[]; now: number }> = ({ rows, now }) => (
  <DataTable columns={["Monitor", "Reason", "Opened", "Open for", "Deliveries"]} class="alerts">
    {rows.map((row) => (
      <tr class="alert-open">
        <td>
          <MonitorLink row={row} />
        </td>
        <td>
          <span class="status status-down">{REASON_WORDS[row.alert.reason]}</span>
        </td>
        <td>
          <Time at={row.openedAt} />
        </td>
        <td>{span(row.openedAt, now)}</td>
        <td>
          <Deliveries row={row} />
        </td>
      </tr>
    ))}
  </DataTable>
);

const HistoryTable: FC<{ rows: AlertRow[] }> = ({ rows }) => (
  <DataTable columns={["Monitor", "Reason", "Opened", "Lasted", "Closed by", "Deliveries"]} class="alerts">
    {rows.map((row) => (
      <tr>
        <td>
          <MonitorLink row={row} />
        </td>
        <td>{REASON_WORDS[row.alert.reason]}</td>
        <td>
          <Time at={row.openedAt} />
        </td>
        <td>{row.closedAt === null ? "" : span(row.openedAt, row.closedAt)}</td>
        <td>{row.alert.close_reason ? CLOSE_WORDS[row.alert.close_reason] : ""}</td>
        <td>
          <Deliveries row={row} />
        </td>
      </tr>
    ))}
  </DataTable>
);

const AlertsPage: FC<{ data: AlertsPageData; now: number; firstPage: boolean }> = ({ data, now, firstPage }) => (
  <>
    <h1>Alerts</h1>
    <section aria-labelledby="open-alerts">
      <h2 id="open-alerts">Open ({data.open.length})</h2>
      {data.open.length === 0 ? <p class="muted">No open alerts: every monitor is fine.</p> : <OpenTable rows={data.open} now={now} />}
      {data.openTruncated && <p class="muted">Only the newest {OPEN_SHOWN} open alerts are shown.</p>}
    </section>
    <section aria-labelledby="alert-history">
      <h2 id="alert-history">History</h2>
      {data.history.length === 0 ? (
        <p class="muted">No closed alerts {firstPage ? "yet" : "on this page"}.</p>
      ) : (
        <HistoryTable rows={data.history} />
      )}
      <nav class="actions" aria-label="History pages">
        {!firstPage && <a href="/app/alerts">Newest</a>}
        {data.nextCursor && <a href={`/app/alerts?cursor=${encodeURIComponent(data.nextCursor)}`}>Older alerts</a>}
      </nav>
    </section>
  </>
);

export const alertsRoutes = new Hono<PageEnv>();

alertsRoutes.get("/", async (c) => {
  const session = c.get("session");
  const cursor = c.req.query("cursor");
  const data = await alertsPageData(c.env.DB, session.teamId, cursor);
  return c.html(
    <Layout title="Alerts" nonce={c.get("nonce")} session={session} active="alerts">
      <AlertsPage data={data} now={Date.now()} firstPage={!cursor} />
    </Layout>,
  );
});
