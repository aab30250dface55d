import { getChannels } from "../db/channels";
import { getMonitor } from "../db/monitors";
import { monitorStub } from "../do/stub";
import { cachedChannel, namedChannelIds } from "./channel-push";
import { recordStatus } from "./monitors";

/**
 * A monitor D1 lists but whose object holds no configuration gets D1's configuration again, as the API's
 * write path gives it (the object, then D1 learns its status): the object answers its pings again, starting
 * afresh (`new`, its earlier state is gone), and D1 stops listing it as overdue. How a monitor gets there: a
 * DELETE stops the object first and then fails to delete the D1 row (D1 unavailable, the Worker cut off
 * between the two), or D1 is restored to a point before monitors were deleted. D1 is what the list shows and
 * what a restore brings back, so it wins; deleting the row instead would destroy a restored monitor.
 *
 * A DELETE running meanwhile must still win: the row is read again once the object is configured, and the
 * object stopped if the row went; removeMonitor stops the object again after deleting the row, which covers
 * a row deleted after that second read. Says "repaired", or "gone" when D1 no longer lists the monitor.
 */
export async function repairMonitorObject(env: Env, teamId: string, monitorId: string): Promise<"repaired" | "gone"> {
  const record = await getMonitor(env.DB, teamId, monitorId);
  if (!record) return "gone";
  const channels = await getChannels(env.DB, namedChannelIds(record.config));
  const stub = monitorStub(env, monitorId);
  const snapshot = await stub.configure(record.config, channels.map(cachedChannel));
  if (!(await getMonitor(env.DB, teamId, monitorId))) {
    await stub.remove();
    return "gone";
  }
  await recordStatus(env.DB, snapshot);
  return "repaired";
}
