import type { PageArgs } from "../api/page";
import { encodeCursor } from "../db/cursor";
import { countByStatus, flipsOfMonitorsSince, type StatusCounts, type StripFlip, worstStatusOfTags } from "../db/monitor-overview";
import type { MonitorFilter } from "../db/monitor-tags";
import { listMonitors, type MonitorRecord } from "../db/monitors";
import type { MonitorStatus } from "../domain/monitor";
import { statusAtStart, statusSegments, statusStrip } from "../domain/status-segments";
import { pageArgs } from "../routes/lookup";
import { monitorListQuery } from "../schemas/queries";
import { validate } from "../validation";
import type { ListedMonitor } from "./monitor-row";

/** The list's strip: 24 hours in 48 half-hour buckets. */
export const STRIP_HOURS = 24;
const STRIP_BUCKETS = 48;
/** At most this many flips are read for one page's strips (a flapping monitor cannot make a page slow). */
const STRIP_FLIP_LIMIT = 5000;

/** Parameters of a list URL that are not the list's: the refresh poll's marker, a bulk action's report. */
const NOT_THE_LIST = new Set(["since", "done", "r"]);

/** What the list is narrowed to and where its page starts: the API's list query, from the page's URL. */
export interface ListRequest {
  filter: MonitorFilter;
  page: PageArgs;
  /** The filter (and cursor) as a query string, for links and the refresh script. */
  search: URLSearchParams;
}

/**
 * The page's query parsed by the API's own schema (the same limits and messages; a bad value is a 400).
 * An empty field of the GET form (`q=`) means "not narrowed"; `since` is the refresh poll's, not the list's.
 */
export function parseListRequest(url: string): ListRequest {
  const params = new URL(url).searchParams;
  const search = new URLSearchParams([...params].filter(([key, value]) => value.trim() !== "" && !NOT_THE_LIST.has(key)));
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    raw[key] = values.length > 1 ? values : (values[0] ?? "");
  }
  const query = validate(monitorListQuery, raw, "query");
  return { filter: { tags: query.tag, status: query.status, q: query.q }, page: pageArgs(query), search };
}

export interface ListData {
  monitors: ListedMonitor[];
  counts: StatusCounts;
  /** Each tag on the page: the worst status among all the team's monitors with it. */
  tagStatus: Map<string, MonitorStatus>;
  nextCursor: string | null;
}

function stripOf(record: MonitorRecord, flips: StripFlip[], now: number): ListedMonitor {
  const from = now - STRIP_HOURS * 3_600_000;
  const before = statusAtStart({
    previous: null,
    firstInWindow: flips[0],
    listed: { status: record.status, since: record.statusChangedAt },
    from,
  });
  const segments = statusSegments({ flips, before, from, to: now, since: record.config.createdAt });
  return { record, segments, strip: statusStrip(segments, from, now, STRIP_BUCKETS) };
}

/** A page of the list: its rows (one query), their strips (one), the counters (one) and tag colours (one). */
export async function loadList(db: D1Database, teamId: string, request: ListRequest, now: number): Promise<ListData> {
  const [rows, counts] = await Promise.all([
    listMonitors(db, teamId, request.filter, request.page.after, request.page.fetch),
    countByStatus(db, teamId),
  ]);
  const shown = rows.slice(0, request.page.limit);
  const last = shown.at(-1);
  const ids = shown.map((r) => r.config.id);
  const tags = [...new Set(shown.flatMap((r) => r.config.tags))];
  const [flips, tagStatus] = await Promise.all([
    flipsOfMonitorsSince(db, teamId, ids, now - STRIP_HOURS * 3_600_000, STRIP_FLIP_LIMIT),
    worstStatusOfTags(db, teamId, tags),
  ]);
  return {
    monitors: shown.map((r) => stripOf(r, flips.get(r.config.id) ?? [], now)),
    counts,
    tagStatus,
    nextCursor: rows.length > request.page.limit && last ? encodeCursor({ at: last.config.createdAt, id: last.config.id }) : null,
  };
}
