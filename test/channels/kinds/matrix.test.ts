import { describe, expect, it } from "vitest";
import { api } from "../../helpers";
import { answeredWith, CLOSED, context, describeMasking, expectInvalid, MONITOR_URL, OPENED, requestFor } from "../fixtures";

// The matrix kind (src/channels/kinds/matrix.ts): its exact request, its input, its masking, its permanent statuses.

const TOKEN = "syt_bHViZHVi_secretTokenPart_0abc12";
const config = { type: "matrix", homeserver: "https://matrix.example.org/", room_id: "!room123:example.org", access_token: TOKEN } as const;
const valid = { ...config, name: "ops" };

describe("matrix: the request (PUT m.room.message with the message id as transaction id)", () => {
  it("open: PUT to the room, idempotent by the delivery's message id, plain and HTML bodies, escaped", async () => {
    const req = await requestFor(config, OPENED, context({ messageId: "evt_123" }));
    expect(req).toMatchObject({
      url: "https://matrix.example.org/_matrix/client/v3/rooms/!room123%3Aexample.org/send/m.room.message/evt_123",
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    });
    expect(req.json).toEqual({
      msgtype: "m.text",
      body: `db <backup> & co is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m\nNightly dump\nTags: backup, prod\n${MONITOR_URL}`,
      format: "org.matrix.custom.html",
      formatted_body:
        "<strong>db &lt;backup&gt; &amp; co is DOWN: no ping since 2100-01-01 00:00:00 UTC, expected every 1m</strong><br>" +
        `Nightly dump<br>Tags: backup, prod<br><a href="${MONITOR_URL}">Open db &lt;backup&gt; &amp; co in lubdub</a>`,
    });
  });

  it("close: the same room, a transaction of its own", async () => {
    const req = await requestFor(config, CLOSED, context({ messageId: "evt_456", publicBaseUrl: null }));
    expect(req.url.endsWith("/send/m.room.message/evt_456")).toBe(true);
    expect(req.json).toMatchObject({ body: "db <backup> & co is UP again after 2h 5m\nNightly dump\nTags: backup, prod" });
  });
});

describe("matrix: validation", () => {
  it.each([
    ["a room alias instead of an id", { ...valid, room_id: "#ops:example.org" }, "room_id"],
    ["a short token", { ...valid, access_token: "abc" }, "access_token"],
    ["a homeserver without a scheme", { ...valid, homeserver: "matrix.example.org" }, "homeserver"],
  ])("rejects %s", async (_, body, path) => {
    expectInvalid(await api("POST", "/api/v1/channels", body), path);
  });
});

describeMasking(
  { type: "matrix", homeserver: "https://matrix.example.org", room_id: "!room123:example.org", access_token: TOKEN },
  { homeserver: "https://matrix.example.org", room_id: "!room123:example.org", access_token: "••••bc12" },
  ["access_token"],
);

describe("matrix: permanent statuses", () => {
  it.each([401, 403, 404])("%i (token revoked, not in the room, no such room) marks the channel failing", async (status) => {
    expect(await answeredWith("matrix", status, '{"errcode":"M_FORBIDDEN"}')).toMatchObject({ outcome: "rejected" });
  });
});
