import { monitorIdsUsingChannel } from "../db/monitors";
import { log, loggedError } from "../log";
import type { ChannelPush } from "./channel-cache";
import { monitorStub } from "./stub";

const PUSH_PAGE = 50;

/** Tells every monitor naming the channel (but `except`) of a change to it, a page of objects at a time. */
export async function pushToMonitors(env: Env, channelId: string, push: ChannelPush, except?: string): Promise<void> {
  const monitorIds = (await monitorIdsUsingChannel(env.DB, channelId)).filter((id) => id !== except);
  for (let start = 0; start < monitorIds.length; start += PUSH_PAGE) {
    await Promise.all(monitorIds.slice(start, start + PUSH_PAGE).map((id) => monitorStub(env, id).pushChannels(push)));
  }
}

/**
 * A receiver refused for good: every other monitor naming the channel skips it from its next event on,
 * rather than each trying (and failing) once. `except`: the monitor whose delivery found it, which knows.
 * Best effort: D1 holds the mark, and a monitor not told finds out by its own refusal.
 */
export async function pushFailingChannel(env: Env, channelId: string, reason: string, at: number, except: string): Promise<void> {
  try {
    await pushToMonitors(env, channelId, { kind: "failing", channelId, reason, at }, except);
  } catch (err) {
    // Each monitor not told finds out by its own refusal.
    log({ event: "channel_failing.push_failed", channel_id: channelId, error: loggedError(err) });
  }
}
