import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { data, type Schemas } from "../api-client";
import type { CliContext } from "../context";
import { UsageError } from "../errors";
import { mergeBody } from "../input";

export function registerTeams(program: CommandUnknownOpts, context: CliContext): void {
  const teams = program.command("teams").description("teams (create, edit and delete need the ADMIN_TOKEN)");
  const api = () => context.client().api;
  const show = (team: Schemas["Team"]) => context.output.fields(team);
  teams
    .command("list")
    .description("every team (a team key sees its own)")
    .action(async () => {
      const list = await data(api().GET("/api/v1/teams"));
      context.output.result(list, ({ data: rows }) =>
        context.output.table(rows, [
          { header: "id", value: (t) => t.id },
          { header: "name", value: (t) => t.name },
          { header: "create on ping", value: (t) => t.create_on_ping },
          { header: "slug ping url", value: (t) => t.slug_ping_url },
        ]),
      );
    });
  teams
    .command("create")
    .description("create a team; then `lubdub keys create --team <id>` gives it a key")
    .requiredOption("--name <name>", "the team's name")
    .action(async (flags) => context.output.result(await data(api().POST("/api/v1/teams", { body: flags })), show));
  teams
    .command("edit <team>")
    .description("rename a team or change its settings (PATCH /api/v1/teams/{id})")
    .option("--name <name>", "the new name")
    .option(
      "--data <json|@file|->",
      "any team setting as JSON (create_on_ping, default_channels, maintenance, rotate_ping_key, status_page)",
    )
    .action(async (id, flags) => {
      const body = mergeBody(flags.data, { name: flags.name }, context.io.readStdin);
      if (Object.keys(body).length === 0) throw new UsageError("nothing to change: give --name or --data");
      context.output.result(
        await data(api().PATCH("/api/v1/teams/{id}", { params: { path: { id } }, body: body as Schemas["TeamPatch"] })),
        show,
      );
    });
  teams
    .command("delete <team>")
    .description("delete a team without monitors (its channels, keys and history go with it)")
    .action(async (id) => {
      await data(api().DELETE("/api/v1/teams/{id}", { params: { path: { id } } }));
      context.output.result({ deleted: id }, () => context.output.line(`deleted ${id}`));
    });
}
