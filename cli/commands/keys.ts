import { type CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import { data, listAll } from "../api-client";
import type { CliContext } from "../context";

/** The team a key command acts on: --team, else the caller's own (GET /api/v1/me). */
async function teamId(context: CliContext): Promise<string> {
  const chosen = context.connection().team;
  return chosen ?? (await data(context.client().api.GET("/api/v1/me"))).team.id;
}

export function registerKeys(program: CommandUnknownOpts, context: CliContext): void {
  const keys = program.command("keys").description("the team's API keys (a write key manages them; --team for the super-admin)");
  keys
    .command("list")
    .description("the team's keys: prefix and scope, never the keys themselves")
    .action(async () => {
      const id = await teamId(context);
      const all = await listAll((cursor) =>
        context.client().api.GET("/api/v1/teams/{id}/keys", { params: { path: { id }, query: { cursor, limit: 100 } } }),
      );
      context.output.result({ data: all, next_cursor: null }, ({ data: rows }) =>
        context.output.table(rows, [
          { header: "id", value: (k) => k.id },
          { header: "name", value: (k) => k.name },
          { header: "scope", value: (k) => k.scope },
          { header: "prefix", value: (k) => `lbd_${k.prefix}` },
          { header: "created", value: (k) => k.created_at },
          { header: "last used", value: (k) => k.last_used_at },
          { header: "revoked", value: (k) => k.revoked_at },
        ]),
      );
    });
  keys
    .command("create")
    .description("create a key; it is printed this once")
    .requiredOption("--name <name>", "what the key is for, e.g. ci or grafana")
    .addOption(new Option("--scope <scope>", "read or write").choices(["read", "write"]).makeOptionMandatory())
    .action(async (flags) => {
      const id = await teamId(context);
      const created = await data(context.client().api.POST("/api/v1/teams/{id}/keys", { params: { path: { id } }, body: flags }));
      context.output.result(created, (k) => {
        context.output.fields(k);
        context.warn("keep the key now: lubdub shows it only this once");
      });
    });
  keys
    .command("revoke <key>")
    .description("revoke a key (by its id, key_...), from the next request on")
    .action(async (id) => {
      await data(context.client().api.DELETE("/api/v1/keys/{id}", { params: { path: { id } } }));
      context.output.result({ revoked: id }, () => context.output.line(`revoked ${id}`));
    });
}
