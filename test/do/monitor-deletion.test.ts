import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  advanceTo,
  alerts,
  api,
  deliveriesOf,
  interceptFetch,
  M,
  S,
  scheduledAlarm,
  settle,
  stub,
  T0,
  useFakeClock,
  watchedWebhook,
} from "../helpers";

// "A deleted monitor leaves no storage anywhere once its outbox drains" (issue 19): nothing in its object,
// no alarm, and no row in any D1 table that names it. The tables are read from sqlite_master, so a table a
// later migration adds is searched too.

useFakeClock(T0);

/** Every user table of D1 (not SQLite's, D1's or the migrations' bookkeeping) with its columns. */
async function d1Tables(): Promise<{ table: string; columns: string[] }[]> {
  const { results } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'`,
  ).all<{ name: string }>();
  return Promise.all(
    results.map(async ({ name }) => {
      const columns = await env.DB.prepare("SELECT name FROM pragma_table_info(?)").bind(name).all<{ name: string }>();
      return { table: name, columns: columns.results.map((c) => c.name) };
    }),
  );
}

/** Rows of any D1 table with a column whose text contains `id`, by table. */
async function d1RowsNaming(id: string): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const { table, columns } of await d1Tables()) {
    const anyColumn = columns.map((column) => `instr(CAST("${column}" AS TEXT), ?1) > 0`).join(" OR ");
    const count = await env.DB.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${anyColumn}`).bind(id).first<number>("n");
    if (count) found[table] = count;
  }
  return found;
}

/** What the object still stores: its tables (not the runtime's own) with their row counts, and its alarm. */
function objectStorage(monitorId: string) {
  return runInDurableObject(stub(monitorId), async (_, state) => {
    const tables = state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'sqlite_%'")
      .toArray()
      .map(({ name }) => ({ name, rows: state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`).one().n }));
    return { tables, alarm: await state.storage.getAlarm() };
  });
}

describe("deleting a monitor", () => {
  it("leaves no storage anywhere once its outbox drains: none in its object, no alarm, no D1 row naming it", async () => {
    const receiver = interceptFetch();
    const { channel, monitor } = await watchedWebhook("http://receiver.test/gone", { tags: ["nightly"], slug: "gone-job" });
    // Down: the alert opens and is delivered, with its flip and delivery rows in D1.
    await advanceTo(monitor.id, T0 + M + S);
    expect(await alerts(monitor.id)).toMatchObject([{ status: "open" }]);
    expect(receiver.captured.map((r) => JSON.parse(r.body).type)).toEqual(["alert.opened"]);
    expect(await deliveriesOf(channel.id)).toHaveLength(1);
    expect(Object.keys(await d1RowsNaming(monitor.id)).sort()).toEqual(["alerts", "deliveries", "flips", "monitor_tags", "monitors"]);

    expect((await api("DELETE", `/api/v1/monitors/${monitor.id}`)).status).toBe(204);
    // The outbox drains: the closing reaches the receiver (close_reason "deleted"), then the object frees itself.
    await settle(monitor.id);
    expect(receiver.captured.map((r) => JSON.parse(r.body).type)).toEqual(["alert.opened", "alert.closed"]);
    expect(JSON.parse(receiver.captured[1]?.body ?? "{}").alert).toMatchObject({ close_reason: "deleted" });
    expect(await scheduledAlarm(monitor.id)).toBeNull();

    expect(await objectStorage(monitor.id)).toEqual({ tables: [], alarm: null });
    expect(await d1RowsNaming(monitor.id)).toEqual({});
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).status).toBe(404);
  });
});
