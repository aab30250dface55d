import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import type { FC } from "hono/jsx";
import { principalForToken } from "../auth";
import { setSessionTeam } from "../db/sessions";
import { getTeam, listTeams } from "../db/teams";
import { ApiError, notFound } from "../errors";
import { limitFailedAuth, refuseBlockedClient } from "../rate-limit";
import { sha256Hex } from "../secrets";
import { closeSession, findSession, openSession } from "../services/sessions";
import { readForm } from "./form-body";
import { CsrfField, Layout } from "./layout";
import type { PageEnv } from "./page-env";
import {
  checkCsrf,
  clearSessionCookie,
  refuseCrossOrigin,
  requireSession,
  SESSION_COOKIE,
  safeNext,
  setSessionCookie,
} from "./session-middleware";

const SignInForm: FC<{ next: string; error?: string }> = ({ next, error }) => (
  <div class="card">
    <h1>Sign in to lubdub</h1>
    {error && (
      <p class="error" role="alert" id="sign-in-error">
        {error}
      </p>
    )}
    <form method="post" action="/app/sign-in">
      <input type="hidden" name="next" value={next} />
      <label for="token">
        API key or admin token
        <span class="hint">A team's read key gives a read-only dashboard; a write key or the ADMIN_TOKEN can change things.</span>
      </label>
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="current-password"
        required
        aria-describedby={error ? "sign-in-error" : undefined}
      />
      <div class="actions">
        <button type="submit" class="primary">
          Sign in
        </button>
      </div>
    </form>
  </div>
);

const signInPage = (c: Context<PageEnv>, next: string, error?: string) =>
  c.html(
    <Layout title="Sign in" nonce={c.get("nonce")}>
      <SignInForm next={next} error={error} />
    </Layout>,
    error ? 401 : 200,
  );

const formText = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

export const signInRoutes = new Hono<PageEnv>();

signInRoutes.get("/sign-in", (c) => signInPage(c, safeNext(c.req.query("next"))));

/**
 * Signs in with the same credentials the API takes (a team key, or the ADMIN_TOKEN acting on the default
 * team until the picker changes it). A wrong token counts against the address like the API's failed
 * authentications, so the form is no faster way to guess keys than the API.
 */
signInRoutes.post("/sign-in", async (c) => {
  refuseCrossOrigin(c);
  refuseBlockedClient(c);
  const form = await readForm(c);
  const next = safeNext(formText(form.next));
  const principal = await principalForToken(c, formText(form.token));
  if (!principal) {
    await limitFailedAuth(c);
    return signInPage(c, next, "That is not a live API key nor the admin token.");
  }
  const session = await openSession(c.env.DB, principal, c.env.ADMIN_TOKEN, Date.now());
  setSessionCookie(c, session);
  return c.redirect(next, 303);
});

/**
 * Ends the session on the server (its row is deleted), not only in this browser. Without a live session
 * there is nothing to end: the browser just goes to the sign-in page.
 */
signInRoutes.post("/sign-out", async (c) => {
  const id = getCookie(c, SESSION_COOKIE);
  const session = id ? await findSession(c.env.DB, id, c.env.ADMIN_TOKEN, Date.now()) : null;
  if (session) {
    c.set("session", session);
    await checkCsrf(c);
    await closeSession(c.env.DB, session.id);
  }
  clearSessionCookie(c);
  return c.redirect("/app/sign-in", 303);
});

/** The session as a script sees it (the CSRF token for its POSTs). Same-origin only: no CORS header. */
signInRoutes.get("/session.json", requireSession(), (c) => {
  const { teamId, scope, csrf, expiresAt } = c.get("session");
  return c.json({ team_id: teamId, scope, csrf, expires_at: new Date(expiresAt).toISOString() });
});

/** The super-admin's team picker. */
signInRoutes.get("/switch-team", requireSession(), async (c) => {
  const session = c.get("session");
  if (session.scope !== "super") throw new ApiError("forbidden", "only the admin token's session can switch teams");
  const teams = await listTeams(c.env.DB, null);
  return c.html(
    <Layout title="Switch team" nonce={c.get("nonce")} session={session} active="team">
      <h1>Switch team</h1>
      <form method="post" action="/app/switch-team">
        <CsrfField session={session} />
        <label for="team">Team</label>
        <select id="team" name="team">
          {teams.map((team) => (
            <option value={team.id} selected={team.id === session.teamId}>
              {team.name} ({team.id})
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit" class="primary">
            Switch
          </button>
        </div>
      </form>
    </Layout>,
  );
});

signInRoutes.post("/switch-team", requireSession(), async (c) => {
  await checkCsrf(c);
  const session = c.get("session");
  if (session.scope !== "super") throw new ApiError("forbidden", "only the admin token's session can switch teams");
  const team = formText((await readForm(c)).team);
  if (!(await getTeam(c.env.DB, team))) throw notFound("team");
  await setSessionTeam(c.env.DB, await sha256Hex(session.id), team);
  return c.redirect("/app/monitors", 303);
});
