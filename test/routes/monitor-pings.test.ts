import { describe, expect, it } from "vitest";
import type { PingEntryView } from "../../src/api/pings";
import { ADMIN_TOKEN, api, createMonitor, iso, ORIGIN, ping, S, setNow, settle, T0, useFakeClock } from "../helpers";

const KB = 1024;

useFakeClock(T0);

const RID_A = "3f2b8a1c-9d4e-4f6a-8b7c-1d2e3f4a5b6c";
const RID_B = "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d";

/** A ping log entry, as the API documents it. */
type PingView = PingEntryView;

const pings = async (id: string, query = ""): Promise<PingView[]> => {
  const res = await api("GET", `/api/v1/monitors/${id}/pings${query}`);
  expect(res.status).toBe(200);
  return res.body.data;
};

/** The raw response of a ping body, bytes untouched (api() would decode it as text). */
const rawBody = (id: string, n: number, headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` }) =>
  ping(`${ORIGIN}/api/v1/monitors/${id}/pings/${n}/body`, "GET", undefined, headers);

async function pingAt(at: number, url: string, method = "GET", body?: BodyInit, headers: Record<string, string> = {}) {
  setNow(at);
  const res = await ping(url, method, body, headers);
  expect(res.status).toBe(200);
  // HEAD answers carry no body.
  expect(await res.text()).toBe(method === "HEAD" ? "" : "OK");
}

describe("ping log entries", () => {
  it("lists pings newest first with kind, method, client, run id, exit status and run duration", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const url = monitor.ping_url;
    await pingAt(T0, url, "GET", undefined, { "user-agent": "curl/8.5.0", "cf-connecting-ip": "203.0.113.7" });
    await pingAt(T0 + 1 * S, `${url}/start?rid=${RID_A}`, "GET", undefined, { "user-agent": "runitor/1.3.0" });
    await pingAt(T0 + 2 * S, `${url}/start?rid=${RID_B}`, "HEAD", undefined, { "cf-connecting-ip": "2001:db8::1" });
    await pingAt(T0 + 11 * S, `${url}/0?rid=${RID_A}`, "POST", "run A done");
    await pingAt(T0 + 14 * S, `${url}/3?rid=${RID_B}`, "POST", "run B failed");
    await pingAt(T0 + 15 * S, `${url}/log`, "POST", "a note", { "x-forwarded-for": "198.51.100.9, 10.0.0.1" });
    await settle(monitor.id);

    const log = await pings(monitor.id);
    expect(log.map((p) => p.kind)).toEqual(["log", "fail", "success", "start", "start", "success"]);
    expect(log.map((p) => p.at)).toEqual([15, 14, 11, 2, 1, 0].map((s) => iso(T0 + s * S)));
    // Sequence numbers increase with time, so newest first is descending.
    expect(log.map((p) => p.n)).toEqual([...log.map((p) => p.n)].sort((a, b) => b - a));

    expect(log[5]).toMatchObject({
      kind: "success",
      method: "GET",
      user_agent: "curl/8.5.0",
      ip: "203.0.113.7",
      rid: null,
      exit_status: null,
      duration: null,
      body_size: 0,
    });
    expect(log[4]).toMatchObject({ kind: "start", user_agent: "runitor/1.3.0", ip: null, rid: RID_A, duration: null });
    expect(log[3]).toMatchObject({ kind: "start", method: "HEAD", ip: "2001:db8::1", rid: RID_B });
    // Overlapping runs: each end is paired with its own start by rid.
    expect(log[2]).toMatchObject({ kind: "success", method: "POST", rid: RID_A, exit_status: 0, duration: 10, body_size: 10 });
    expect(log[1]).toMatchObject({ kind: "fail", rid: RID_B, exit_status: 3, duration: 12 });
    expect(log[0]).toMatchObject({ kind: "log", ip: "198.51.100.9", duration: null, truncated: false });
    expect(log[0]?.body_url).toBe(`${ORIGIN}/api/v1/monitors/${monitor.id}/pings/${log[0]?.n}/body`);
  });

  it("pairs a start and an end without rid, and a second end finds no run", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await pingAt(T0, `${monitor.ping_url}/start`);
    await pingAt(T0 + 90 * S, monitor.ping_url);
    await pingAt(T0 + 95 * S, monitor.ping_url);
    const log = await pings(monitor.id);
    expect(log.map((p) => [p.kind, p.duration])).toEqual([
      ["success", null],
      ["success", 90],
      ["start", null],
    ]);
  });

  it("refuses a rid that is not a UUID, and logs nothing", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const res = await ping(`${monitor.ping_url}/start?rid=not-a-uuid`);
    expect(res.status).toBe(400);
    expect(await pings(monitor.id)).toHaveLength(0);
  });

  it("returns a text body as sent", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const text = "backup finished\n3 files, 2.1 GB — ok ✓\n";
    await pingAt(T0, monitor.ping_url, "POST", text);
    const [entry] = await pings(monitor.id);
    expect(entry).toMatchObject({ body_size: new TextEncoder().encode(text).byteLength, truncated: false });

    const res = await rawBody(monitor.id, entry?.n ?? 0);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(text);
  });

  it("returns a binary (invalid UTF-8) body as the same bytes", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x41, 0xc3, 0x28, 0x0a, 0xf0, 0x9f]);
    await pingAt(T0, monitor.ping_url, "POST", bytes);
    const [entry] = await pings(monitor.id);
    expect(entry).toMatchObject({ body_size: bytes.byteLength, truncated: false });

    const res = await rawBody(monitor.id, entry?.n ?? 0);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it("returns a long binary body as its first 2 KB and last 8 KB, byte for byte, with the marker between", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const bytes = new Uint8Array(20 * KB).map((_, i) => (0x80 + i * 7) & 0xff);
    await pingAt(T0, monitor.ping_url, "POST", bytes);
    const [entry] = await pings(monitor.id);
    expect(entry).toMatchObject({ truncated: true, body_size: 20 * KB });
    const res = await rawBody(monitor.id, entry?.n ?? 0);
    const marker = new TextEncoder().encode(`\n[... lubdub cut ${10 * KB} bytes here ...]\n`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(
      new Uint8Array([...bytes.subarray(0, 2 * KB), ...marker, ...bytes.subarray(12 * KB)]),
    );
  });

  // Regression: the log once decoded with ignoreBOM: false, which strips a UTF-8 byte order mark (as
  // PowerShell's Out-File / Set-Content write it), so 5 bytes went in and 2 came out.
  it("returns a UTF-8 body with a byte order mark byte for byte", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]);
    await pingAt(T0, monitor.ping_url, "POST", bytes);
    const [entry] = await pings(monitor.id);
    expect(entry).toMatchObject({ body_size: 5, truncated: false });
    const res = await rawBody(monitor.id, entry?.n ?? 0);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it("pages with a cursor, newest first", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    for (let i = 0; i < 5; i++) await pingAt(T0 + i * S, monitor.ping_url, "POST", `ping ${i}`);
    const first = await api("GET", `/api/v1/monitors/${monitor.id}/pings?limit=2`);
    expect(first.body.data.map((p: PingView) => p.at)).toEqual([iso(T0 + 4 * S), iso(T0 + 3 * S)]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await api("GET", `/api/v1/monitors/${monitor.id}/pings?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.data.map((p: PingView) => p.at)).toEqual([iso(T0 + 2 * S), iso(T0 + 1 * S)]);
    const last = await api("GET", `/api/v1/monitors/${monitor.id}/pings?limit=2&cursor=${second.body.next_cursor}`);
    expect(last.body).toMatchObject({ data: [{ at: iso(T0) }], next_cursor: null });
  });
});

describe("large bodies", () => {
  // A job's error is usually in its last lines: a long output once kept only its first 10 KB (a 229 KB
  // output kept lines from its middle), so the end was lost.
  it("accepts a 229 KB output, logs it as truncated, and keeps its first and last lines", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const lines = Array.from({ length: 6000 }, (_, i) => `line ${String(i).padStart(5, "0")}: copying files ..........`);
    const body = `${lines.join("\n")}\nERROR: disk full\n`;
    await pingAt(T0, monitor.ping_url, "POST", body);
    await settle(monitor.id);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("up");

    const [entry] = await pings(monitor.id);
    expect(entry).toMatchObject({ kind: "success", truncated: true, body_size: body.length });
    const res = await rawBody(monitor.id, entry?.n ?? 0);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-truncated")).toBe("true");
    const stored = await res.text();
    expect(stored.startsWith("line 00000: copying files")).toBe(true);
    expect(stored.endsWith("line 05999: copying files ..........\nERROR: disk full\n")).toBe(true);
    expect(stored).toContain(`[... lubdub cut ${body.length - 10 * KB} bytes here ...]`);
    expect(new TextEncoder().encode(stored).byteLength).toBeLessThanOrEqual(10 * KB + 100);
  });

  it("a failure keyword at the very end of a long output still counts", async () => {
    const monitor = await createMonitor({ interval: "1h", failure_keywords: ["FATAL"] });
    await pingAt(T0, monitor.ping_url, "POST", `${"ok\n".repeat(100 * KB)}FATAL: backup incomplete\n`);
    await settle(monitor.id);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("down");
  });

  it("stores a 5 KB body whole", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const body = "0123456789abcdef".repeat((5 * KB) / 16);
    await pingAt(T0, monitor.ping_url, "POST", body);
    const [entry] = await pings(monitor.id);
    expect(entry).toMatchObject({ truncated: false, body_size: 5 * KB });
    const res = await rawBody(monitor.id, entry?.n ?? 0);
    expect(res.headers.get("x-truncated")).toBe("false");
    expect(await res.text()).toBe(body);
  });

  it("keeps a long UTF-8 body as text, cut on character boundaries", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    // 3-byte characters: neither 2 KB nor 8 KB is a multiple of 3, so plain byte cuts would split one at each end.
    const body = "€".repeat(8 * KB);
    await pingAt(T0, monitor.ping_url, "POST", body);
    const [entry] = await pings(monitor.id);
    expect(entry).toMatchObject({ truncated: true });
    const res = await rawBody(monitor.id, entry?.n ?? 0);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const [head, tail] = (await res.text()).split(/\n\[\.\.\. lubdub cut \d+ bytes here \.\.\.\]\n/);
    expect(head).toBe("€".repeat(Math.floor((2 * KB) / 3)));
    expect(tail).toBe("€".repeat(Math.floor((8 * KB) / 3)));
  });

  it("a large body on a /fail ping or a /start is accepted too", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await pingAt(T0, `${monitor.ping_url}/start`, "POST", "s".repeat(200 * KB));
    await pingAt(T0 + S, `${monitor.ping_url}/fail`, "POST", "f".repeat(120 * KB));
    const log = await pings(monitor.id);
    expect(log.map((p) => [p.kind, p.truncated])).toEqual([
      ["fail", true],
      ["start", true],
    ]);
  });
});

describe("log size", () => {
  it("ping_log_size 5 keeps only the last 5 entries", async () => {
    const monitor = await createMonitor({ interval: "1h", ping_log_size: 5 });
    for (let i = 1; i <= 8; i++) await pingAt(T0 + i * S, monitor.ping_url, "POST", `ping ${i}`);
    const log = await pings(monitor.id);
    expect(log).toHaveLength(5);
    expect(log.map((p) => p.at)).toEqual([8, 7, 6, 5, 4].map((i) => iso(T0 + i * S)));

    const newest = await rawBody(monitor.id, log[0]?.n ?? 0);
    expect(await newest.text()).toBe("ping 8");
    const oldestKept = await rawBody(monitor.id, log[4]?.n ?? 0);
    expect(await oldestKept.text()).toBe("ping 4");
    // The entry just before the oldest kept one is gone.
    expect((await rawBody(monitor.id, (log[4]?.n ?? 0) - 1)).status).toBe(404);
  });

  it("keeps 100 by default", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    expect(monitor.ping_log_size).toBe(100);
    for (let i = 0; i < 103; i++) await pingAt(T0 + i * S, monitor.ping_url);
    const log = await pings(monitor.id, "?limit=1000");
    expect(log).toHaveLength(100);
    expect(log.at(-1)?.at).toBe(iso(T0 + 3 * S));
  });
});

describe("ping log API errors", () => {
  it("404 for an unknown monitor", async () => {
    const unknown = `mon_${"a".repeat(26)}`;
    const list = await api("GET", `/api/v1/monitors/${unknown}/pings`);
    expect(list.status).toBe(404);
    expect((await api("GET", `/api/v1/monitors/${unknown}/pings/1/body`)).status).toBe(404);
    expect((await api("GET", "/api/v1/monitors/not-an-id/pings")).status).toBe(404);
  });

  it("404 for a ping number the log does not hold", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    expect((await rawBody(monitor.id, 1)).status).toBe(404);
    await pingAt(T0, monitor.ping_url, "POST", "hi");
    expect((await rawBody(monitor.id, 1)).status).toBe(200);
    expect((await rawBody(monitor.id, 2)).status).toBe(404);
    expect((await rawBody(monitor.id, 999)).status).toBe(404);
  });

  it("an empty log is an empty list, not an error", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    expect((await api("GET", `/api/v1/monitors/${monitor.id}/pings`)).body).toEqual({ data: [], next_cursor: null });
  });

  it("the log of a deleted monitor is gone", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await pingAt(T0, monitor.ping_url, "POST", "hi");
    expect((await api("DELETE", `/api/v1/monitors/${monitor.id}`)).status).toBe(204);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}/pings`)).status).toBe(404);
    expect((await rawBody(monitor.id, 1)).status).toBe(404);
  });

  it("requires the admin token", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await pingAt(T0, monitor.ping_url, "POST", "secret output");
    expect((await api("GET", `/api/v1/monitors/${monitor.id}/pings`, undefined, { authorization: "" })).status).toBe(401);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}/pings`, undefined, { authorization: "Bearer wrong" })).status).toBe(401);
    const body = await rawBody(monitor.id, 1, {});
    expect(body.status).toBe(401);
    expect(await body.text()).not.toContain("secret output");
  });
});
