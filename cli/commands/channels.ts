import type { Command, CommandUnknownOpts, OptionValues } from "@commander-js/extra-typings";
import { channelKind, channelTypes } from "../../src/channels/registry";
import { CHANNEL_EVENTS } from "../../src/domain/channel-events";
import { data, type Schemas } from "../api-client";
import type { CliContext } from "../context";
import { ExitCode, UsageError } from "../errors";
import { collect, mergeBody } from "../input";
import type { Output } from "../output";
import { allChannels, channelId } from "../resolve";

/** The kinds whose receiver URL is their `url` field, which --webhook-url sets. */
const kindsWithUrlField = (): string[] => channelTypes().filter((type) => channelKind(type).urlFields.includes("url"));

/** "a, b or c" */
const either = (words: readonly string[]): string =>
  words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : (words[0] ?? "");

/** The flags of `channels create` and `channels edit`; anything else goes in --data. The help names the kinds this CLI was built with, read from the server's registry. */
const channelFieldOptions = <Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) =>
  command
    .option("--type <type>", either(channelTypes()))
    .option("--name <name>", "the channel's name (monitors may name it with --channel)")
    // Not --url: that is the global option naming the lubdub server, recognised after the command too.
    .option("--webhook-url <url>", `the receiver's URL (${kindsWithUrlField().join(", ")}): the channel's url field`)
    .option("--events <list>", `which notifications it takes: ${either(CHANNEL_EVENTS.options)} (comma-separated; default all)`, collect)
    .option("--data <json|@file|->", "the type's other settings as JSON (secret, headers, routing_key, topic...); flags win");

function printChannels(output: Output, channels: Schemas["Channel"][]): void {
  output.table(channels, [
    { header: "id", value: (c) => c.id },
    { header: "type", value: (c) => c.type },
    { header: "name", value: (c) => c.name },
    { header: "status", value: (c) => c.status, status: true },
    { header: "failing reason", value: (c) => c.failing_reason },
  ]);
}

export function registerChannels(program: CommandUnknownOpts, context: CliContext): void {
  const channels = program.command("channels").description("where alerts go (by id or name)");
  const api = () => context.client().api;
  const path = async (ref: string) => ({ params: { path: { id: await channelId(context.client(), ref) } } });
  const show = (channel: Schemas["Channel"]) => context.output.fields(channel);

  channels
    .command("list")
    .description("every channel of the team (secrets masked)")
    .action(async () => {
      const all = await allChannels(context.client());
      context.output.result({ data: all, next_cursor: null }, ({ data }) => printChannels(context.output, data));
    });
  channels
    .command("show <channel>")
    .description("one channel")
    .action(async (ref) => context.output.result(await data(api().GET("/api/v1/channels/{id}", await path(ref))), show));

  channelFieldOptions(channels.command("create").description("create a channel: its secrets are shown this once")).action(async (flags) => {
    const body = mergeBody(
      flags.data,
      { type: flags.type, name: flags.name, url: flags.webhookUrl, events: flags.events },
      context.io.readStdin,
    );
    if (body.type === undefined || body.name === undefined) throw new UsageError("channels create needs --type and --name");
    // The server validates the type's settings and names each wrong field.
    context.output.result(await data(api().POST("/api/v1/channels", { body: body as Schemas["ChannelCreate"] })), show);
  });
  channelFieldOptions(channels.command("edit <channel>").description("change a channel's settings (clears a failing mark)")).action(
    async (ref, flags) => {
      const body = mergeBody(
        flags.data,
        { type: flags.type, name: flags.name, url: flags.webhookUrl, events: flags.events },
        context.io.readStdin,
      );
      if (Object.keys(body).length === 0) throw new UsageError("nothing to change: give a field flag or --data");
      context.output.result(
        await data(api().PATCH("/api/v1/channels/{id}", { ...(await path(ref)), body: body as Schemas["ChannelPatch"] })),
        show,
      );
    },
  );
  channels
    .command("delete <channel>")
    .description("delete a channel (it is removed from every monitor)")
    .action(async (ref) => {
      const target = await path(ref);
      await data(api().DELETE("/api/v1/channels/{id}", target));
      context.output.result({ deleted: target.params.path.id }, () => context.output.line(`deleted ${target.params.path.id}`));
    });
  channels
    .command("test <channel>")
    .description("send a clearly marked test message now; exit 1 when the receiver refuses it")
    .action(async (ref) => {
      const result = await data(api().POST("/api/v1/channels/{id}/test", await path(ref)));
      context.output.result(result, (r) => context.output.fields(r));
      if (result.ok) return;
      // The API answered 200 (the receiver's verdict is the result), so say on stderr, as for any failure, why it failed.
      context.warn(`error: the receiver did not accept the test message: ${result.error ?? `HTTP ${result.status_code}`}`);
      context.exitCode = ExitCode.api;
    });
}
