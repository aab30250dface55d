/** The team page's routes: GET /app/team, and one POST per form, each through requireWrite(). */
import { type Context, Hono } from "hono";
import { renderKey } from "../../api/keys";
import { renderTeam } from "../../api/team";
import { getApiKey, listApiKeys } from "../../db/api-keys";
import { listChannels } from "../../db/channels";
import { ApiError, notFound } from "../../errors";
import { keyCreateInput } from "../../schemas/keys";
import type { TeamPatchInput } from "../../schemas/team";
import { createApiKey, revokeKey } from "../../services/api-keys";
import { quotaOf } from "../../services/limits";
import { teamOf, updateTeam } from "../../services/team";
import { validate } from "../../validation";
import { fieldErrors } from "../admin-parts";
import { readForm } from "../form-body";
import { Layout } from "../layout";
import type { PageEnv } from "../page-env";
import { canWrite, requireWrite } from "../session-middleware";
import { defaultChannelsPatch, type FormValues, statusPagePatch, text, windowField, windowsWithNew, windowsWithout } from "./team-forms";
import { TeamPage, type TeamPageProps } from "./team-page";
import type { FormState } from "./team-sections";

type PageContext = Context<PageEnv>;

/** Shown after a change, by the `done` of the redirect back to the page. */
const NOTICES: Record<string, string> = {
  "key-revoked": "The key is revoked: the next request with it is refused.",
  "channels-saved": "Default channels saved.",
  "window-added": "Maintenance window added: every monitor of the team has it now.",
  "window-removed": "Maintenance window removed.",
  "badge-rotated": "New badge key: badge URLs with the old one answer 404.",
  "status-on": "The status page is on, at the URL below.",
  "status-rotated": "New status page URL: the old one answers 404.",
  "status-off": "The status page is off: its URL answers 404.",
};
const SECTION: Record<string, string> = {
  "key-revoked": "api-keys",
  "channels-saved": "default-channels",
  "window-added": "maintenance",
  "window-removed": "maintenance",
  "badge-rotated": "badges",
  "status-on": "status-page",
  "status-rotated": "status-page",
  "status-off": "status-page",
};

const MAX_KEYS = 100;
const MAX_CHANNELS = 200;

async function render(c: PageContext, extra: Partial<Pick<TeamPageProps, "newKey" | "notice" | "failed">>, status: 200 | 400 = 200) {
  const session = c.get("session");
  const db = c.env.DB;
  const [team, keys, channels] = await Promise.all([
    teamOf(db, session.teamId),
    listApiKeys(db, session.teamId, null, MAX_KEYS),
    listChannels(db, session.teamId, null, MAX_CHANNELS),
  ]);
  const writable = canWrite(session);
  const props: TeamPageProps = {
    team: renderTeam(team, await quotaOf(c.env, team), new URL(c.req.url).origin, writable),
    session,
    writable,
    keys: keys.map(renderKey),
    channels,
    newKey: extra.newKey ?? null,
    notice: extra.notice ?? null,
    failed: extra.failed ?? null,
  };
  return c.html(
    <Layout title="Team" nonce={c.get("nonce")} session={session} active="team">
      <TeamPage {...props} />
    </Layout>,
    status,
  );
}

async function formValues(c: PageContext): Promise<FormValues> {
  const body = await readForm(c, { all: true });
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string") values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === "string");
  }
  return values;
}

/**
 * Runs one form's change and goes back to the page saying what happened. The API's validation error
 * shows the page again (400) with each message beside its field and the values as typed.
 */
async function formAction(
  c: PageContext,
  form: FormState["form"],
  apply: (values: FormValues) => Promise<string>,
  field = (p: string) => p,
) {
  const values = await formValues(c);
  try {
    const done = await apply(values);
    return c.redirect(`/app/team?done=${done}#${SECTION[done] ?? ""}`, 303);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== "invalid_request") throw err;
    const errors = fieldErrors(err.details.map((d) => ({ ...d, path: field(d.path) })));
    const shown = Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string"));
    return render(c, { failed: { form, errors, values: shown } }, 400);
  }
}

const patchTeam = (c: PageContext, patch: TeamPatchInput) =>
  updateTeam(c.env, c.get("session").teamId, patch, Date.now(), new URL(c.req.url).origin);

export const teamRoutes = new Hono<PageEnv>();

teamRoutes.get("/", (c) => render(c, { notice: NOTICES[c.req.query("done") ?? ""] ?? null }));

teamRoutes.post("/keys", requireWrite(), async (c) => {
  const values = await formValues(c);
  try {
    const input = validate(keyCreateInput, { name: text(values, "name"), scope: text(values, "scope") }, "body");
    const { record, key } = await createApiKey(c.env, c.get("session").teamId, input, Date.now());
    return render(c, { newKey: { ...renderKey(record), key } });
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== "invalid_request") throw err;
    return render(c, { failed: { form: "key", errors: fieldErrors(err.details), values: { name: text(values, "name") } } }, 400);
  }
});

teamRoutes.post("/keys/:id/revoke", requireWrite(), async (c) => {
  const key = await getApiKey(c.env.DB, c.get("session").teamId, c.req.param("id"));
  if (!key) throw notFound("key");
  await revokeKey(c.env.DB, key, Date.now());
  return c.redirect(`/app/team?done=key-revoked#api-keys`, 303);
});

teamRoutes.post("/default-channels", requireWrite(), (c) =>
  formAction(c, "default-channels", async (values) => {
    await patchTeam(c, defaultChannelsPatch(values));
    return "channels-saved";
  }),
);

teamRoutes.post("/maintenance", requireWrite(), (c) =>
  formAction(
    c,
    "maintenance",
    async (values) => {
      await patchTeam(c, windowsWithNew(await teamOf(c.env.DB, c.get("session").teamId), values));
      return "window-added";
    },
    windowField,
  ),
);

teamRoutes.post("/maintenance/:index/delete", requireWrite(), async (c) => {
  const team = await teamOf(c.env.DB, c.get("session").teamId);
  const index = Number(c.req.param("index"));
  if (!Number.isInteger(index) || index < 0 || index >= team.maintenance.length) throw notFound("maintenance window");
  await patchTeam(c, windowsWithout(team, index));
  return c.redirect("/app/team?done=window-removed#maintenance", 303);
});

teamRoutes.post("/badge-key/rotate", requireWrite(), async (c) => {
  await patchTeam(c, { rotate_badge_key: true });
  return c.redirect("/app/team?done=badge-rotated#badges", 303);
});

teamRoutes.post("/status-page", requireWrite(), (c) =>
  formAction(c, "status-page", async (values) => {
    await patchTeam(c, statusPagePatch(values));
    return "status-on";
  }),
);

teamRoutes.post("/status-page/rotate", requireWrite(), async (c) => {
  await patchTeam(c, { rotate_status_page_key: true });
  return c.redirect("/app/team?done=status-rotated#status-page", 303);
});

teamRoutes.post("/status-page/disable", requireWrite(), async (c) => {
  await patchTeam(c, { status_page: null });
  return c.redirect("/app/team?done=status-off#status-page", 303);
});
