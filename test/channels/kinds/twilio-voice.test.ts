import { describe, expect, it } from "vitest";
import { advanceTo, api, interceptFetch, ping, S, setNow, settle, T0, useFakeClock } from "../../helpers";
import {
  answeredWith,
  CLOSE_TEXT,
  CLOSED,
  context,
  describeMasking,
  expectInvalid,
  MONITOR_URL,
  OPENED,
  postInProduction,
  watched,
} from "../fixtures";
import { ACCOUNT, FORM_HEADERS, formRequestFor, SID } from "./twilio-fixtures";

// The twilio_voice kind (src/channels/kinds/twilio-voice.ts): a call that reads the alert on open; an SMS on close.

const valid = { type: "twilio_voice", name: "on call", ...ACCOUNT } as const;
const CALLS_URL = `https://api.twilio.com/2010-04-01/Accounts/${SID}/Calls.json`;
const MESSAGES_URL = `https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages.json`;
/** OPEN_TEXT with XML's special characters escaped: the monitor is "db <backup> & co". */
const SPOKEN_OPEN = "Alert from lubdub. db &lt;backup&gt; &amp; co is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m.";

describe("twilio_voice: the request (Calls API)", () => {
  const config = { type: "twilio_voice", ...ACCOUNT, on_close: "sms" } as const;

  // Twilio's documented example: POST …/Accounts/$TWILIO_ACCOUNT_SID/Calls.json, form-encoded To, From and
  // Twiml ("<Response><Say>Ahoy there!</Say></Response>"), HTTP Basic auth with the Account SID and Auth Token.
  it("open: a call whose TwiML reads the sentence twice, escaped for XML", async () => {
    const req = await formRequestFor(config, OPENED);
    expect(req).toMatchObject({ url: CALLS_URL, method: "POST" });
    expect(req.headers).toEqual(FORM_HEADERS);
    expect(req.fields).toEqual({
      To: "+14155550199",
      From: "+14155550100",
      Twiml: `<Response><Say loop="2">${SPOKEN_OPEN}</Say></Response>`,
    });
    expect(req.body).toMatch(/^To=%2B14155550199&From=%2B14155550100&Twiml=%3CResponse%3E%3CSay\+loop%3D%222%22%3E/);
  });

  it("a reminder calls again", async () => {
    const reminder = { ...OPENED, type: "alert.reminder" as const, occurred_at: "2100-01-01T01:01:30.000Z" };
    const req = await formRequestFor(config, reminder);
    expect(req.url).toBe(CALLS_URL);
    expect(req.fields.Twiml).toContain("still DOWN after 1h");
  });

  it("close: an SMS from the same number, not a call (on_close sms, the default)", async () => {
    const req = await formRequestFor(config, CLOSED);
    expect(req).toMatchObject({ url: MESSAGES_URL, method: "POST", headers: FORM_HEADERS });
    expect(req.fields).toEqual({ To: "+14155550199", From: "+14155550100", Body: `${CLOSE_TEXT}\n${MONITOR_URL}` });
  });

  it("close with on_close call: a call that reads the closing sentence", async () => {
    const req = await formRequestFor({ ...config, on_close: "call" }, CLOSED, context({ publicBaseUrl: null }));
    expect(req.url).toBe(CALLS_URL);
    expect(req.fields.Twiml).toBe(
      '<Response><Say loop="2">Alert from lubdub. db &lt;backup&gt; &amp; co is UP again after 2h 5m.</Say></Response>',
    );
  });

  it("keeps what it reads short, and never cuts an XML entity", async () => {
    const long = { ...OPENED, monitor: { ...OPENED.monitor, name: "&".repeat(300) } };
    const { fields } = await formRequestFor(config, long);
    const said = String(fields.Twiml).replace('<Response><Say loop="2">', "").replace("</Say></Response>", "");
    expect(said.length).toBeLessThanOrEqual(400);
    expect(said).toMatch(/^Alert from lubdub\. (&amp;)+…$/);
  });
});

describe("twilio_voice: validation", () => {
  it.each([
    ["an unknown on_close", { ...valid, on_close: "none" }, "on_close"],
    ["a number without +", { ...valid, to: "14155550199" }, "to"],
    ["a short auth token", { ...valid, auth_token: "abc" }, "auth_token"],
    ["a Messaging Service as caller (a call needs a number)", { ...valid, from: `MG${"0".repeat(32)}` }, "from"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("accepts a valid channel, in production too, and fills its default: on_close sms", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body.config).toEqual({ ...ACCOUNT, on_close: "sms" });
    expect((await postInProduction(valid)).status).toBe(201);
  });

  it("PATCH changes on_close and keeps the token", async () => {
    const { id } = (await api("POST", "/api/v1/channels", valid)).body;
    const res = await api("PATCH", `/api/v1/channels/${id}`, { on_close: "call" });
    expect(res.body.config).toMatchObject({ on_close: "call", auth_token: "••••f5a6" });
  });
});

describeMasking({ type: "twilio_voice", ...ACCOUNT, on_close: "call" }, { ...ACCOUNT, auth_token: "••••f5a6", on_close: "call" }, [
  "auth_token",
]);

describe("twilio_voice: permanent statuses", () => {
  it.each([400, 401, 403, 404])("%i is rejected: the channel is marked failing", async (status) => {
    expect(await answeredWith("twilio_voice", status, "{}")).toMatchObject({ outcome: "rejected", statusCode: status });
  });

  it("429 is retried", async () => {
    expect(await answeredWith("twilio_voice", 429, "{}")).toMatchObject({ outcome: "retry", statusCode: 429 });
  });
});

describe("twilio_voice: on a monitor", () => {
  useFakeClock(T0);

  it("calls when the alert opens and texts when it closes", async () => {
    const { monitor } = await watched({ type: "twilio_voice", ...ACCOUNT });
    const receiver = interceptFetch(() => Response.json({ sid: "CA0" }, { status: 201 }));
    await advanceTo(monitor.id, T0 + 60 * S);
    setNow(T0 + 100 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect(receiver.captured.map((r) => r.url)).toEqual([CALLS_URL, MESSAGES_URL]);
    const [call, sms] = receiver.captured.map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(call?.Twiml).toMatch(/^<Response><Say loop="2">Alert from lubdub\. db backup is DOWN: /);
    expect(sms?.Body).toMatch(/^db backup is UP again after /);
    expect(receiver.captured[0]?.headers.authorization).toBe(FORM_HEADERS.authorization);
  });
});
