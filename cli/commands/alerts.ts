import { type CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import { data, listAll, type Schemas } from "../api-client";
import type { CliContext } from "../context";
import type { Output } from "../output";
import { monitorId } from "../resolve";

/** The monitor column shows its name (what people recognise); a monitor gone since shows its id. */
function printAlerts(output: Output, alerts: Schemas["Alert"][], monitorName: (id: string) => string): void {
  output.table(alerts, [
    { header: "id", value: (a) => a.id },
    { header: "monitor", value: (a) => monitorName(a.monitor_id) },
    { header: "status", value: (a) => a.status, status: true },
    { header: "reason", value: (a) => a.reason },
    { header: "opened", value: (a) => a.opened_at },
    { header: "closed", value: (a) => a.closed_at },
    { header: "close reason", value: (a) => a.close_reason },
  ]);
}

export function registerAlerts(program: CommandUnknownOpts, context: CliContext): void {
  const alerts = program.command("alerts").description("alerts, newest first");
  alerts
    .command("list")
    .description("the team's alerts")
    .addOption(new Option("--status <status>", "only open or closed ones").choices(["open", "closed"]))
    .option("--monitor <monitor>", "only this monitor's (id, slug or name)")
    .action(async (flags) => {
      const client = context.client();
      const monitor_id = flags.monitor === undefined ? undefined : await monitorId(client, flags.monitor);
      const [all, monitors] = await Promise.all([
        listAll((cursor) =>
          client.api.GET("/api/v1/alerts", { params: { query: { cursor, limit: 100, status: flags.status, monitor_id } } }),
        ),
        listAll((cursor) => client.api.GET("/api/v1/monitors", { params: { query: { cursor, limit: 100 } } })),
      ]);
      const names = new Map(monitors.map((monitor) => [monitor.id, monitor.name]));
      context.output.result({ data: all, next_cursor: null }, ({ data }) => printAlerts(context.output, data, (id) => names.get(id) ?? id));
    });
  alerts
    .command("show <alert>")
    .description("one alert and its deliveries")
    .action(async (id) => {
      const api = context.client().api;
      const alert = await data(api.GET("/api/v1/alerts/{id}", { params: { path: { id } } }));
      const deliveries = await data(api.GET("/api/v1/alerts/{id}/deliveries", { params: { path: { id } } }));
      context.output.result({ ...alert, deliveries: deliveries.data }, () => {
        context.output.fields(alert);
        context.output.line();
        printDeliveries(context.output, deliveries.data);
      });
    });
}

function printDeliveries(output: Output, deliveries: Schemas["Delivery"][]): void {
  output.table(deliveries, [
    { header: "id", value: (d) => d.id },
    { header: "channel", value: (d) => d.channel_id },
    { header: "event", value: (d) => d.event_type },
    { header: "status", value: (d) => d.status, status: true },
    { header: "attempts", value: (d) => d.attempts },
    { header: "last code", value: (d) => d.last_status_code },
    { header: "last error", value: (d) => d.last_error },
  ]);
}
