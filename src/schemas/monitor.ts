import { z } from "zod";
import { channelIdList, DAY, duration } from "./common";

const fields = {
  name: z.string().trim().min(1).max(200),
  interval: duration(1, 365 * DAY),
  grace: duration(0, 365 * DAY),
  /** The alert's summary text, as in ilert. */
  summary: z.string().trim().max(1000).nullable(),
  enabled: z.boolean(),
  channels: channelIdList,
};

export const monitorCreateInput = z.strictObject({
  ...fields,
  grace: fields.grace.default(0),
  summary: fields.summary.default(null),
  enabled: fields.enabled.default(true),
  channels: fields.channels.default([]),
});
export type MonitorCreateInput = z.output<typeof monitorCreateInput>;

export const monitorPatchInput = z.strictObject(fields).partial();
export type MonitorPatchInput = z.output<typeof monitorPatchInput>;
