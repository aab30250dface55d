/**
 * Methods and bodies, from healthchecks.io's Pinging API docs ("All ping endpoints support HEAD, GET, and
 * POST request methods"; a POST body is stored) and its tests in hc/api/tests/test_ping.py.
 */
import { describe, expect, it } from "vitest";
import { createMonitor, S, setNow, T0, useFakeClock } from "../helpers";
import { monitorView, pingLog, send, storedBody } from "./compat-helpers";

useFakeClock(T0);

const KB = 1024;

describe("methods", () => {
  // test_it_works, test_post_works, test_head_works: each method counts as a success and is logged with it.
  it.each(["GET", "HEAD", "POST"])("%s is a success ping: 200 OK, status up, logged with its method", async (method) => {
    const monitor = await createMonitor({ interval: "1h" });
    const res = await send(monitor.ping_url, method);
    expect(res.status).toBe(200);
    expect(res.text).toBe(method === "HEAD" ? "" : "OK");
    expect(await monitorView(monitor.id)).toMatchObject({ status: "up", last_ping_at: new Date(T0).toISOString() });
    expect(await pingLog(monitor.id)).toEqual([expect.objectContaining({ kind: "success", method })]);
  });

  it("every suffix works with every method: HEAD /fail is a failure, POST /start begins a run", async () => {
    const failing = await createMonitor({ interval: "1h" });
    expect((await send(`${failing.ping_url}/fail`, "HEAD")).status).toBe(200);
    expect((await monitorView(failing.id)).status).toBe("down");
    const starting = await createMonitor({ interval: "1h" });
    expect(await send(`${starting.ping_url}/start`, "POST", "starting")).toMatchObject({ status: 200, text: "OK" });
    expect((await monitorView(starting.id)).status).toBe("running");
  });

  // healthchecks' view counts any method. lubdub documents GET, HEAD and POST only (a deliberate difference);
  // a client using another one must learn it used the wrong method, not that its token is unknown (a 404).
  it.each(["PUT", "DELETE", "PATCH"])("%s is refused with 405 and an Allow header, and changes nothing", async (method) => {
    const monitor = await createMonitor({ interval: "1h" });
    const res = await send(monitor.ping_url, method, method === "DELETE" ? undefined : "done");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toMatch(/GET.*HEAD.*POST|GET, HEAD, POST/);
    expect(await monitorView(monitor.id)).toMatchObject({ status: "new", last_ping_at: null });
    expect(await pingLog(monitor.id)).toEqual([]);
  });

  // A browser's CORS preflight is not a ping (healthchecks answers ping URLs with Access-Control-Allow-Origin: *).
  it("an OPTIONS preflight answers 204 allowing POST from any origin, and records no ping", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const res = await send(`${monitor.ping_url}/fail`, "OPTIONS", undefined, {
      origin: "https://dashboard.example",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(await monitorView(monitor.id)).toMatchObject({ status: "new", last_ping_at: null });
    expect(await pingLog(monitor.id)).toEqual([]);
  });
});

describe("bodies", () => {
  // test_post_works posts text/plain; clients also send JSON, form data or raw bytes: the content type never matters.
  it.each([
    ["text/plain", "backup finished: 42 files"],
    ["application/json", '{"files": 42, "ok": true}'],
    ["application/x-www-form-urlencoded", "files=42&ok=true"],
    ["application/octet-stream", "raw\u0001bytes"],
    ["", "no content type at all"],
  ])("a POST body sent as %j is kept as sent", async (contentType, body) => {
    const monitor = await createMonitor({ interval: "1h" });
    const res = await send(monitor.ping_url, "POST", body, contentType ? { "content-type": contentType } : {});
    expect(res).toMatchObject({ status: 200, text: "OK" });
    const [entry] = await pingLog(monitor.id);
    expect(entry).toMatchObject({ kind: "success", method: "POST", body_size: new TextEncoder().encode(body).length, truncated: false });
    expect((await storedBody(monitor.id, entry?.n ?? 0)).text).toBe(body);
    expect((await monitorView(monitor.id)).status).toBe("up");
  });

  // test_it_accepts_bad_unicode: invalid UTF-8 is accepted and stored byte for byte.
  it("a body that is not valid UTF-8 is accepted and stored byte for byte", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const bytes = new Uint8Array([0x48, 0x69, 0x20, 0xe9, 0x20, 0xff, 0x00, 0x21]);
    expect(await send(monitor.ping_url, "POST", bytes, { "content-type": "text/plain" })).toMatchObject({ status: 200, text: "OK" });
    const [entry] = await pingLog(monitor.id);
    expect(entry).toMatchObject({ body_size: bytes.length, truncated: false });
    expect([...(await storedBody(monitor.id, entry?.n ?? 0)).bytes]).toEqual([...bytes]);
  });

  it("an empty POST is a plain success with an empty body", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    expect(await send(monitor.ping_url, "POST", "")).toMatchObject({ status: 200, text: "OK" });
    expect(await pingLog(monitor.id)).toEqual([expect.objectContaining({ kind: "success", method: "POST", body_size: 0 })]);
    expect((await monitorView(monitor.id)).status).toBe("up");
  });

  // healthchecks stores up to 100 kB whole; lubdub reads 100 KB and its log keeps 10 KB (a deliberate difference).
  // What is kept must include the end of a job's output, where the error usually is.
  it.each([
    ["20 KB (over what the log keeps)", 20 * KB],
    ["229 KB (over what is read)", 229 * KB],
  ])("a %s body is never refused; the log keeps its head and its tail, marked truncated", async (_label, size) => {
    const monitor = await createMonitor({ interval: "1h" });
    const output = jobOutput(size);
    setNow(T0 + S);
    expect(await send(`${monitor.ping_url}/1`, "POST", output, { "content-type": "text/plain" })).toMatchObject({
      status: 200,
      text: "OK",
    });
    const [entry] = await pingLog(monitor.id);
    expect(entry).toMatchObject({ kind: "fail", exit_status: 1, truncated: true });
    expect(entry?.body_size).toBeGreaterThanOrEqual(Math.min(size, 100 * KB));
    const kept = await storedBody(monitor.id, entry?.n ?? 0);
    expect(kept.truncated).toBe("true");
    const lines = output.trimEnd().split("\n");
    expect(kept.text.startsWith(lines[0] ?? "?")).toBe(true);
    expect(kept.text.trimEnd().endsWith(lines.at(-1) ?? "?")).toBe(true);
    expect(kept.bytes.length).toBeLessThanOrEqual(11 * KB);
    // Head and tail with something between: not a plain prefix or slice of the output.
    expect(output.includes(kept.text)).toBe(false);
    expect((await monitorView(monitor.id)).status).toBe("down");
  });
});

describe("long bodies, as clients really send them", () => {
  // curl --data-binary @- and runitor stream the output: chunk boundaries must not matter.
  it("a 300 KB body streamed in 1000-byte chunks keeps its first and last lines", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const bytes = new TextEncoder().encode(jobOutput(300 * KB));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    expect(await send(`${monitor.ping_url}/log`, "POST", stream)).toMatchObject({ status: 200, text: "OK" });
    const [entry] = await pingLog(monitor.id);
    expect(entry).toMatchObject({ kind: "log", truncated: true, body_size: bytes.length });
    const kept = (await storedBody(monitor.id, entry?.n ?? 0)).text;
    expect(kept.startsWith("line 000001:")).toBe(true);
    expect(kept.trimEnd().endsWith("ERROR: disk full while writing the last chunk")).toBe(true);
  });

  // Cutting a head and a tail out of multi-byte text must not split a character (the log would turn to base64).
  it("a long UTF-8 output with multi-byte characters stays text when cut", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const output = `${"✓ étape réussie 🚀\n".repeat(3000)}✗ échec: disque plein 💥\n`;
    await send(`${monitor.ping_url}/fail`, "POST", output, { "content-type": "text/plain; charset=utf-8" });
    const [entry] = await pingLog(monitor.id);
    expect(entry).toMatchObject({ truncated: true });
    const kept = await storedBody(monitor.id, entry?.n ?? 0);
    expect(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(kept.bytes)).toBe(kept.text);
    expect(kept.text.startsWith("✓ étape réussie 🚀")).toBe(true);
    expect(kept.text.trimEnd().endsWith("✗ échec: disque plein 💥")).toBe(true);
  });
});

/** A long job's output: numbered lines, the last one saying what went wrong. */
function jobOutput(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let n = 1; size < bytes - 64; n++) {
    const line = `line ${String(n).padStart(6, "0")}: copying chunk ${n} of the nightly backup\n`;
    lines.push(line);
    size += line.length;
  }
  return `${lines.join("")}ERROR: disk full while writing the last chunk\n`;
}
