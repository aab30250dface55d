import { describe, expect, it } from "vitest";
import { buildChannelRequest } from "../../../src/channels/send";
import { signWebhook } from "../../../src/transports/standard-webhooks";
import { advanceTo, api, interceptFetch, ping, S, setNow, settle, T0, useFakeClock } from "../../helpers";
import { ALERT_ID, CLOSED, context, describeMasking, expectInvalid, OPENED, requestFor, watched } from "../fixtures";

// The templated webhook (src/channels/kinds/template.ts): the user's own request for any API, filled in
// with {{variables}} escaped for its content type, checked on save.

const SECRET = `whsec_${"C".repeat(40)}`;
const OPENED_BODY = '{"summary":"{{message.title}}","dedup":"{{alert.id}}","tags":"{{monitor.tags}}","grace":{{monitor.grace}}}';
const CLOSED_BODY = '{"action":"resolve","dedup":"{{alert.id}}","at":"{{alert.closed_at}}"}';

const config = {
  type: "template",
  url: "https://api.example.com/v1/events",
  method: "POST",
  headers: { "X-Api-Key": "k_0123456789abcdef" },
  body: { content_type: "application/json", opened: OPENED_BODY, closed: CLOSED_BODY },
  secret: null,
} as const;

describe("template: the request", () => {
  it("open: the URL, method, custom and content-type headers, the opened template filled in", async () => {
    const req = await requestFor(config, OPENED);
    expect(req).toMatchObject({ url: "https://api.example.com/v1/events", method: "POST" });
    expect(req.headers).toEqual({
      "user-agent": "lubdub-webhooks/1",
      "x-api-key": "k_0123456789abcdef",
      "content-type": "application/json",
    });
    expect(req.json).toEqual({ summary: "db <backup> & co is DOWN", dedup: ALERT_ID, tags: "backup,prod", grace: 30 });
  });

  it("close: the closed template", async () => {
    const req = await requestFor(config, CLOSED);
    expect(req.json).toEqual({ action: "resolve", dedup: ALERT_ID, at: CLOSED.alert.closed_at });
  });

  it("a reminder uses the opened template", async () => {
    const req = await requestFor(config, { ...OPENED, type: "alert.reminder" });
    expect(req.json).toMatchObject({ dedup: ALERT_ID, summary: "db <backup> & co is DOWN" });
  });

  it("PUT with a form body: each value percent-encoded", async () => {
    const form = {
      ...config,
      method: "PUT",
      body: { content_type: "application/x-www-form-urlencoded", opened: "text={{monitor.name}}&id={{alert.id}}", closed: "x" },
    };
    const req = await buildChannelRequest(form, OPENED, context());
    expect(req.method).toBe("PUT");
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.body).toBe(`text=db%20%3Cbackup%3E%20%26%20co&id=${ALERT_ID}`);
  });

  it("signed like the plain webhook when a secret is set", async () => {
    const req = await requestFor({ ...config, secret: SECRET }, OPENED);
    const timestamp = Math.floor(context().now / 1000);
    expect(req.headers).toMatchObject({
      "webhook-id": "evt_test",
      "webhook-timestamp": String(timestamp),
      "webhook-signature": await signWebhook(SECRET, "evt_test", timestamp, req.body),
    });
  });
});

describe("template: checked on save", () => {
  const valid = { type: "template", name: "api", url: config.url, body: { opened: OPENED_BODY, closed: CLOSED_BODY } };
  const withBody = (body: Record<string, unknown>) => ({ ...valid, body: { ...valid.body, ...body } });

  it("accepts a valid template, defaults filled in", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.config).toEqual({
      url: config.url,
      method: "POST",
      headers: {},
      body: { content_type: "application/json", opened: OPENED_BODY, closed: CLOSED_BODY },
      secret: null,
    });
  });

  it("an unknown variable is refused, named", async () => {
    const res = await api("POST", "/api/v1/channels", withBody({ closed: '{"id":"{{alert.idd}}"}' }));
    expectInvalid(res, "body.closed", /unknown variable \{\{alert\.idd\}\}/);
  });

  it("a JSON template that would not parse once filled in is refused: a text variable outside quotes", async () => {
    expectInvalid(await api("POST", "/api/v1/channels", withBody({ opened: '{"name":{{monitor.name}}}' })), "body.opened", /not JSON/);
    expectInvalid(await api("POST", "/api/v1/channels", withBody({ opened: "{oops" })), "body.opened", /not JSON/);
  });

  it("a body that could grow too large is refused; the same template as text/plain fits", async () => {
    const many = `{"a":"${"{{monitor.name}}".repeat(30)}"}`;
    expectInvalid(await api("POST", "/api/v1/channels", withBody({ opened: many })), "body.opened", /could reach \d+ characters/);
    expect((await api("POST", "/api/v1/channels", withBody({ content_type: "text/plain", opened: many, closed: "x" }))).status).toBe(201);
  });

  it("a PATCH replaces the templates and is checked the same way", async () => {
    const { id } = (await api("POST", "/api/v1/channels", valid)).body;
    expectInvalid(
      await api("PATCH", `/api/v1/channels/${id}`, { body: { opened: "{{nope}}", closed: "x" } }),
      "body.opened",
      /\{\{nope\}\}/,
    );
    const res = await api("PATCH", `/api/v1/channels/${id}`, {
      body: { content_type: "text/plain", opened: "{{message.text}}", closed: "up" },
    });
    expect(res.body.config.body).toEqual({ content_type: "text/plain", opened: "{{message.text}}", closed: "up" });
  });
});

describeMasking(
  {
    type: "template",
    url: config.url,
    headers: { Authorization: "Bearer tpl_secret_0123456789" },
    body: { opened: "{}", closed: "[]" },
    secret: SECRET,
  },
  {
    url: config.url,
    method: "POST",
    headers: { Authorization: "••••" },
    body: { content_type: "application/json", opened: "{}", closed: "[]" },
    secret: `whsec_CCCC…CCCC`,
  },
  ["secret"], // the header's value is masked too (above); the conformance suite checks its redaction
);

describe("template: on a monitor", () => {
  useFakeClock(T0);

  it("the opening and the close reach the API, each with its own template", async () => {
    const { monitor } = await watched({
      type: "template",
      url: "http://receiver.test/api",
      body: { opened: OPENED_BODY, closed: CLOSED_BODY },
    });
    const receiver = interceptFetch();
    await advanceTo(monitor.id, T0 + 60 * S);
    setNow(T0 + 100 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    const [alert] = (await api("GET", `/api/v1/monitors/${monitor.id}/alerts`)).body.data;
    expect(receiver.captured.map((r) => JSON.parse(r.body))).toEqual([
      { summary: "db backup is DOWN", dedup: alert.id, tags: "", grace: expect.any(Number) },
      { action: "resolve", dedup: alert.id, at: alert.closed_at },
    ]);
  });
});

describe("template: the monitor's slug and its last ping's body", () => {
  useFakeClock(T0);

  it("a job's last output reaches the receiver with the opening; a binary body gives none", async () => {
    const channel = (
      await api("POST", "/api/v1/channels", {
        type: "template",
        name: "log sink",
        url: "http://receiver.test/log",
        body: { opened: '{"slug":"{{monitor.slug}}","output":"{{monitor.last_ping_body}}"}', closed: '{"slug":"{{monitor.slug}}"}' },
      })
    ).body;
    const monitor = (
      await api("POST", "/api/v1/monitors", { name: "etl", slug: "nightly-etl", interval: 60, grace: 0, channels: [channel.id] })
    ).body;
    const receiver = interceptFetch();
    await ping(monitor.ping_url, "POST", 'rows: 12\nerror: "disk full"');
    await settle(monitor.id);
    await advanceTo(monitor.id, T0 + 90 * S);
    expect(receiver.captured.map((r) => JSON.parse(r.body))).toEqual([{ slug: "nightly-etl", output: 'rows: 12\nerror: "disk full"' }]);

    setNow(T0 + 100 * S);
    await ping(monitor.ping_url, "POST", new Uint8Array([0xff, 0xfe, 0x00, 0x01]));
    await settle(monitor.id);
    await advanceTo(monitor.id, T0 + 200 * S);
    expect(receiver.captured.slice(1).map((r) => JSON.parse(r.body))).toEqual([
      { slug: "nightly-etl" },
      { slug: "nightly-etl", output: "" },
    ]);
  });
});
