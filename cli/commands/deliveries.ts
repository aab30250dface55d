import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { data } from "../api-client";
import type { CliContext } from "../context";

export function registerDeliveries(program: CommandUnknownOpts, context: CliContext): void {
  const deliveries = program.command("deliveries").description("notifications sent for alerts");
  deliveries
    .command("retry <delivery>")
    .description("send a delivery again now (same webhook-id)")
    .action(async (id) => {
      const delivery = await data(context.client().api.POST("/api/v1/deliveries/{id}/retry", { params: { path: { id } } }));
      context.output.result(delivery, (d) => context.output.fields(d));
    });
}
