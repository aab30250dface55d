/**
 * A monitor's details page and its actions, mounted at /app/monitors: GET /:id (the page), POST /:id/pause
 * and /:id/resume, GET /:id/delete (the confirmation), POST /:id/delete, and GET /:id/pings/:n/body (a
 * ping's whole body). The actions call the same services as the API; every POST goes through
 * requireWrite() (CSRF, and a read-only session refused).
 */
import { type Context, Hono } from "hono";
import { monitorStub } from "../do/stub";
import { validateTimezone } from "../domain/schedule";
import { notFound } from "../errors";
import { isWellFormedId } from "../ids";
import { removeMonitor, updateMonitor } from "../services/monitors";
import { isTimelineRange } from "./charts/timeline";
import { findTeamMonitor, loadDetails, loadDetailsVersion } from "./details/load";
import { DetailsPage } from "./details/page";
import { readForm } from "./form-body";
import { CsrfField, Layout } from "./layout";
import type { PageEnv } from "./page-env";
import { canWrite, requireWrite } from "./session-middleware";

const ID = "/:id";

/** The zone asked for (`?tz=`), if it is one the schedule code knows; else UTC. */
const zoneOf = (tz: string | undefined) => (tz && validateTimezone(tz) === null ? tz : "UTC");

export const monitorDetailsRoutes = new Hono<PageEnv>();

monitorDetailsRoutes.get(ID, async (c, next) => {
  // Not a monitor id: a sibling page's path (/app/monitors/new is the create form's), left to its router.
  if (!isWellFormedId(c.req.param("id"), "mon")) return next();
  const session = c.get("session");
  const range = c.req.query("range");
  const now = Date.now();
  const view = {
    range: isTimelineRange(range) ? range : "24h",
    timeZone: zoneOf(c.req.query("tz")),
    origin: new URL(c.req.url).origin,
    now,
  };
  const data = await loadDetails(c.env, session.teamId, c.req.param("id"), view, now);
  return c.html(
    <Layout
      title={data.record.config.name}
      nonce={c.get("nonce")}
      session={session}
      active="monitors"
      scripts={["copy", "tz", "live-details"]}
    >
      <DetailsPage data={data} view={view} session={session} />
    </Layout>,
  );
});

/** The live-details script's poll: JSON `{version}`, a new one whenever the page's live parts would change. */
monitorDetailsRoutes.get(`${ID}/version`, async (c) => {
  const version = await loadDetailsVersion(c.env, c.get("session").teamId, c.req.param("id"));
  return c.json({ version }, 200, { "cache-control": "no-store" });
});

/** A ping's whole kept body, as the API's /pings/{n}/body serves it: text as text, anything else as a download. */
monitorDetailsRoutes.get(`${ID}/pings/:n/body`, async (c) => {
  const record = await findTeamMonitor(c.env.DB, c.get("session").teamId, c.req.param("id"));
  const n = c.req.param("n");
  const entry = /^\d{1,15}$/.test(n) ? await monitorStub(c.env, record.config.id).pingEntry(Number(n)) : null;
  if (!entry) throw notFound("ping");
  const headers = { "x-truncated": String(entry.truncated) };
  if (entry.bodyEncoding === "utf-8") return c.body(entry.body, 200, { ...headers, "content-type": "text/plain; charset=utf-8" });
  const bytes = Uint8Array.from(atob(entry.body), (ch) => ch.charCodeAt(0));
  const download = { "content-type": "application/octet-stream", "content-disposition": `attachment; filename="ping-${entry.n}.bin"` };
  return c.body(bytes, 200, { ...headers, ...download });
});

const backTo = (c: Context<PageEnv>, id: string) => c.redirect(`/app/monitors/${id}`, 303);

for (const [action, enabled] of [
  ["pause", false],
  ["resume", true],
] as const) {
  monitorDetailsRoutes.post(`${ID}/${action}`, requireWrite(), async (c) => {
    const record = await findTeamMonitor(c.env.DB, c.get("session").teamId, c.req.param("id"));
    await updateMonitor(c.env, record, { enabled }, Date.now());
    return backTo(c, record.config.id);
  });
}

const confirmPage = async (c: Context<PageEnv>, error?: string) => {
  const session = c.get("session");
  const record = await findTeamMonitor(c.env.DB, session.teamId, c.req.param("id") ?? "");
  const id = record.config.id;
  return c.html(
    <Layout title={`Delete ${record.config.name}`} nonce={c.get("nonce")} session={session} active="monitors">
      <h1>Delete {record.config.name}?</h1>
      <p>Its ping URL will answer 404, and its history, alerts and ping log go with it. This cannot be undone.</p>
      {error && (
        <p class="error" role="alert" id="confirm-error">
          {error}
        </p>
      )}
      {!canWrite(session) ? (
        <p class="notice">This session is read-only: sign in with a write key to delete monitors.</p>
      ) : (
        <form method="post" action={`/app/monitors/${id}/delete`} id="delete-form">
          <CsrfField session={session} />
          <label class="checkbox">
            <input type="checkbox" name="confirm" value="yes" id="confirm-delete" required /> Yes, delete “{record.config.name}”
          </label>
          <div class="actions">
            <button type="submit" class="danger" id="confirm-delete-button">
              Delete monitor
            </button>
            <a href={`/app/monitors/${id}`}>Cancel</a>
          </div>
        </form>
      )}
    </Layout>,
    error ? 400 : 200,
  );
};

monitorDetailsRoutes.get(`${ID}/delete`, (c) => confirmPage(c));

monitorDetailsRoutes.post(`${ID}/delete`, requireWrite(), async (c) => {
  const form = await readForm(c);
  if (form.confirm !== "yes") return confirmPage(c, "Tick the box to confirm the deletion.");
  const record = await findTeamMonitor(c.env.DB, c.get("session").teamId, c.req.param("id"));
  await removeMonitor(c.env, record.config.id);
  return c.redirect("/app/monitors", 303);
});
