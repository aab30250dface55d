import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { ChannelPage, ChannelTestResult, ChannelView, renderChannel, renderTestResult } from "../api/channels";
import { json, jsonRequest, NO_CONTENT } from "../api/contract";
import { DeliveryPage, renderDelivery } from "../api/deliveries";
import { errorResponses } from "../api/errors";
import { toPage } from "../api/page";
import { scoped } from "../api/scopes";
import type { AppEnv } from "../app-env";
import { channelKind } from "../channels/registry";
import { type ChannelRecord, getTeamChannel, listChannels } from "../db/channels";
import { listDeliveriesForChannel } from "../db/deliveries";
import { channelCreateBody, channelPatchBodies } from "../schemas/channel";
import { listQuery } from "../schemas/common";
import { idParams } from "../schemas/params";
import { createChannel, editChannel, removeChannel, sendTestMessage } from "../services/channels";
import { validate } from "../validation";
import { findOr404, pageArgs, teamIdOf } from "./lookup";

const findChannel = (db: D1Database, teamId: string, id: string): Promise<ChannelRecord> =>
  findOr404("channel", id, (id) => getTeamChannel(db, teamId, id));
const tags = ["channels"];

/** Declared when the app is created: the channel kinds, and so the create body's union, are read then. */
const declareCreate = () =>
  createRoute({
    ...scoped("write"),
    ...jsonRequest(channelCreateBody(), "The channel: its `type` decides its other fields."),
    tags,
    method: "post",
    path: "/",
    summary: "Create a channel",
    responses: {
      201: json(ChannelView, "The channel, its secrets shown in full: the only answer that shows them."),
      ...errorResponses(400, 403, 413),
    },
  });
const list = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/",
  summary: "List channels",
  request: { query: listQuery },
  responses: { 200: json(ChannelPage, "A page of channels, oldest first."), ...errorResponses(400) },
});
const get = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}",
  summary: "Get a channel",
  request: { params: idParams },
  responses: { 200: json(ChannelView, "The channel, secrets masked."), ...errorResponses(404) },
});
const patch = createRoute({
  ...scoped("write"),
  // A reference, not a zod schema: the schema is picked per request, from the channel's type.
  ...jsonRequest({ $ref: "#/components/schemas/ChannelPatch" }, "The fields to change.", { params: idParams }),
  tags,
  method: "patch",
  path: "/{id}",
  summary: "Change a channel",
  description: "The body is checked against the stored channel's own type (one of the schemas below).",
  responses: { 200: json(ChannelView, "The channel as changed."), ...errorResponses(400, 404, 413) },
});
const remove = createRoute({
  ...scoped("write"),
  tags,
  method: "delete",
  path: "/{id}",
  summary: "Delete a channel",
  description: "Monitors that named it stop naming it.",
  request: { params: idParams },
  responses: { 204: NO_CONTENT, ...errorResponses(404) },
});
const test = createRoute({
  ...scoped("write"),
  tags,
  method: "post",
  path: "/{id}/test",
  summary: "Send a test message",
  description: "200 whatever the receiver answered: its verdict is the result, not an error of this API.",
  request: { params: idParams },
  responses: { 200: json(ChannelTestResult, "What the receiver answered."), ...errorResponses(404) },
});
const deliveries = createRoute({
  ...scoped("read"),
  tags,
  method: "get",
  path: "/{id}/deliveries",
  summary: "A channel's deliveries",
  request: { params: idParams, query: listQuery },
  responses: { 200: json(DeliveryPage, "A page of deliveries, newest first."), ...errorResponses(400, 404) },
});
/** `/api/v1/channels`. */
export function channelRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openAPIRegistry.register("ChannelPatch", channelPatchBodies());
  app.openapi(declareCreate(), async (c) =>
    c.json(renderChannel(await createChannel(c.env, teamIdOf(c), c.req.valid("json"), Date.now()), true), 201),
  );
  app.openapi(list, async (c) => {
    const page = pageArgs(c.req.valid("query"));
    const rows = await listChannels(c.env.DB, teamIdOf(c), page.after, page.fetch);
    return c.json(
      toPage(
        rows,
        page.limit,
        (r) => ({ at: r.createdAt, id: r.id }),
        (r) => renderChannel(r),
      ),
      200,
    );
  });
  app.openapi(get, async (c) => c.json(renderChannel(await findChannel(c.env.DB, teamIdOf(c), c.req.valid("param").id)), 200));
  app.openapi(patch, async (c) => {
    const channel = await findChannel(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    const patch = validate(channelKind(channel.type).patch, await c.req.json(), "body");
    return c.json(renderChannel(await editChannel(c.env, channel, patch, Date.now())), 200);
  });
  app.openapi(remove, async (c) => {
    const channel = await findChannel(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    await removeChannel(c.env, channel, Date.now());
    return c.body(null, 204);
  });
  app.openapi(test, async (c) => {
    const channel = await findChannel(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    return c.json(renderTestResult(await sendTestMessage(c.env, channel, Date.now())), 200);
  });
  app.openapi(deliveries, async (c) => {
    const channel = await findChannel(c.env.DB, teamIdOf(c), c.req.valid("param").id);
    const page = pageArgs(c.req.valid("query"));
    const rows = await listDeliveriesForChannel(c.env.DB, channel.id, page.after, page.fetch);
    return c.json(
      toPage(rows, page.limit, (d) => ({ at: d.createdAt, id: d.id }), renderDelivery),
      200,
    );
  });
  return app;
}
