import { z } from "zod";
import { channelKind } from "../channels/registry";
import type { ChannelRecord } from "../db/channels";
import { CHANNEL_EVENTS } from "../domain/channel-events";
import { iso } from "../time";
import type { AttemptResult } from "../transports/http";
import { pageOf } from "./page";
import { Timestamp } from "./time";

export const ChannelView = z
  .object({
    id: z.string().meta({ examples: ["chn_3k2v6m7p2q4r5s6t7u2v3w4x5y"] }),
    type: z.string().meta({ examples: ["webhook", "slack", "ntfy"] }),
    name: z.string(),
    status: z.enum(["ok", "failing"]).meta({
      description:
        "failing: the receiver said the channel itself is broken (gone, bad key); later events skip it until a test succeeds or an edit.",
    }),
    failing_reason: z.string().nullable(),
    events: z.array(CHANNEL_EVENTS).meta({
      description:
        "Which notifications it takes (opened, escalation, reminder, closed). While `failing`, its monitors' new events are not sent to it but recorded as `skipped` deliveries, until a test message succeeds or the channel is edited.",
    }),
    config: z.record(z.string(), z.unknown()).meta({
      description: "The type's settings. Secrets are shown in full only in the answer to the create request, masked (••••) after.",
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: "Channel" });

export const ChannelPage = pageOf(ChannelView, "Channel");

/** `POST /channels/:id/test`: what the receiver answered, whatever it was. */
export const ChannelTestResult = z
  .object({
    ok: z.boolean().meta({ description: "Whether the receiver accepted the message (2xx)." }),
    status_code: z.number().int().nullable(),
    error: z.string().nullable(),
    body_excerpt: z.string().meta({ description: "The start of the receiver's answer, secrets redacted." }),
  })
  .meta({ id: "ChannelTestResult" });

export function renderChannel(channel: ChannelRecord, reveal = false): z.input<typeof ChannelView> {
  return {
    id: channel.id,
    type: channel.type,
    name: channel.name,
    status: channel.status,
    failing_reason: channel.failingReason,
    events: channel.events,
    config: channelKind(channel.config.type).publicConfig(channel.config, reveal),
    created_at: iso(channel.createdAt),
    updated_at: iso(channel.updatedAt),
  };
}

export function renderTestResult(result: AttemptResult): z.input<typeof ChannelTestResult> {
  return { ok: result.outcome === "delivered", status_code: result.statusCode, error: result.error, body_excerpt: result.bodyExcerpt };
}
