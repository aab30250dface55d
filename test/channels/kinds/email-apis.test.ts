import { describe, expect, it } from "vitest";
import { advanceTo, api, deliveriesOf, interceptFetch, S, T0, useFakeClock } from "../../helpers";
import { answeredWith, CLOSED, context, describeMasking, expectInvalid, OPENED, postInProduction, requestFor, watched } from "../fixtures";

// The email API kinds (src/channels/kinds/resend.ts, postmark.ts): the vendor's documented request, each
// with the shared email (src/channels/email/content.ts), and its bad-key answers final.

const RESEND_KEY = "re_8cN3xQpLk2VdT7sWmY4z";
const POSTMARK_TOKEN = "5a2c7b1e-9d34-4f6a-8e21-c0b9d7a4e3f1";
const TO = ["oncall@example.com", "dba@example.org"];

const resend = { type: "resend", api_key: RESEND_KEY, from: "alerts@example.com", from_name: "lubdub", to: TO } as const;
const postmark = {
  type: "postmark",
  server_token: POSTMARK_TOKEN,
  from: "alerts@example.com",
  from_name: null,
  to: TO,
  message_stream: "outbound",
} as const;

describe("resend: the request (https://resend.com/docs/api-reference/emails/send-email)", () => {
  it("open: POST /emails with the bearer key, one idempotency key per event, subject, text and html", async () => {
    const req = await requestFor(resend, OPENED);
    expect(req).toMatchObject({ url: "https://api.resend.com/emails", method: "POST" });
    expect(req.headers).toEqual({
      "content-type": "application/json",
      "user-agent": "lubdub/1",
      authorization: `Bearer ${RESEND_KEY}`,
      "idempotency-key": "evt_test",
    });
    expect(req.json).toEqual({
      from: '"lubdub" <alerts@example.com>',
      to: TO,
      subject: "[lubdub] db <backup> & co is DOWN",
      text: expect.stringContaining("db <backup> & co is DOWN: no ping since"),
      html: expect.stringContaining("db &lt;backup&gt; &amp; co is DOWN"),
    });
  });

  it("close: the same request, saying UP", async () => {
    const req = await requestFor(resend, CLOSED);
    expect(req.json).toMatchObject({
      subject: "[lubdub] db <backup> & co is UP",
      text: expect.stringContaining("is UP again after 2h 5m"),
    });
  });
});

describe("postmark: the request (https://postmarkapp.com/developer/user-guide/send-email-with-api)", () => {
  it("open: POST /email with the server token and Postmark's field names", async () => {
    const req = await requestFor(postmark, OPENED);
    expect(req).toMatchObject({ url: "https://api.postmarkapp.com/email", method: "POST" });
    expect(req.headers).toEqual({
      "content-type": "application/json",
      "user-agent": "lubdub/1",
      accept: "application/json",
      "x-postmark-server-token": POSTMARK_TOKEN,
    });
    expect(req.json).toEqual({
      From: "alerts@example.com",
      To: "oncall@example.com, dba@example.org",
      Subject: "[lubdub] db <backup> & co is DOWN",
      TextBody: expect.stringContaining("Open db <backup> & co in lubdub: https://lubdub.example.com/monitors/"),
      HtmlBody: expect.stringContaining('<a href="https://lubdub.example.com/monitors/'),
      MessageStream: "outbound",
    });
  });

  it("close, and no link without PUBLIC_BASE_URL", async () => {
    const req = await requestFor(postmark, CLOSED, context({ publicBaseUrl: null }));
    const json = req.json as { Subject: string; TextBody: string; HtmlBody: string };
    expect(json.Subject).toBe("[lubdub] db <backup> & co is UP");
    expect(json.TextBody).not.toContain("http");
    expect(json.HtmlBody).not.toContain("<a ");
  });
});

describe("email APIs: validation", () => {
  const valid = { name: "mail", ...resend, from_name: undefined };
  it.each([
    ["resend: a key that is not one", { ...valid, api_key: "sk_123" }, "api_key"],
    ["resend: a sender that is not an address", { ...valid, from: "lubdub" }, "from"],
    ["resend: a display name with a quote", { ...valid, from_name: 'a"b' }, "from_name"],
    ["resend: 51 recipients", { ...valid, to: Array.from({ length: 51 }, (_, i) => `r${i}@example.com`) }, "to"],
    [
      "postmark: a token that is not one",
      { name: "m", type: "postmark", server_token: "x", from: "a@example.com", to: "b@example.com" },
      "server_token",
    ],
  ])("refuses %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("one address is accepted as a list of one, in production too", async () => {
    const res = await postInProduction({ ...valid, to: "ops@example.com" });
    expect(res.status).toBe(201);
    expect(res.body.config).toMatchObject({ to: ["ops@example.com"], from_name: null });
  });
});

describeMasking(
  { type: "resend", api_key: RESEND_KEY, from: "alerts@example.com", to: ["ops@example.com"] },
  { api_key: "••••mY4z", from: "alerts@example.com", from_name: null, to: ["ops@example.com"] },
  ["api_key"],
);

describe("email APIs: permanent statuses", () => {
  it.each([
    ["resend", 401, '{"statusCode":401,"name":"validation_error","message":"API key is invalid"}'],
    ["resend", 403, '{"statusCode":403,"name":"validation_error","message":"The example.com domain is not verified"}'],
    ["postmark", 401, '{"ErrorCode":10,"Message":"Bad or missing API token"}'],
    ["postmark", 422, '{"ErrorCode":406,"Message":"You tried to send to a recipient that has been marked as inactive."}'],
  ])("%s %i is final: the channel is marked failing", async (type, status, body) => {
    expect(await answeredWith(type, status, body)).toMatchObject({ outcome: "rejected", statusCode: status });
  });

  it.each([
    ["resend", 429],
    ["postmark", 500],
  ])("%s %i is retried", async (type, status) => {
    expect((await answeredWith(type, status, "{}")).outcome).toBe("retry");
  });
});

describe("postmark: on a monitor", () => {
  useFakeClock(T0);

  it("an invalid token (401) is sent once and marks the channel failing", async () => {
    const { channel, monitor } = await watched({
      type: "postmark",
      server_token: POSTMARK_TOKEN,
      from: "a@example.com",
      to: "b@example.com",
    });
    const receiver = interceptFetch(() => Response.json({ ErrorCode: 10, Message: "Bad or missing API token" }, { status: 401 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    await advanceTo(monitor.id, T0 + 24 * 3600 * S);
    expect(receiver.captured).toHaveLength(1);
    expect(receiver.captured[0]?.url).toBe("https://api.postmarkapp.com/email");
    expect((await deliveriesOf(channel.id))[0]).toMatchObject({ status: "failed", attempts: 1 });
    expect((await api("GET", `/api/v1/channels/${channel.id}`)).body).toMatchObject({ status: "failing" });
  });
});
