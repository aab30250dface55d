import { KIND_EXAMPLES } from "../channels/kinds/examples";
import type { ContractSession, Json } from "./contract-session";
import type { Receiver } from "./dev-server";
import { waitFor } from "./dev-server";

// The steps of openapi-contract.test.ts's session, in the order a user takes them: each operation once
// as it should go, once as it goes wrong. Ids that exist nowhere (`unknown`) give the 404s.

const A = "/api/v1";
const unknown = (prefix: string) => `${prefix}_aaaaaaaaaaaaaaaaaaaaaaaaaa`;

/** Channels; returns the one the monitors alert (a webhook to the receiver). */
export async function channels(s: ContractSession, receiver: Receiver): Promise<Json> {
  const channel = (await s.call(`post ${A}/channels`, `${A}/channels`, 201, { json: { type: "webhook", name: "ops", url: receiver.url } }))
    .body;
  await s.call(`post ${A}/channels`, `${A}/channels`, 400, { json: { type: "pigeon", name: "x" }, invalid: true });
  await s.call(`get ${A}/channels`, `${A}/channels?limit=10`, 200);
  await s.call(`get ${A}/channels`, `${A}/channels?cursor=%25%25`, 400);
  await s.call(`get ${A}/channels/{id}`, `${A}/channels/${channel.id}`, 200);
  await s.call(`get ${A}/channels/{id}`, `${A}/channels/${unknown("chn")}`, 404);
  await s.call(`patch ${A}/channels/{id}`, `${A}/channels/${channel.id}`, 200, { json: { name: "renamed" } });
  await s.call(`patch ${A}/channels/{id}`, `${A}/channels/${channel.id}`, 200, { json: { type: "webhook", url: receiver.url } });
  await s.call(`patch ${A}/channels/{id}`, `${A}/channels/${unknown("chn")}`, 404, { json: { name: "x" } });
  await s.call(`post ${A}/channels/{id}/test`, `${A}/channels/${channel.id}/test`, 200);
  await s.call(`post ${A}/channels/{id}/test`, `${A}/channels/${unknown("chn")}/test`, 404);
  await s.call(`get ${A}/channels/{id}/deliveries`, `${A}/channels/${channel.id}/deliveries`, 200);
  await s.call(`get ${A}/channels/{id}/deliveries`, `${A}/channels/${unknown("chn")}/deliveries`, 404);
  const spare = (await s.call(`post ${A}/channels`, `${A}/channels`, 201, { json: { type: "ntfy", name: "spare", topic: "lubdub-e2e" } }))
    .body;
  await s.call(`delete ${A}/channels/{id}`, `${A}/channels/${spare.id}`, 204);
  await s.call(`delete ${A}/channels/{id}`, `${A}/channels/${spare.id}`, 404);

  return channel;
}

/**
 * PATCH as a validator sees it: each kind's channel renamed, then edited with its own fields. The server
 * checks a body against the stored channel's kind, which the document cannot say (`anyOf` the kinds).
 */
export async function everyKindEdited(s: ContractSession): Promise<void> {
  for (const [kind, { type, ...fields }] of Object.entries(KIND_EXAMPLES)) {
    const created = await s.call(`post ${A}/channels`, `${A}/channels`, 201, { json: { type, name: kind, ...fields } });
    const path = `${A}/channels/${created.body.id}`;
    await s.call(`patch ${A}/channels/{id}`, path, 200, { json: { name: `${kind} renamed` } });
    await s.call(`patch ${A}/channels/{id}`, path, 200, { json: fields });
    await s.call(`delete ${A}/channels/{id}`, path, 204);
  }
}

/** Monitors; returns the one the pings, alerts and badges use (slug `backup`, tag `db`). */
export async function monitors(s: ContractSession, channel: Json): Promise<Json> {
  const body = { name: "backup", slug: "backup", interval: "1h", grace: "10m", tags: ["db"], channels: [channel.id] };
  const monitor = (await s.call(`post ${A}/monitors`, `${A}/monitors`, 201, { json: body })).body;
  await s.call(`post ${A}/monitors`, `${A}/monitors`, 409, { json: body });
  await s.call(`post ${A}/monitors`, `${A}/monitors`, 400, { json: {}, invalid: true });
  await s.call(`get ${A}/monitors`, `${A}/monitors?tag=db`, 200);
  await s.call(`get ${A}/monitors`, `${A}/monitors?cursor=%25%25`, 400);
  const one = `${A}/monitors/{id}`;
  await s.call(`get ${one}`, `${A}/monitors/${monitor.id}`, 200);
  await s.call(`get ${one}`, `${A}/monitors/${unknown("mon")}`, 404);
  await s.call(`patch ${one}`, `${A}/monitors/${monitor.id}`, 200, { json: { summary: "The nightly backup." } });
  await s.call(`patch ${one}`, `${A}/monitors/${unknown("mon")}`, 404, { json: { name: "x" } });
  for (const action of ["pause", "resume"]) {
    await s.call(`post ${one}/${action}`, `${A}/monitors/${monitor.id}/${action}`, 200);
    await s.call(`post ${one}/${action}`, `${A}/monitors/${unknown("mon")}/${action}`, 404);
  }
  const other = (await s.call(`post ${A}/monitors`, `${A}/monitors`, 201, { json: { name: "other", interval: 60 } })).body;
  await s.call(`delete ${one}`, `${A}/monitors/${other.id}`, 204);
  await s.call(`delete ${one}`, `${A}/monitors/${other.id}`, 404);

  return monitor;
}

/** The team, every ping form, then the ping log; returns the team (its ping and badge keys). */
export async function teamAndPings(s: ContractSession, monitor: Json): Promise<Json> {
  const one = `${A}/monitors/{id}`;
  const team = (await s.call(`get ${A}/team`, `${A}/team`, 200)).body;
  await s.call(`get ${A}/team`, `${A}/team`, 401, { token: null, invalid: true });
  await s.call(`patch ${A}/team`, `${A}/team`, 200, { json: { create_on_ping: true } });
  await s.call(`patch ${A}/team`, `${A}/team`, 400, { json: { create_on_ping: "yes" }, invalid: true });
  await pingEveryForm(s, monitor.ping_url.split("/").pop(), team.ping_key, "backup");
  const pings = (await s.call(`get ${one}/pings`, `${A}/monitors/${monitor.id}/pings?limit=100`, 200)).body;
  await s.call(`get ${one}/pings`, `${A}/monitors/${unknown("mon")}/pings`, 404);
  const withBody = pings.data.find((ping: { body_url: string | null }) => ping.body_url !== null);
  await s.call(`get ${one}/pings/{n}/body`, `${A}/monitors/${monitor.id}/pings/${withBody.n}/body`, 200);
  await s.call(`get ${one}/pings/{n}/body`, `${A}/monitors/${monitor.id}/pings/999999/body`, 404);

  return team;
}

/** The /fail pings opened an alert, delivered to the receiver: alerts and deliveries. */
export async function alertsAndDeliveries(s: ContractSession, monitor: Json, receiver: Receiver): Promise<void> {
  const one = `${A}/monitors/{id}`;
  await waitFor(() => receiver.events.some((event) => event.body.type === "alert.opened"), 20_000, "alert.opened");
  const alerts = (await s.call(`get ${A}/alerts`, `${A}/alerts?monitor_id=${monitor.id}`, 200)).body;
  await s.call(`get ${A}/alerts`, `${A}/alerts?cursor=%25%25`, 400);
  const alert = alerts.data[0];
  await s.call(`get ${one}/alerts`, `${A}/monitors/${monitor.id}/alerts`, 200);
  await s.call(`get ${one}/alerts`, `${A}/monitors/${unknown("mon")}/alerts`, 404);
  // The alert is in D1, so the status change that opened it is too (the same lane, in order).
  const flips = (await s.call(`get ${one}/flips`, `${A}/monitors/${monitor.id}/flips?limit=10`, 200)).body;
  if (!flips.data.some((flip: { alert_id: string | null }) => flip.alert_id === alert.id)) throw new Error("no flip names the alert");
  await s.call(`get ${one}/flips`, `${A}/monitors/${monitor.id}/flips?from=yesterday`, 400, { invalid: true });
  await s.call(`get ${one}/flips`, `${A}/monitors/${unknown("mon")}/flips`, 404);
  await s.call(`get ${one}/uptime`, `${A}/monitors/${monitor.id}/uptime?period=month&tz=Europe%2FBerlin`, 200);
  await s.call(`get ${one}/uptime`, `${A}/monitors/${monitor.id}/uptime?tz=Mars%2FOlympus`, 400);
  await s.call(`get ${one}/uptime`, `${A}/monitors/${unknown("mon")}/uptime`, 404);
  await s.call(`get ${A}/alerts/{id}`, `${A}/alerts/${alert.id}`, 200);
  await s.call(`get ${A}/alerts/{id}`, `${A}/alerts/${unknown("alt")}`, 404);
  const deliveries = (await s.call(`get ${A}/alerts/{id}/deliveries`, `${A}/alerts/${alert.id}/deliveries`, 200)).body;
  await s.call(`get ${A}/alerts/{id}/deliveries`, `${A}/alerts/${unknown("alt")}/deliveries`, 404);
  const delivery = deliveries.data[0];
  await s.call(`get ${A}/deliveries/{id}`, `${A}/deliveries/${delivery.id}`, 200);
  await s.call(`get ${A}/deliveries/{id}`, `${A}/deliveries/${unknown("dlv")}`, 404);
  await s.call(`post ${A}/deliveries/{id}/retry`, `${A}/deliveries/${delivery.id}/retry`, 202);
  await s.call(`post ${A}/deliveries/{id}/retry`, `${A}/deliveries/${unknown("dlv")}/retry`, 404);
}

export async function badges(s: ContractSession, team: Json): Promise<void> {
  await s.call("get /badge/{badge_key}/{monitor}", `/badge/${team.badge_key}/backup.svg`, 200);
  await s.call("get /badge/{badge_key}/{monitor}", `/badge/${team.badge_key}/no-such-monitor.json`, 404);
  await s.call("get /badge/{badge_key}/tag/{tag}", `/badge/${team.badge_key}/tag/db.json`, 200);
  await s.call("get /badge/{badge_key}/tag/{tag}", `/badge/${team.badge_key}/tag/no-such-tag.svg`, 404);
}

/** The schedule preview, and the team's public status page turned on for the tag `db`. */
export async function previewAndStatusPage(s: ContractSession): Promise<void> {
  const preview = `${A}/schedule-preview`;
  await s.call(`get ${preview}`, `${preview}?schedule=30%202%20*%20*%20*&timezone=Europe%2FBerlin&viewer_timezone=UTC`, 200);
  await s.call(`get ${preview}`, `${preview}?schedule=30%202%20*%20*%20*&timezone=Mars%2FOlympus`, 400);
  const team = (await s.call(`patch ${A}/team`, `${A}/team`, 200, { json: { status_page: { tag: "db" } } })).body;
  const key = String(team.status_page?.url ?? "")
    .split("/")
    .pop();
  await s.call("get /status/{status_page_key}", `/status/${key}`, 200);
  await s.call("get /status/{status_page_key}", `/status/${"0".repeat(32)}`, 404);
}

/** Teams and keys (the super-admin), who the caller is, and the metrics. */
export async function teamsKeysAndMetrics(s: ContractSession): Promise<void> {
  const created = (await s.call(`post ${A}/teams`, `${A}/teams`, 201, { json: { name: "second" } })).body;
  await s.call(`post ${A}/teams`, `${A}/teams`, 400, { json: {}, invalid: true });
  await s.call(`get ${A}/teams`, `${A}/teams`, 200);
  await s.call(`get ${A}/teams`, `${A}/teams`, 401, { token: "wrong-token" });
  await s.call(`patch ${A}/teams/{id}`, `${A}/teams/${created.id}`, 200, { json: { name: "2nd" } });
  await s.call(`patch ${A}/teams/{id}`, `${A}/teams/team_nosuchteam`, 404, { json: { name: "x" } });
  const key = (await s.call(`post ${A}/teams/{id}/keys`, `${A}/teams/${created.id}/keys`, 201, { json: { name: "ci", scope: "read" } }))
    .body;
  await s.call(`post ${A}/teams/{id}/keys`, `${A}/teams/team_nosuchteam/keys`, 404, { json: { name: "ci", scope: "read" } });
  await s.call(`get ${A}/teams/{id}/keys`, `${A}/teams/${created.id}/keys`, 200);
  await s.call(`get ${A}/teams/{id}/keys`, `${A}/teams/team_nosuchteam/keys`, 404);
  await s.call(`get ${A}/me`, `${A}/me`, 200, { token: key.key });
  await s.call(`get ${A}/me`, `${A}/me`, 401, { token: "wrong-token" });
  await s.call(`patch ${A}/team`, `${A}/team`, 403, { token: key.key, json: { name: "read keys cannot" } });
  await s.call(`delete ${A}/keys/{id}`, `${A}/keys/${key.id}`, 204);
  await s.call(`delete ${A}/keys/{id}`, `${A}/keys/${unknown("key")}`, 404);
  await s.call(`delete ${A}/teams/{id}`, `${A}/teams/${created.id}`, 204);
  await s.call(`delete ${A}/teams/{id}`, `${A}/teams/${created.id}`, 404);
  for (const metrics of [`${A}/metrics`, "/metrics"]) {
    await s.call(`get ${metrics}`, metrics, 200);
    await s.call(`get ${metrics}`, metrics, 401, { token: "wrong-token" });
  }
}

/** Every ping operation: the document's ping paths with real values, then unknown ones (404). */
async function pingEveryForm(session: ContractSession, token: string, pingKey: string, slug: string) {
  const real = { token, ping_key: pingKey, slug, exit_code: "0", token_or_ping_key: token, exit_code_or_slug: "0" };
  // The token's monitor exists, this token for it does not: 404, as an unknown token.
  const wrong = { ...real, token: `${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`, slug: "no-such-slug" };
  const fill = (template: string, values: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => values[name as keyof typeof real] ?? name);
  for (const template of session.operations().filter((op) => op.includes(" /ping/"))) {
    const [method = "", path = ""] = template.split(" ");
    const raw = method === "post" ? { body: "backup done: 3 files", type: "text/plain" } : undefined;
    await session.call(template, fill(path, real), 200, { raw });
    const wrongValues = path.includes("token_or") ? { ...wrong, token_or_ping_key: wrong.token } : wrong;
    await session.call(template, fill(path, wrongValues), 404, { raw });
  }
  // The shared path's other meaning, a body as curl -d sends it, a slug created on ping, and a bad exit status.
  const shared = "/ping/{token_or_ping_key}/{exit_code_or_slug}";
  await session.call(`post ${shared}`, `/ping/${pingKey}/${slug}`, 200, {
    raw: { body: "a=b", type: "application/x-www-form-urlencoded" },
  });
  await session.call(`get ${shared}`, `/ping/${pingKey}/made-on-ping?create=1`, 201);
  await session.call(`get ${shared}`, `/ping/${token}/300`, 400);
}
