import { data, type LubdubClient, listAll, type Schemas } from "./api-client";
import { UsageError } from "./errors";

/** Ids have a type prefix (`mon_...`, `chn_...`, src/ids.ts): anything else is a slug or a name. */
const looksLikeId = (ref: string, prefix: string) => /^[a-z]+_[a-z0-9]+$/.test(ref) && ref.startsWith(`${prefix}_`);

/** A monitor by id, slug or (exact) name. Names may repeat: an ambiguous name is a usage error listing the ids. */
export async function monitorId(client: LubdubClient, ref: string): Promise<string> {
  if (looksLikeId(ref, "mon")) return ref;
  const monitors = await listAll((cursor) => client.api.GET("/api/v1/monitors", { params: { query: { cursor, limit: 100 } } }));
  return pick(
    "monitor",
    ref,
    monitors.filter((monitor) => monitor.slug === ref),
    monitors.filter((monitor) => monitor.name === ref),
  );
}

/** A channel by id or (exact) name. */
export async function channelId(client: LubdubClient, ref: string): Promise<string> {
  if (looksLikeId(ref, "chn")) return ref;
  const channels = await allChannels(client);
  return pick(
    "channel",
    ref,
    [],
    channels.filter((channel) => channel.name === ref),
  );
}

export const allChannels = (client: LubdubClient): Promise<Schemas["Channel"][]> =>
  listAll((cursor) => client.api.GET("/api/v1/channels", { params: { query: { cursor, limit: 100 } } }));

/** Several channel references at once, listing the channels once. */
export async function channelIds(client: LubdubClient, refs: string[] | undefined): Promise<string[] | undefined> {
  if (refs === undefined) return undefined;
  if (refs.every((ref) => looksLikeId(ref, "chn"))) return refs;
  const channels = await allChannels(client);
  return refs.map((ref) =>
    looksLikeId(ref, "chn")
      ? ref
      : pick(
          "channel",
          ref,
          [],
          channels.filter((channel) => channel.name === ref),
        ),
  );
}

function pick(kind: string, ref: string, bySlug: { id: string }[], byName: { id: string }[]): string {
  const [only, ...others] = bySlug.length > 0 ? bySlug : byName;
  if (!only) throw new UsageError(`no ${kind} with id, slug or name "${ref}"`);
  if (others.length > 0)
    throw new UsageError(`several ${kind}s are named "${ref}": use an id (${[only, ...others].map((item) => item.id).join(", ")})`);
  return only.id;
}

/** The team's ping key, for slug ping URLs: LUBDUB_PING_KEY when set, else GET /api/v1/team. */
export async function pingKey(client: LubdubClient, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.LUBDUB_PING_KEY) return env.LUBDUB_PING_KEY;
  const key = (await data(client.api.GET("/api/v1/team"))).ping_key;
  // A read key is not shown the ping key: it may not ping (a ping changes a monitor).
  if (key === null) throw new UsageError("this API key may not see the team's ping key (a read key): use a write key or LUBDUB_PING_KEY");
  return key;
}
