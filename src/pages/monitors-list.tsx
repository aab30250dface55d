import { Hono } from "hono";
import type { FC } from "hono/jsx";
import { teamListMarker } from "../db/sessions";
import { MONITOR_STATUSES } from "../domain/monitor";
import type { Session } from "../services/sessions";
import { CsrfField, Layout } from "./layout";
import { type ListData, type ListRequest, loadList, parseListRequest } from "./monitor-list-data";
import { MonitorRow } from "./monitor-row";
import { BulkNotice, bulkRoutes, readBulkResults } from "./monitors-bulk";
import type { PageEnv } from "./page-env";
import { canWrite } from "./session-middleware";

/** `/app/monitors?<search>` with some parameters replaced (a counter's status) and the cursor dropped. */
function listHref(search: URLSearchParams, set: Record<string, string | null>): string {
  const next = new URLSearchParams(search);
  next.delete("cursor");
  for (const [key, value] of Object.entries(set)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  const query = next.toString();
  return query ? `/app/monitors?${query}` : "/app/monitors";
}

/** The counters: one link per status (filtering the list by it), the status word beside its number. */
export const Counters: FC<{ data: ListData; search: URLSearchParams }> = ({ data, search }) => {
  const current = search.get("status");
  const total = Object.values(data.counts).reduce((sum, n) => sum + n, 0);
  return (
    <nav id="counters" class="counters" aria-label="Monitors by status">
      <a href={listHref(search, { status: null })} class="counter" aria-current={current === null ? "true" : undefined}>
        <span class="count">{total}</span> all
      </a>
      {MONITOR_STATUSES.options.map((status) => (
        <a
          href={listHref(search, { status })}
          id={`count-${status}`}
          class={`counter status status-${status}`}
          aria-current={current === status ? "true" : undefined}
        >
          <span class="count">{data.counts[status]}</span> {status}
        </a>
      ))}
    </nav>
  );
};

const Filters: FC<{ search: URLSearchParams }> = ({ search }) => (
  <form id="filters" class="filters" method="get" action="/app/monitors" aria-label="Filter monitors">
    <div>
      <label for="filter-status">Status</label>
      <select id="filter-status" name="status">
        <option value="">any</option>
        {MONITOR_STATUSES.options.map((status) => (
          <option value={status} selected={search.get("status") === status}>
            {status}
          </option>
        ))}
      </select>
    </div>
    <div>
      <label for="filter-tag">Tag</label>
      <input id="filter-tag" name="tag" type="text" value={search.get("tag") ?? ""} />
    </div>
    <div>
      <label for="filter-q">Name or slug</label>
      <input id="filter-q" name="q" type="text" value={search.get("q") ?? ""} />
    </div>
    <div class="actions">
      <button type="submit">Filter</button>
      <a href="/app/monitors">Clear</a>
    </div>
  </form>
);

/** The bulk form: its checkboxes are in the rows (form="bulk"); without JS, select rows and press a button. */
const BulkBar: FC<{ session: Session; back: string }> = ({ session, back }) => (
  <form id="bulk" class="bulk actions" method="post" action="/app/monitors/bulk">
    <CsrfField session={session} />
    <input type="hidden" name="back" value={back} />
    <span class="muted">Selected monitors:</span>
    <button type="submit" name="action" value="pause" id="bulk-pause">
      Pause selected
    </button>
    <button type="submit" name="action" value="resume" id="bulk-resume">
      Resume selected
    </button>
    <button type="submit" name="action" value="delete" id="bulk-delete" class="danger">
      Delete selected…
    </button>
  </form>
);

const HEADINGS = ["Status", "Name", "Schedule", "Last ping", "Next expected", "Last 24 hours"];

const MonitorTable: FC<{ data: ListData; selectable: boolean; marker: string; search: URLSearchParams; now: number }> = (props) => (
  <div class="table-wrap">
    <table id="monitor-list" class="monitor-list" data-since={props.marker} data-query={props.search.toString()}>
      <thead>
        <tr>
          {props.selectable && (
            <th class="pick">
              <input type="checkbox" id="select-all" aria-label="Select all monitors on this page" hidden />
            </th>
          )}
          {HEADINGS.map((heading) => (
            <th scope="col">{heading}</th>
          ))}
        </tr>
      </thead>
      <tbody id="monitor-rows">
        {props.data.monitors.map((monitor) => (
          <MonitorRow monitor={monitor} tagStatus={props.data.tagStatus} selectable={props.selectable} now={props.now} />
        ))}
      </tbody>
    </table>
    <p id="no-monitors" class="muted" hidden={props.data.monitors.length > 0}>
      No monitors {props.search.size > 0 ? "match these filters" : "yet"}.
    </p>
  </div>
);

const Pager: FC<{ data: ListData; search: URLSearchParams }> = ({ data, search }) => (
  <nav class="pager actions" aria-label="Pages">
    {search.has("cursor") && <a href={listHref(search, {})}>First page</a>}
    {data.nextCursor && (
      <a id="next-page" href={listHref(search, { cursor: data.nextCursor })}>
        Next page
      </a>
    )}
  </nav>
);

export const monitorListRoutes = new Hono<PageEnv>();

/**
 * The list. The change marker is read before the rows, so a change landing in between is sent again by the
 * next refresh poll rather than missed.
 */
monitorListRoutes.get("/", async (c) => {
  const session = c.get("session");
  const request: ListRequest = parseListRequest(c.req.url);
  const now = Date.now();
  const marker = await teamListMarker(c.env.DB, session.teamId);
  const data = await loadList(c.env.DB, session.teamId, request, now);
  const results = await readBulkResults(c.env.DB, session.teamId, new URL(c.req.url).searchParams);
  const { search } = request;
  const selectable = canWrite(session);
  return c.html(
    <Layout
      title="Monitors"
      nonce={c.get("nonce")}
      session={session}
      active="monitors"
      downCount={data.counts.down}
      scripts={["refresh", "select-all"]}
    >
      <div class="list-head">
        <h1>Monitors</h1>
        {selectable && (
          <a class="button primary" id="new-monitor" href="/app/monitors/new">
            New monitor
          </a>
        )}
      </div>
      {results && <BulkNotice results={results} />}
      <Counters data={data} search={search} />
      <Filters search={search} />
      {selectable && <BulkBar session={session} back={search.size > 0 ? `/app/monitors?${search}` : "/app/monitors"} />}
      <MonitorTable data={data} selectable={selectable} marker={marker} search={search} now={now} />
      <Pager data={data} search={search} />
    </Layout>,
  );
});

monitorListRoutes.route("/bulk", bulkRoutes);
