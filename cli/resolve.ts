import { data, type LubdubClient, listAll, type Schemas } from "./api-client";
import { UsageError } from "./errors";

/** Ids have a type prefix (`mon_...`, `chn_...`, src/ids.ts): anything else is a slug or a name. */
const looksLikeId = (ref: string, prefix: string) => /^[a-z]+_[a-z0-9]+$/.test(ref) && ref.startsWith(`${prefix}_`);

/** A monitor by id, slug or (exact) name. Names may repeat: an ambiguous name is a usage error listing the ids. */
export async function monitorId(client: LubdubClient, ref: string): Promise<string> {
  if (looksLikeId(ref, "mon")) return ref;
  const monitors = await listAll((cursor) => client.api.GET("/api/v1/monitors", { params: { query: { cursor, limit: 100 } } }));
  const found = pick(
    "monitor",
    ref,
    monitors.filter((monitor) => monitor.slug === ref),
    monitors.filter((monitor) => monitor.name === ref),
  );
  if (!found) throw new UsageError(`no monitor with id, slug or name "${ref}" (lubdub monitors list shows them)`);
  return found;
}

/** Names are what people type: an unknown one is answered with the names there are (a team has a few channels). */
function unknownChannel(ref: string, channels: Schemas["Channel"][]): UsageError {
  const names = channels.map((channel) => channel.name);
  const listed = names.length > 10 ? `${names.slice(0, 10).join(", ")}, ...` : names.join(", ");
  const known = names.length === 0 ? "the team has no channels yet (lubdub channels create)" : `the team's channels are ${listed}`;
  return new UsageError(`no channel with id or name "${ref}": ${known} (lubdub channels list)`);
}

/** A channel by id or (exact) name. */
export async function channelId(client: LubdubClient, ref: string): Promise<string> {
  if (looksLikeId(ref, "chn")) return ref;
  return channelByName(ref, await allChannels(client));
}

function channelByName(ref: string, channels: Schemas["Channel"][]): string {
  const found = pick(
    "channel",
    ref,
    [],
    channels.filter((channel) => channel.name === ref),
  );
  if (!found) throw unknownChannel(ref, channels);
  return found;
}

export const allChannels = (client: LubdubClient): Promise<Schemas["Channel"][]> =>
  listAll((cursor) => client.api.GET("/api/v1/channels", { params: { query: { cursor, limit: 100 } } }));

/** Several channel references at once, listing the channels once. */
export async function channelIds(client: LubdubClient, refs: string[] | undefined): Promise<string[] | undefined> {
  if (refs === undefined) return undefined;
  if (refs.every((ref) => looksLikeId(ref, "chn"))) return refs;
  const channels = await allChannels(client);
  return refs.map((ref) => (looksLikeId(ref, "chn") ? ref : channelByName(ref, channels)));
}

/** The one match (by slug first, then by name), or undefined when nothing matches. */
function pick(kind: string, ref: string, bySlug: { id: string }[], byName: { id: string }[]): string | undefined {
  const [only, ...others] = bySlug.length > 0 ? bySlug : byName;
  if (!only) return undefined;
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
