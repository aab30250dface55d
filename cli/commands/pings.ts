import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { data } from "../api-client";
import type { CliContext } from "../context";
import { integerValue } from "../input";
import { monitorId } from "../resolve";

/** `lubdub pings <monitor>`: the ping log, newest first; `--body N` prints ping N's body as received (bytes as is). */
export function registerPings(program: CommandUnknownOpts, context: CliContext): void {
  program
    .command("pings <monitor>")
    .description("a monitor's ping log (newest first); --body N prints ping N's body")
    .option("--body <n>", "print the body of ping number n (the N column)", integerValue)
    .option("--limit <n>", "how many pings (one page)", integerValue)
    .action(async (ref, flags) => {
      const client = context.client();
      const id = await monitorId(client, ref);
      if (flags.body !== undefined) {
        const call = client.api.GET("/api/v1/monitors/{id}/pings/{n}/body", {
          params: { path: { id, n: flags.body } },
          parseAs: "arrayBuffer",
        });
        context.io.stdout.write(new Uint8Array(await data(call)));
        return;
      }
      const page = await data(client.api.GET("/api/v1/monitors/{id}/pings", { params: { path: { id }, query: { limit: flags.limit } } }));
      context.output.result(page, ({ data: pings }) =>
        context.output.table(pings, [
          { header: "n", value: (p) => p.n },
          { header: "at", value: (p) => p.at },
          { header: "kind", value: (p) => p.kind },
          { header: "exit", value: (p) => p.exit_status },
          { header: "duration", value: (p) => (p.duration === null ? null : `${p.duration}s`) },
          { header: "body", value: (p) => `${p.body_size}${p.truncated ? " (cut)" : ""}` },
          { header: "note", value: (p) => p.note },
        ]),
      );
    });
}
