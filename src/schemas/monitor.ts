import { z } from "zod";
import { channelIdList, DAY, duration } from "./common";

const escalationStep = z.strictObject({
  after: duration(0, 30 * DAY),
  channels: channelIdList.min(1),
});

const escalation = z
  .array(escalationStep)
  .max(10)
  .refine(
    (steps) => steps.every((step, i) => i === 0 || step.after > (steps[i - 1]?.after ?? -1)),
    "steps must be in increasing order of after",
  );

const fields = {
  name: z.string().trim().min(1).max(200),
  interval: duration(1, 365 * DAY),
  grace: duration(0, 365 * DAY),
  /** The alert's summary text, as in ilert. */
  summary: z.string().trim().max(1000).nullable(),
  enabled: z.boolean(),
  /** Notified as soon as the alert opens. Shorthand for one escalation step at 0 s. */
  channels: channelIdList,
  /** Steps instead of a flat list: step N fires only if the alert is still open `after` it opened. */
  escalation,
  remind_every: duration(60, 30 * DAY).nullable(),
};

const oneAlertingForm = (input: { channels?: string[] | undefined; escalation?: unknown[] | undefined }) =>
  !(input.channels?.length && input.escalation?.length);
const oneAlertingFormError = { message: "use either channels or escalation, not both", path: ["escalation"] };

export const monitorCreateInput = z
  .strictObject({
    ...fields,
    grace: fields.grace.default(0),
    summary: fields.summary.default(null),
    enabled: fields.enabled.default(true),
    channels: fields.channels.default([]),
    escalation: fields.escalation.default([]),
    remind_every: fields.remind_every.default(null),
  })
  .refine(oneAlertingForm, oneAlertingFormError);
export type MonitorCreateInput = z.output<typeof monitorCreateInput>;

export const monitorPatchInput = z.strictObject(fields).partial().refine(oneAlertingForm, oneAlertingFormError);
export type MonitorPatchInput = z.output<typeof monitorPatchInput>;
