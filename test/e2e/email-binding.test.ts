import { readFileSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMime } from "../channels/kinds/mime-reader";
import { admin, type DevServer, startDevServer, waitFor } from "./dev-server";

// The email kind under the real `npm run dev`: wrangler emulates the send_email binding of wrangler.toml,
// checks each message (it parses it, wants a Message-ID and a From matching the envelope) and writes it to
// a file whose path it logs at level info. A 1-second monitor goes silent and recovers; the files written
// are the emails a recipient would get.

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer({ logLevel: "info" });
}, 60_000);
afterAll(() => server?.stop());

/** The .eml files the emulated binding wrote, in order, from what the dev server logged. */
function emailsWritten(): string[] {
  const logged = stripVTControlCharacters(server.output());
  // wrangler 4.86 logged the path on the next line; 4.16x puts "Email: " before it.
  return [...logged.matchAll(/send_email binding called with the following message:\s+(?:Email:\s+)?(\S+\.eml)/g)].map((m) => m[1] ?? "");
}

describe("email through the emulated send_email binding", () => {
  it("an outage sends an opening and a close to each recipient: their addresses, subject and body", async () => {
    const to = ["oncall@example.com", "dba@example.org"];
    const channel = await admin(server, "POST", "/api/v1/channels", { type: "email", name: "mail", from: "lubdub@example.com", to });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);
    const body = { name: "e2e mail", interval: "1s", grace: 0, channels: [channel.body.id] };
    const monitor = await admin(server, "POST", "/api/v1/monitors", body);
    expect(monitor.status).toBe(201);
    expect((await fetch(monitor.body.ping_url)).status).toBe(200);

    await waitFor(() => emailsWritten().length >= 2, 20_000, "the opening's two emails");
    expect((await fetch(monitor.body.ping_url)).status).toBe(200);
    await waitFor(() => emailsWritten().length >= 4, 20_000, "the close's two emails");
    expect((await admin(server, "POST", `/api/v1/monitors/${monitor.body.id}/pause`)).status).toBe(200);

    const emails = emailsWritten()
      .slice(0, 4)
      .map((path) => decodeMime(readFileSync(path, "utf8")));
    const [alert] = (await admin(server, "GET", `/api/v1/monitors/${monitor.body.id}/alerts`)).body.data;
    for (const email of emails) {
      expect(email.headers).toMatchObject({ from: "lubdub@example.com", to: "oncall@example.com, dba@example.org" });
      expect(email.text).toContain(`Alert ${alert.id}`);
      expect(email.html).toContain(`Alert ${alert.id}`);
    }
    expect(emails.map((e) => e.headers.subject)).toEqual([
      "[lubdub] e2e mail is DOWN",
      "[lubdub] e2e mail is DOWN",
      "[lubdub] e2e mail is UP",
      "[lubdub] e2e mail is UP",
    ]);
    expect(emails[0]?.text).toMatch(/^e2e mail is DOWN: no ping since .*, expected every 1s/);
    expect(emails[2]?.text).toMatch(/^e2e mail is UP again after /);
    const deliveries = await admin(server, "GET", `/api/v1/channels/${channel.body.id}/deliveries`);
    expect(deliveries.body.data.map((d: { status: string }) => d.status)).toEqual(["delivered", "delivered"]);
  });
});
