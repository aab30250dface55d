/** The channels pages: list, new, one channel (edit, test, deliveries, delete). Every POST through requireWrite(). */
import { type Context, Hono } from "hono";
import { renderChannel, renderTestResult } from "../../api/channels";
import { renderDelivery } from "../../api/deliveries";
import { channelCreateInput, channelKind, channelTypes } from "../../channels/registry";
import { type ChannelRecord, getTeamChannel, listChannels } from "../../db/channels";
import { getDelivery, lastDeliveryPerChannel, listDeliveriesForChannel } from "../../db/deliveries";
import { ApiError, invalidInput, notFound } from "../../errors";
import { createChannel, editChannel, removeChannel, sendTestMessage } from "../../services/channels";
import { retryDelivery } from "../../services/deliveries";
import { validate } from "../../validation";
import { fieldErrors } from "../admin-parts";
import { readForm } from "../form-body";
import { Layout } from "../layout";
import type { PageEnv } from "../page-env";
import { canWrite, requireWrite } from "../session-middleware";
import { channelBody, channelFields, shownValue } from "./channel-fields";
import { ChannelPage, type ChannelPageProps } from "./channel-page";
import { ChannelsList } from "./channels-list";
import { NewChannelPage } from "./new-channel-page";

type PageContext = Context<PageEnv>;

const MAX_CHANNELS = 200;
const DELIVERIES_SHOWN = 20;
const NOTICES: Record<string, string> = {
  deleted: "Channel deleted.",
  saved: "Channel saved.",
  retried: "The delivery is queued again: it is sent on its monitor's next alarm.",
};

const teamIdOf = (c: PageContext) => c.get("session").teamId;

async function formOf(c: PageContext): Promise<Record<string, string>> {
  const body = await readForm(c);
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string"));
}

async function findChannel(c: PageContext): Promise<ChannelRecord> {
  const channel = await getTeamChannel(c.env.DB, teamIdOf(c), c.req.param("id") ?? "");
  if (!channel) throw notFound("channel");
  return channel;
}

/** The stored values as the edit form shows them (secrets left empty: they are masked). */
function storedValues(channel: ChannelRecord): Record<string, string> {
  const shown = renderChannel(channel);
  // The kind's fields are in `config`; the ones every kind shares (events) beside it.
  const fields: Record<string, unknown> = { ...shown.config, events: shown.events };
  const values: Record<string, string> = { name: channel.name };
  for (const field of channelFields(channel.type)) values[field.name] = shownValue(field, fields[field.name]);
  return values;
}

async function renderChannelPage(c: PageContext, channel: ChannelRecord, extra: Partial<ChannelPageProps>, status: 200 | 400 = 200) {
  const session = c.get("session");
  const deliveries = await listDeliveriesForChannel(c.env.DB, channel.id, null, DELIVERIES_SHOWN);
  const props: ChannelPageProps = {
    session,
    writable: canWrite(session),
    channel: renderChannel(channel),
    values: storedValues(channel),
    errors: new Map(),
    deliveries: deliveries.map(renderDelivery),
    test: null,
    notice: null,
    revealed: null,
    ...extra,
  };
  return c.html(
    <Layout title={channel.name} nonce={c.get("nonce")} session={session} active="channels">
      <ChannelPage {...props} />
    </Layout>,
    status,
  );
}

function renderNew(
  c: PageContext,
  type: string | null,
  values: Record<string, string>,
  errors = new Map<string, string[]>(),
  status: 200 | 400 = 200,
) {
  const session = c.get("session");
  return c.html(
    <Layout title="New channel" nonce={c.get("nonce")} session={session} active="channels">
      <NewChannelPage session={session} writable={canWrite(session)} types={channelTypes()} type={type} values={values} errors={errors} />
    </Layout>,
    status,
  );
}

const isApiInputError = (err: unknown): err is ApiError => err instanceof ApiError && err.code === "invalid_request";
const knownType = (type: string | undefined): type is string => type !== undefined && channelTypes().includes(type);

export const channelsRoutes = new Hono<PageEnv>();

channelsRoutes.get("/", async (c) => {
  const session = c.get("session");
  const channels = await listChannels(c.env.DB, session.teamId, null, MAX_CHANNELS);
  const last = await lastDeliveryPerChannel(
    c.env.DB,
    channels.map((ch) => ch.id),
  );
  return c.html(
    <Layout title="Channels" nonce={c.get("nonce")} session={session} active="channels">
      <ChannelsList
        session={session}
        writable={canWrite(session)}
        channels={channels.map((ch) => renderChannel(ch))}
        last={new Map(last.map((d) => [d.channelId, renderDelivery(d)]))}
        notice={NOTICES[c.req.query("done") ?? ""] ?? null}
      />
    </Layout>,
  );
});

channelsRoutes.get("/new", (c) => {
  const type = c.req.query("type");
  return renderNew(c, knownType(type) ? type : null, {});
});

channelsRoutes.post("/", requireWrite(), async (c) => {
  const form = await formOf(c);
  const type = form.type;
  if (!knownType(type)) throw invalidInput("body", [{ path: "type", message: `must be one of ${channelTypes().join(", ")}` }]);
  try {
    const input = validate(channelCreateInput(), { type, ...channelBody(type, form) }, "body");
    const created = await createChannel(c.env, teamIdOf(c), input, Date.now());
    return renderChannelPage(c, created, { revealed: renderChannel(created, true).config });
  } catch (err) {
    if (!isApiInputError(err)) throw err;
    return renderNew(c, type, form, fieldErrors(err.details), 400);
  }
});

channelsRoutes.get("/:id", async (c) => renderChannelPage(c, await findChannel(c), { notice: NOTICES[c.req.query("done") ?? ""] ?? null }));

channelsRoutes.post("/:id", requireWrite(), async (c) => {
  const channel = await findChannel(c);
  const form = await formOf(c);
  try {
    const patch = validate(channelKind(channel.type).patch, channelBody(channel.type, form), "body");
    await editChannel(c.env, channel, patch, Date.now());
    return c.redirect(`/app/channels/${channel.id}?done=saved`, 303);
  } catch (err) {
    if (!isApiInputError(err)) throw err;
    return renderChannelPage(c, channel, { values: form, errors: fieldErrors(err.details) }, 400);
  }
});

channelsRoutes.post("/:id/test", requireWrite(), async (c) => {
  const channel = await findChannel(c);
  const result = await sendTestMessage(c.env, channel, Date.now());
  return renderChannelPage(c, channel, { test: renderTestResult(result) });
});

channelsRoutes.post("/:id/delete", requireWrite(), async (c) => {
  const channel = await findChannel(c);
  if ((await formOf(c)).confirm !== "yes") {
    throw invalidInput("body", [{ path: "confirm", message: "tick the box to confirm the deletion" }]);
  }
  await removeChannel(c.env, channel, Date.now());
  return c.redirect("/app/channels?done=deleted", 303);
});

channelsRoutes.post("/:id/deliveries/:deliveryId/retry", requireWrite(), async (c) => {
  const channel = await findChannel(c);
  const delivery = await getDelivery(c.env.DB, teamIdOf(c), c.req.param("deliveryId"));
  if (!delivery || delivery.channelId !== channel.id) throw notFound("delivery");
  await retryDelivery(c.env, delivery);
  return c.redirect(`/app/channels/${channel.id}?done=retried#channel-deliveries`, 303);
});
