import { data, type LubdubClient, listAll, type Schemas } from "../api-client";
import { allChannels } from "../resolve";
import type { CurrentState, Plan, Step } from "./plan";

/** The server's state as the plan reads it: every monitor and channel of the team, and its default channels. */
export async function readCurrentState(client: LubdubClient): Promise<CurrentState> {
  const [monitors, channels, team] = await Promise.all([
    listAll((cursor) => client.api.GET("/api/v1/monitors", { params: { query: { cursor, limit: 100 } } })),
    allChannels(client),
    data(client.api.GET("/api/v1/team")),
  ]);
  return { monitors, channels, defaultChannels: team.default_channels, quota: { limits: team.limits, usage: team.usage } };
}

type Escalation = { after: number; channels: string[] }[];

/**
 * Runs the plan's steps in order, one request each, and stops at the first refusal (the error says
 * which step; the steps before it stay applied, and planning again picks up from there). Channels are
 * named in monitor bodies and turned into ids here, once the channels this run creates have one.
 */
export async function executePlan(
  client: LubdubClient,
  plan: Plan,
  current: CurrentState,
  /** Called after each step, with the server's answer for a monitor created or updated. */
  onDone: (step: Step, monitor?: Schemas["Monitor"]) => void,
): Promise<void> {
  const idByName = new Map(current.channels.map((channel) => [channel.name, channel.id]));
  const ids = (names: unknown): string[] => (names as string[]).map((name) => idByName.get(name) ?? name);
  const withIds = (body: Record<string, unknown>): Record<string, unknown> => ({
    ...body,
    ...(body.channels === undefined ? {} : { channels: ids(body.channels) }),
    ...(body.escalation === undefined
      ? {}
      : { escalation: (body.escalation as Escalation).map((step) => ({ ...step, channels: ids(step.channels) })) }),
  });
  for (const step of plan.steps) {
    if (step.kind === "channel") {
      const created = await channelStep(client, step);
      if (created) idByName.set(step.key, created);
      onDone(step);
    } else {
      onDone(step, await monitorStep(client, step.op === "delete" ? step : { ...step, body: withIds(step.body) }));
    }
  }
}

/** Resolves to the id of a created channel. */
async function channelStep(client: LubdubClient, step: Step): Promise<string | undefined> {
  const { api } = client;
  if (step.op === "create") {
    return (await data(api.POST("/api/v1/channels", { body: step.body as Schemas["ChannelCreate"] }))).id;
  }
  const path = { params: { path: { id: step.id } } };
  if (step.op === "update") await data(api.PATCH("/api/v1/channels/{id}", { ...path, body: step.body as Schemas["ChannelPatch"] }));
  else await data(api.DELETE("/api/v1/channels/{id}", path));
  return undefined;
}

/** Resolves to the monitor as the server answered a create or an update. */
async function monitorStep(client: LubdubClient, step: Step): Promise<Schemas["Monitor"] | undefined> {
  const { api } = client;
  if (step.op === "create") return await data(api.POST("/api/v1/monitors", { body: step.body as Schemas["MonitorCreate"] }));
  const path = { params: { path: { id: step.id } } };
  if (step.op === "update") return await data(api.PATCH("/api/v1/monitors/{id}", { ...path, body: step.body as Schemas["MonitorPatch"] }));
  await data(api.DELETE("/api/v1/monitors/{id}", path));
  return undefined;
}
