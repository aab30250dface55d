import { Hono } from "hono";
import { renderDelivery } from "../api/deliveries";
import type { AppEnv } from "../app-env";
import { publicChannelConfig } from "../channels/public";
import { channelCreateInput, channelPatchInput } from "../channels/registry";
import { type ChannelRecord, getChannel, listChannels } from "../db/channels";
import { decodeCursor, toPage } from "../db/cursor";
import { listDeliveriesForChannel } from "../db/deliveries";
import { notFound } from "../errors";
import { isWellFormedId } from "../ids";
import { listQuery } from "../schemas/common";
import { createChannel, editChannel, removeChannel, sendTestMessage } from "../services/channels";
import { iso } from "../time";
import { parseJsonBody, parseQuery } from "../validation";

export function renderChannel(channel: ChannelRecord, reveal = false) {
  return {
    id: channel.id,
    type: channel.type,
    name: channel.name,
    status: channel.status,
    failing_reason: channel.failingReason,
    config: publicChannelConfig(channel.config, reveal),
    created_at: iso(channel.createdAt),
    updated_at: iso(channel.updatedAt),
  };
}

async function findChannel(db: D1Database, id: string): Promise<ChannelRecord> {
  const channel = isWellFormedId(id, "chn") ? await getChannel(db, id) : null;
  if (!channel) throw notFound("channel");
  return channel;
}

export const channelRoutes = new Hono<AppEnv>();

/** The only response that shows the channel's secret in full. */
channelRoutes.post("/", async (c) => {
  const input = await parseJsonBody(c, channelCreateInput());
  return c.json(renderChannel(await createChannel(c.env, input, Date.now()), true), 201);
});

channelRoutes.get("/", async (c) => {
  const query = parseQuery(c, listQuery);
  const rows = await listChannels(c.env.DB, query.cursor ? decodeCursor(query.cursor) : null, query.limit + 1);
  return c.json(
    toPage(
      rows,
      query.limit,
      (r) => ({ at: r.createdAt, id: r.id }),
      (r) => renderChannel(r),
    ),
  );
});

channelRoutes.get("/:id", async (c) => c.json(renderChannel(await findChannel(c.env.DB, c.req.param("id")))));

channelRoutes.patch("/:id", async (c) => {
  const channel = await findChannel(c.env.DB, c.req.param("id"));
  const patch = await parseJsonBody(c, channelPatchInput(channel.type));
  return c.json(renderChannel(await editChannel(c.env, channel, patch, Date.now())));
});

channelRoutes.delete("/:id", async (c) => {
  const channel = await findChannel(c.env.DB, c.req.param("id"));
  await removeChannel(c.env, channel.id, Date.now());
  return c.body(null, 204);
});

/** 200 whatever the receiver answered: its verdict is the result, not an error of this API. */
channelRoutes.post("/:id/test", async (c) => {
  const channel = await findChannel(c.env.DB, c.req.param("id"));
  const result = await sendTestMessage(c.env, channel, Date.now());
  return c.json({
    ok: result.outcome === "delivered",
    status_code: result.statusCode,
    error: result.error,
    body_excerpt: result.bodyExcerpt,
  });
});

channelRoutes.get("/:id/deliveries", async (c) => {
  const channel = await findChannel(c.env.DB, c.req.param("id"));
  const query = parseQuery(c, listQuery);
  const rows = await listDeliveriesForChannel(c.env.DB, channel.id, query.cursor ? decodeCursor(query.cursor) : null, query.limit + 1);
  return c.json(toPage(rows, query.limit, (d) => ({ at: d.createdAt, id: d.id }), renderDelivery));
});
