import { describe, expect, it } from "vitest";
import { buildChannelRequest } from "../../../src/channels/send";
import { sendRequest } from "../../../src/transports/http";
import { api } from "../../helpers";
import {
  answeredWith,
  CLOSE_TEXT,
  CLOSED,
  context,
  describeMasking,
  expectInvalid,
  MONITOR_URL,
  OPEN_TEXT,
  OPENED,
  postInProduction,
} from "../fixtures";
import { ACCOUNT, FORM_HEADERS, formRequestFor, SID, TOKEN } from "./twilio-fixtures";

// The twilio_sms kind (src/channels/kinds/twilio-sms.ts): an SMS through Twilio's Messages API.

const valid = { type: "twilio_sms", name: "on call", ...ACCOUNT } as const;
const MESSAGES_URL = `https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages.json`;

describe("twilio_sms: the request (Messages API)", () => {
  const config = { type: "twilio_sms", ...ACCOUNT } as const;

  // Twilio's documented example: POST …/Accounts/$TWILIO_ACCOUNT_SID/Messages.json, form-encoded To, From and
  // Body, HTTP Basic auth with the Account SID and the Auth Token.
  it("open: the sentence and the link, To and From, form-encoded with Basic auth", async () => {
    const req = await formRequestFor(config, OPENED);
    expect(req).toMatchObject({ url: MESSAGES_URL, method: "POST" });
    expect(req.headers).toEqual(FORM_HEADERS);
    expect(req.body).toBe(
      new URLSearchParams({ To: "+14155550199", From: "+14155550100", Body: `${OPEN_TEXT}\n${MONITOR_URL}` }).toString(),
    );
    expect(req.body).toMatch(/^To=%2B14155550199&From=%2B14155550100&Body=db\+%3Cbackup%3E\+%26\+co\+is\+DOWN/);
  });

  it("close: an SMS too, without a link when there is no public base URL", async () => {
    const req = await formRequestFor(config, CLOSED, context({ publicBaseUrl: null }));
    expect(req).toMatchObject({ url: MESSAGES_URL, method: "POST", headers: FORM_HEADERS });
    expect(req.fields).toEqual({ To: "+14155550199", From: "+14155550100", Body: CLOSE_TEXT });
  });

  it("from a Messaging Service (MG…): MessagingServiceSid instead of From", async () => {
    const service = `MG${"0a".repeat(16)}`;
    const { fields } = await formRequestFor({ ...config, from: service }, OPENED);
    expect(fields).toEqual({ To: "+14155550199", MessagingServiceSid: service, Body: `${OPEN_TEXT}\n${MONITOR_URL}` });
  });

  it("keeps the text to 300 characters, then the whole link: a few billed segments", async () => {
    const long = { ...OPENED, monitor: { ...OPENED.monitor, name: "x".repeat(400) } };
    const { fields } = await formRequestFor(config, long);
    const [text, link] = String(fields.Body).split("\n");
    expect(text).toHaveLength(300);
    expect(text?.endsWith("…")).toBe(true);
    expect(link).toBe(MONITOR_URL);
  });
});

describe("twilio_sms: validation", () => {
  it.each([
    ["a number without +", { ...valid, to: "4155550199" }, "to"],
    ["a number with spaces", { ...valid, from: "+1 415 555 0100" }, "from"],
    ["a number over 15 digits", { ...valid, to: "+1234567890123456" }, "to"],
    ["an account SID that is not AC…", { ...valid, account_sid: `SK${SID.slice(2)}` }, "account_sid"],
    ["a short auth token", { ...valid, auth_token: "abc" }, "auth_token"],
    ["a sender that is neither a number nor MG…", { ...valid, from: `PN${"0".repeat(32)}` }, "from"],
    ["without to", { type: "twilio_sms", name: "x", account_sid: SID, auth_token: TOKEN, from: "+14155550100" }, "to"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });

  it("says what E.164 is", async () => {
    expectInvalid(await api("POST", "/api/v1/channels", { ...valid, to: "0415 555 0199" }), "to", /E\.164.*\+14155550100/);
  });

  it("accepts a valid channel, in production too: its URL is Twilio's own", async () => {
    const res = await api("POST", "/api/v1/channels", valid);
    expect(res.status).toBe(201);
    expect(res.body.config).toEqual(ACCOUNT);
    expect((await postInProduction(valid)).status).toBe(201);
  });
});

describeMasking({ type: "twilio_sms", ...ACCOUNT }, { ...ACCOUNT, auth_token: "••••f5a6" }, ["auth_token"]);

describe("twilio_sms: permanent statuses", () => {
  it.each([
    [400, '{"code": 21211, "message": "The \'To\' number +1415 is not a valid phone number.", "status": 400}'],
    [401, '{"code": 20003, "message": "Authenticate", "status": 401}'],
    [404, '{"code": 20404, "message": "The requested resource was not found", "status": 404}'],
  ])("%i is rejected: the channel is marked failing", async (status, body) => {
    expect(await answeredWith("twilio_sms", status, body)).toMatchObject({ outcome: "rejected", statusCode: status, bodyExcerpt: body });
  });

  it("429 (too many requests) is retried", async () => {
    expect(await answeredWith("twilio_sms", 429, '{"code": 20429, "status": 429}')).toMatchObject({ outcome: "retry", statusCode: 429 });
  });

  it("an answer echoing the Basic credentials shows neither them nor the token", async () => {
    const request = await buildChannelRequest({ type: "twilio_sms", ...ACCOUNT }, OPENED, context());
    const echoed = `{"authorization": "${FORM_HEADERS.authorization}", "decoded": "${SID}:${TOKEN}"}`;
    const result = await sendRequest(request, async () => new Response(echoed, { status: 401 }), Date.now());
    const shown = `${result.error} ${result.bodyExcerpt}`;
    expect(shown).toContain("[redacted]");
    expect(shown).not.toContain(btoa(`${SID}:${TOKEN}`).slice(0, 40));
    expect(shown).not.toContain(TOKEN);
  });
});
