import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../../src/app";
import { buildChannelOutbound } from "../../../src/channels/send";
import { isEmail, type OutboundEmail } from "../../../src/transports/email";
import { sendEmail } from "../../../src/transports/email-binding";
import { ADMIN_TOKEN, advanceTo, api, deliveriesOf, ping, S, setNow, settle, T0, useFakeClock } from "../../helpers";
import { CLOSED, context, expectInvalid, MONITOR_URL, OPEN_TEXT, OPENED, watched } from "../fixtures";
import { decodeMime } from "./mime-reader";

// The email kind (src/channels/kinds/email.ts): Cloudflare's send_email binding, one RFC 5322 message
// per recipient, no API key. The binding is optional: without it the kind cannot be created.

const channel = { type: "email", from: "alerts@example.com", from_name: null, to: ["a@example.com", "b@example.org"] } as const;

async function emailFor(event = OPENED, ctx = context()): Promise<OutboundEmail> {
  const outbound = await buildChannelOutbound(channel, event, ctx);
  if (!isEmail(outbound)) throw new Error("the email kind built an HTTP request");
  return outbound;
}

describe("email: the message", () => {
  it("open: one envelope per recipient, the headers and both bodies", async () => {
    const email = await emailFor();
    expect(email).toMatchObject({ transport: "email", from: "alerts@example.com", to: ["a@example.com", "b@example.org"] });
    const message = decodeMime(email.raw);
    expect(message.headers).toMatchObject({
      from: "alerts@example.com",
      to: "a@example.com, b@example.org",
      subject: "[lubdub] db <backup> & co is DOWN",
      date: "Fri, 01 Jan 2100 00:01:30 +0000",
      "message-id": "<evt_test@example.com>",
      "mime-version": "1.0",
    });
    expect(message.text).toContain(OPEN_TEXT);
    expect(message.text).toContain(`Open db <backup> & co in lubdub: ${MONITOR_URL}`);
    expect(message.html).toContain("db &lt;backup&gt; &amp; co is DOWN");
    expect(message.html).toContain(`<a href="${MONITOR_URL}">`);
    expect(email.raw).not.toMatch(/[^\r]\n/); // CRLF line endings only
  });

  it("close: the subject says UP; a sender name and a non-ASCII subject are encoded", async () => {
    const named = { ...channel, from_name: "lubdub alerts" };
    const event = { ...CLOSED, monitor: { ...CLOSED.monitor, name: "Sicherung über Nacht" } };
    const outbound = await buildChannelOutbound(named, event, context());
    if (!isEmail(outbound)) throw new Error("not an email");
    const message = decodeMime(outbound.raw);
    expect(message.headers.from).toBe('"lubdub alerts" <alerts@example.com>');
    expect(message.headers.subject).toBe("[lubdub] Sicherung über Nacht is UP");
    expect(outbound.raw).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(message.text).toContain("Sicherung über Nacht is UP again after 2h 5m");
  });
});

describe("email: validation", () => {
  it.each([
    ["no recipient", { to: [] }, "to"],
    ["a recipient that is not an address", { to: ["ops"] }, "to[0]"],
    ["a header injected in from", { from: "a@example.com\r\nBcc: x@evil.example" }, "from"],
    ["eleven recipients", { to: Array.from({ length: 11 }, (_, i) => `r${i}@example.com`) }, "to"],
  ])("refuses %s", async (_, fields, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", { name: "mail", ...channel, from_name: undefined, ...fields }), path);
  });

  it("a deployment without the binding refuses the channel (400), saying what to add to wrangler.toml", async () => {
    const res = await createApp().request(
      "http://lubdub.test/api/v1/channels",
      {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "mail", type: "email", from: "alerts@example.com", to: "ops@example.com" }),
      },
      { ...env, EMAIL: undefined },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { path: string; message: string }[] } };
    expect(body.error.details).toEqual([{ path: "type", message: expect.stringContaining('[[send_email]] with name = "EMAIL"') }]);
  });
});

describe("email: the binding's answers", () => {
  const email = { transport: "email", from: "alerts@example.com", to: ["a@example.com", "b@example.org"], raw: "x" } as const;
  const binding = (send: (message: EmailMessage) => Promise<EmailSendResult>) => ({ send }) as unknown as SendEmail;

  it("sends one message per recipient", async () => {
    const sent: string[] = [];
    const result = await sendEmail(
      binding(async (m) => {
        sent.push(m.to);
        return { messageId: "x" };
      }),
      email,
    );
    expect(result).toMatchObject({ outcome: "delivered", error: null });
    expect(sent).toEqual(["a@example.com", "b@example.org"]);
  });

  it("an unverified destination is final; a passing fault is retried; a missing binding is final", async () => {
    const refused = await sendEmail(
      binding(() => Promise.reject(new Error("destination address not verified"))),
      email,
    );
    expect(refused).toMatchObject({ outcome: "rejected", error: "send_email to a@example.com: destination address not verified" });
    const flaky = await sendEmail(
      binding(() => Promise.reject(new Error("internal error"))),
      email,
    );
    expect(flaky).toMatchObject({ outcome: "retry" });
    expect(await sendEmail(undefined, email)).toMatchObject({ outcome: "rejected", error: expect.stringMatching(/\[\[send_email\]\]/) });
  });
});

/** workerd keeps an EmailMessage's body under this key (miniflare's binding reads it there too). */
const rawOf = (message: EmailMessage) => (message as unknown as Record<string, ReadableStream | string>)["EmailMessage::raw"] ?? "";

describe("email: on a monitor, through the outbox", () => {
  useFakeClock(T0);

  it("the opening and the close go to the binding, one message per recipient each", async () => {
    const send = vi.spyOn(env.EMAIL, "send").mockResolvedValue({ messageId: "<x@example.com>" });
    const { channel: created, monitor } = await watched({
      type: "email",
      from: "alerts@example.com",
      to: ["a@example.com", "b@example.org"],
    });
    await advanceTo(monitor.id, T0 + 60 * S);
    setNow(T0 + 100 * S);
    await ping(monitor.ping_url);
    await settle(monitor.id);
    const messages = send.mock.calls.map(([message]) => message as EmailMessage);
    expect(messages.map((m) => m.to)).toEqual(["a@example.com", "b@example.org", "a@example.com", "b@example.org"]);
    expect(messages.every((m) => m.from === "alerts@example.com")).toBe(true);
    const read = await Promise.all(messages.map(async (m) => decodeMime(await new Response(rawOf(m)).text())));
    expect(read.map((m) => m.headers.subject)).toEqual([
      "[lubdub] db backup is DOWN",
      "[lubdub] db backup is DOWN",
      "[lubdub] db backup is UP",
      "[lubdub] db backup is UP",
    ]);
    const [alert] = (await api("GET", `/api/v1/monitors/${monitor.id}/alerts`)).body.data;
    expect(read[2]?.text).toContain(`Alert ${alert.id}`);
    const deliveries = await deliveriesOf(created.id);
    expect(deliveries.map((d) => [d.status, d.attempts])).toEqual([
      ["delivered", 1],
      ["delivered", 1],
    ]);
  });

  it("the opening quotes the last ping's body, escaped in the HTML part", async () => {
    const send = vi.spyOn(env.EMAIL, "send").mockResolvedValue({ messageId: "<x@example.com>" });
    const { monitor } = await watched({ type: "email", from: "alerts@example.com", to: "a@example.com" });
    setNow(T0 + 10 * S);
    await ping(monitor.ping_url, "POST", "backup.sh: <tar> exited 2");
    await settle(monitor.id);
    await advanceTo(monitor.id, T0 + 80 * S);
    const [message] = send.mock.calls.map(([sent]) => sent as EmailMessage);
    if (!message) throw new Error("no email was sent");
    const read = decodeMime(await new Response(rawOf(message)).text());
    expect(read.text).toContain("Last ping body:\nbackup.sh: <tar> exited 2");
    expect(read.html).toContain("backup.sh: &lt;tar&gt; exited 2");
  });
});
