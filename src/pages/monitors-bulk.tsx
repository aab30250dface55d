import { type Context, Hono } from "hono";
import type { FC } from "hono/jsx";
import { namesOfMonitors } from "../db/monitor-overview";
import { getMonitor, type MonitorRecord } from "../db/monitors";
import { ApiError, invalidInput } from "../errors";
import { isWellFormedId } from "../ids";
import { removeMonitor, updateMonitor } from "../services/monitors";
import type { Session } from "../services/sessions";
import { readForm } from "./form-body";
import { CsrfField, Layout } from "./layout";
import type { PageEnv } from "./page-env";
import { requireWrite, safeNext } from "./session-middleware";

const ACTIONS = ["pause", "resume", "delete"] as const;
type BulkAction = (typeof ACTIONS)[number];
const DONE: Record<BulkAction, string> = { pause: "paused", resume: "resumed", delete: "deleted" };
/** What happened to one monitor: done, not the team's (or no such monitor), or refused with an error. */
const OUTCOMES = ["ok", "missing", "failed"] as const;
type Outcome = (typeof OUTCOMES)[number];
const OUTCOME_WORDS: Record<Exclude<Outcome, "ok">, string> = { missing: "not found", failed: "failed: try again" };
/** A page's worth: the API's largest page. */
const MAX_IDS = 100;

const isAction = (value: unknown): value is BulkAction => ACTIONS.some((action) => action === value);

/** The same services as the API's POST /monitors/{id}/pause, /resume and DELETE /monitors/{id}. */
async function apply(env: Env, action: BulkAction, record: MonitorRecord): Promise<Outcome> {
  try {
    if (action === "delete") await removeMonitor(env, record.config.id);
    else await updateMonitor(env, record, { enabled: action === "resume" }, Date.now());
    return "ok";
  } catch (err) {
    if (err instanceof ApiError) return "failed";
    throw err;
  }
}

const formList = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");

async function readBulkForm(c: Context<PageEnv>) {
  const form = await readForm(c, { all: true });
  const action = form.action;
  if (!isAction(action)) throw invalidInput("body", [{ path: "action", message: `one of ${ACTIONS.join(", ")}` }]);
  const ids = [...new Set(formList(form.ids))];
  if (ids.length === 0) throw invalidInput("body", [{ path: "ids", message: "select at least one monitor" }]);
  if (ids.length > MAX_IDS) throw invalidInput("body", [{ path: "ids", message: `at most ${MAX_IDS} monitors at once` }]);
  const back = safeNext(formList(form.back)[0]);
  return { action, ids, back: back.startsWith("/app/monitors") ? back : "/app/monitors", confirmed: form.confirm === "yes" };
}

/** Before a bulk delete: the monitors that would go, and one button to really do it. */
const ConfirmDelete: FC<{ monitors: MonitorRecord[]; back: string; session: Session }> = ({ monitors, back, session }) => (
  <>
    <h1>Delete {monitors.length === 1 ? "this monitor" : `these ${monitors.length} monitors`}?</h1>
    <p>Their ping URLs stop working and their history is deleted. This cannot be undone.</p>
    <ul id="delete-list">
      {monitors.map((record) => (
        <li>{record.config.name}</li>
      ))}
    </ul>
    <form method="post" action="/app/monitors/bulk" class="actions">
      <CsrfField session={session} />
      <input type="hidden" name="action" value="delete" />
      <input type="hidden" name="confirm" value="yes" />
      <input type="hidden" name="back" value={back} />
      {monitors.map((record) => (
        <input type="hidden" name="ids" value={record.config.id} />
      ))}
      <button type="submit" class="danger" id="confirm-delete">
        Delete {monitors.length === 1 ? "1 monitor" : `${monitors.length} monitors`}
      </button>
      <a href={back}>Cancel</a>
    </form>
  </>
);

export const bulkRoutes = new Hono<PageEnv>();

/**
 * Bulk pause, resume and delete: CSRF and write scope first (requireWrite: a read key's session is refused
 * here whatever the page showed). A delete shows its confirmation page unless the form says `confirm=yes`.
 * Then back to the list, with what happened to each monitor in the URL (`done`, `r=<id>.<outcome>`).
 */
bulkRoutes.post("/", requireWrite(), async (c) => {
  const session = c.get("session");
  const { action, ids, back, confirmed } = await readBulkForm(c);
  const found = await Promise.all(ids.map((id) => (isWellFormedId(id, "mon") ? getMonitor(c.env.DB, session.teamId, id) : null)));
  const records = found.filter((record): record is MonitorRecord => record !== null);
  if (action === "delete" && !confirmed) {
    if (records.length === 0) throw invalidInput("body", [{ path: "ids", message: "none of these monitors exists" }]);
    return c.html(
      <Layout title="Delete monitors" nonce={c.get("nonce")} session={session} active="monitors">
        <ConfirmDelete monitors={records} back={back} session={session} />
      </Layout>,
    );
  }
  const outcomes = await Promise.all(ids.map(async (id, i) => [id, found[i] ? await apply(c.env, action, found[i]) : "missing"] as const));
  const target = new URL(back, c.req.url);
  target.searchParams.set("done", action);
  for (const [id, outcome] of outcomes) target.searchParams.append("r", `${id}.${outcome}`);
  return c.redirect(target.pathname + target.search, 303);
});

export interface BulkResults {
  action: BulkAction;
  items: { id: string; name: string | null; outcome: Outcome }[];
}

/** The report a bulk action left in the list's URL, with the names of the monitors still there. */
export async function readBulkResults(db: D1Database, teamId: string, params: URLSearchParams): Promise<BulkResults | null> {
  const action = params.get("done");
  if (!isAction(action)) return null;
  const parsed = params
    .getAll("r")
    .slice(0, MAX_IDS)
    .flatMap((r) => {
      const [id = "", word] = r.split(".");
      const outcome = OUTCOMES.find((o) => o === word);
      return isWellFormedId(id, "mon") && outcome ? [{ id, outcome }] : [];
    });
  const names = await namesOfMonitors(
    db,
    teamId,
    parsed.map((item) => item.id),
  );
  const items = parsed.map((item) => ({ ...item, name: names.get(item.id) ?? null }));
  return { action, items };
}

/** "Paused 2 monitors." and each monitor's outcome, on the list after a bulk action. */
export const BulkNotice: FC<{ results: BulkResults }> = ({ results }) => {
  const done = results.items.filter((item) => item.outcome === "ok").length;
  const verb = DONE[results.action];
  const bad = done < results.items.length;
  return (
    <div id="bulk-notice" class={bad ? "notice bad" : "notice"} role="status">
      <p>
        {verb[0]?.toUpperCase()}
        {verb.slice(1)} {done} of {results.items.length} {results.items.length === 1 ? "monitor" : "monitors"}.
      </p>
      <ul>
        {results.items.map((item) => (
          <li data-id={item.id} data-outcome={item.outcome}>
            {item.name ?? item.id}: {item.outcome === "ok" ? verb : OUTCOME_WORDS[item.outcome]}
          </li>
        ))}
      </ul>
    </div>
  );
};
