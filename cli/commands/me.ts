import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { data } from "../api-client";
import type { CliContext } from "../context";

export function registerMe(program: CommandUnknownOpts, context: CliContext): void {
  program
    .command("me")
    .description("which team and scope the API key has")
    .action(async () => {
      const me = await data(context.client().api.GET("/api/v1/me"));
      context.output.result(me, () =>
        context.output.fields({
          kind: me.kind,
          scope: me.scope,
          team: `${me.team.name} (${me.team.id})`,
          key: me.key ? `${me.key.name} (lbd_${me.key.prefix}...)` : null,
        }),
      );
    });
}
