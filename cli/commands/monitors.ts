import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { MONITOR_STATUSES } from "../../src/domain/monitor";
import { alertsNobody, alertsNobodyWarning } from "../alerting";
import { type ApiPaths, data, listAll, type Schemas } from "../api-client";
import type { CliContext } from "../context";
import { durationLabel } from "../durations";
import { UsageError } from "../errors";
import type { Output } from "../output";
import { monitorId } from "../resolve";
import { monitorBody, monitorFieldOptions } from "./monitor-fields";

type Monitor = Schemas["Monitor"];
/** The server checks the values (a 400 names the wrong one); the CLI only passes them on, typed as the API takes them. */
type ListStatus = NonNullable<ApiPaths["/api/v1/monitors"]["get"]["parameters"]["query"]>["status"];

const every = (monitor: Monitor) =>
  monitor.schedule ? `${monitor.schedule} ${monitor.timezone ?? ""}`.trim() : durationLabel(monitor.interval);

function printMonitors(output: Output, monitors: Monitor[]): void {
  output.table(monitors, [
    { header: "id", value: (m) => m.id },
    { header: "slug", value: (m) => m.slug },
    { header: "name", value: (m) => m.name },
    { header: "status", value: (m) => m.status, status: true },
    { header: "every", value: every },
    { header: "grace", value: (m) => durationLabel(m.grace) },
    { header: "tags", value: (m) => m.tags.join(",") },
    { header: "last ping", value: (m) => m.last_ping_at },
    { header: "next due", value: (m) => m.next_due_at },
  ]);
}

/** The monitor's settings in seconds, shown as people write them (`interval: 5m`); --json keeps the API's seconds. */
const DURATION_FIELDS = ["interval", "grace", "early_tolerance", "max_runtime", "remind_every"] as const;

const printMonitor = (output: Output) => (monitor: Monitor) =>
  output.fields({ ...monitor, ...Object.fromEntries(DURATION_FIELDS.map((field) => [field, durationLabel(monitor[field])])) });

function warnIfAlone(context: CliContext, monitor: Monitor): void {
  if (alertsNobody(monitor)) context.warn(alertsNobodyWarning(monitor, "add one with --channel <name>"));
}

export function registerMonitors(program: CommandUnknownOpts, context: CliContext): void {
  const monitors = program.command("monitors").description("list and manage monitors (by id, slug or name)");
  const api = () => context.client().api;
  const path = async (ref: string) => ({ params: { path: { id: await monitorId(context.client(), ref) } } });

  monitors
    .command("list")
    .description("every monitor of the team, or those matching the filters")
    .option("--tag <tag...>", "only monitors with every tag given")
    .option("--status <status>", `only monitors in this status (${MONITOR_STATUSES.options.join(", ")})`)
    .option("--q <text>", "only monitors whose name or slug contains this (any case)")
    .action(async (filters) => {
      const query = { tag: filters.tag, status: filters.status as ListStatus, q: filters.q, limit: 100 };
      const all = await listAll((cursor) => api().GET("/api/v1/monitors", { params: { query: { ...query, cursor } } }));
      // Every page at once, in the API's page shape (so --json reads like GET /api/v1/monitors).
      context.output.result({ data: all, next_cursor: null }, ({ data }) => printMonitors(context.output, data));
    });

  monitors
    .command("show <monitor>")
    .description("one monitor with its live state")
    .action(async (ref) =>
      context.output.result(await data(api().GET("/api/v1/monitors/{id}", await path(ref))), printMonitor(context.output)),
    );

  monitorFieldOptions(monitors.command("create").description("create a monitor (--name and --interval or --schedule)")).action(
    async (flags) => {
      const body = await monitorBody(context.client(), flags, context.io.readStdin);
      if (body.name === undefined) throw new UsageError("monitors create needs --name (or a name in --data)");
      // The server is the validator: it answers 400 naming each wrong field, which main() prints.
      const created = await data(api().POST("/api/v1/monitors", { body: body as Schemas["MonitorCreate"] }));
      context.output.result(created, printMonitor(context.output));
      warnIfAlone(context, created);
    },
  );

  monitorFieldOptions(monitors.command("edit <monitor>").description("change fields of a monitor")).action(async (ref, flags) => {
    const body = await monitorBody(context.client(), flags, context.io.readStdin);
    if (Object.keys(body).length === 0) throw new UsageError("nothing to change: give a field flag or --data");
    const edited = await data(api().PATCH("/api/v1/monitors/{id}", { ...(await path(ref)), body: body as Schemas["MonitorPatch"] }));
    context.output.result(edited, printMonitor(context.output));
    warnIfAlone(context, edited);
  });

  monitors
    .command("delete <monitor>")
    .description("delete a monitor (its ping URL then answers 404)")
    .action(async (ref) => {
      const target = await path(ref);
      await data(api().DELETE("/api/v1/monitors/{id}", target));
      context.output.result({ deleted: target.params.path.id }, () => context.output.line(`deleted ${target.params.path.id}`));
    });

  for (const action of ["pause", "resume"] as const) {
    monitors
      .command(`${action} <monitor>`)
      .description(action === "pause" ? "stop expecting pings (an open alert closes)" : "expect pings again (status new)")
      .action(async (ref) => {
        const monitor = await data(api().POST(`/api/v1/monitors/{id}/${action}`, await path(ref)));
        context.output.result(monitor, (m) => context.output.line(`${m.name}: ${context.output.status(m.status)}`));
      });
  }
}
