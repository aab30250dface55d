import { type Context, Hono } from "hono";
import { renderMonitor } from "../../api/monitors";
import { listChannels } from "../../db/channels";
import { getMonitor } from "../../db/monitors";
import { ApiError } from "../../errors";
import { findOr404 } from "../../routes/lookup";
import { monitorCreateInput, monitorPatchInput } from "../../schemas/monitor";
import { createMonitor, updateMonitor } from "../../services/monitors";
import { teamOf } from "../../services/team";
import { validate } from "../../validation";
import { readForm } from "../form-body";
import type { PageEnv } from "../page-env";
import { requireWrite } from "../session-middleware";
import { type ChannelOption, errorsByField } from "./fields";
import { MonitorFormPage } from "./form";
import { previewOfValues, schedulePreviewFragment } from "./preview";
import { shownFields } from "./rows";
import { type FormValues, inputFromValues, newMonitorValues, valuesFromMonitor } from "./values";

/** A team has few channels: the form lists up to this many as checkboxes. */
const CHANNEL_LIMIT = 100;

async function channelOptions(db: D1Database, teamId: string): Promise<ChannelOption[]> {
  const channels = await listChannels(db, teamId, null, CHANNEL_LIMIT);
  return channels.map(({ id, name, type }) => ({ id, name, type }));
}

/** The session's team's monitor, or 404 as the API answers (a malformed id is not found either). */
const findMonitor = (c: Context<PageEnv>) =>
  findOr404("monitor", c.req.param("id") ?? "", (id) => getMonitor(c.env.DB, c.get("session").teamId, id));

/** The form, filled with `values`, with `details` (the API's errors) next to their inputs. */
async function formPage(c: Context<PageEnv>, monitorId: string | null, values: FormValues, error?: ApiError) {
  const errors = errorsByField(
    error?.details.length ? error.details : error ? [{ path: "", message: error.message }] : [],
    shownFields(values),
  );
  const page = (
    <MonitorFormPage
      session={c.get("session")}
      nonce={c.get("nonce")}
      monitorId={monitorId}
      form={{ values, errors }}
      channels={await channelOptions(c.env.DB, c.get("session").teamId)}
      preview={previewOfValues(values, Date.now())}
    />
  );
  return c.html(page, error ? error.status : 200);
}

/** The posted form, every value of a repeated name kept (the channels' checkboxes). */
async function postedValues(c: Context<PageEnv>): Promise<FormValues> {
  const body = await readForm(c, { all: true });
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === "_csrf") continue;
    const texts = [value].flat().filter((item): item is string => typeof item === "string");
    values[name] = texts.length === 1 ? (texts[0] ?? "") : texts;
  }
  return values;
}

/** Runs a save; a refusal the user can fix (4xx) re-renders the form with it, anything else is the error page. */
async function saveOrShow(c: Context<PageEnv>, monitorId: string | null, values: FormValues, save: () => Promise<string>) {
  try {
    return c.redirect(`/app/monitors/${await save()}`, 303);
  } catch (error) {
    if (error instanceof ApiError && error.status < 500 && error.code !== "forbidden") return formPage(c, monitorId, values, error);
    throw error;
  }
}

/** `/app/monitors/new`, `/app/monitors/:id/edit` and their POSTs, and `/app/schedule-preview` for the live preview. */
export const monitorFormRoutes = new Hono<PageEnv>();

monitorFormRoutes.get("/schedule-preview", schedulePreviewFragment);

monitorFormRoutes.get("/monitors/new", async (c) => {
  const team = await teamOf(c.env.DB, c.get("session").teamId);
  const channels = await channelOptions(c.env.DB, team.id);
  // What the API would pick when none is given: the team's default channels, else all of them.
  const defaults = team.defaultChannels ?? channels.map((channel) => channel.id);
  return formPage(c, null, newMonitorValues(defaults.filter((id) => channels.some((channel) => channel.id === id))));
});

monitorFormRoutes.post("/monitors", requireWrite(), async (c) => {
  const values = await postedValues(c);
  return saveOrShow(c, null, values, async () => {
    const input = validate(monitorCreateInput, inputFromValues(values), "body");
    const snapshot = await createMonitor(c.env, c.get("session").teamId, input, Date.now());
    return snapshot.config.id;
  });
});

monitorFormRoutes.get("/monitors/:id/edit", async (c) => {
  const record = await findMonitor(c);
  const view = renderMonitor({ ping: null, badge: "" }, record.config, record, Date.now());
  return formPage(c, record.config.id, valuesFromMonitor(view));
});

monitorFormRoutes.post("/monitors/:id", requireWrite(), async (c) => {
  const record = await findMonitor(c);
  const values = await postedValues(c);
  return saveOrShow(c, record.config.id, values, async () => {
    const patch = validate(monitorPatchInput, inputFromValues(values), "body");
    const snapshot = await updateMonitor(c.env, record, patch, Date.now());
    return snapshot.config.id;
  });
});
