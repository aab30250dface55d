/**
 * Headers, both ways, from hc/api/tests/test_ping.py: responses allow any origin (test_it_works) and are
 * never cached (test_it_never_caches); the log keeps the client's address (test_it_reads_forwarded_ip,
 * test_it_reads_first_forwarded_ip, test_it_reads_forwarded_ipv6_ip) and its User-Agent, cut to 200
 * characters (test_it_handles_120_char_ua, test_it_truncates_long_ua).
 */
import { describe, expect, it } from "vitest";
import { createMonitor, ORIGIN, T0, useFakeClock } from "../helpers";
import { pingLog, send } from "./compat-helpers";

useFakeClock(T0);

describe("response headers", () => {
  it.each(["GET", "HEAD", "POST"])("a %s ping's answer allows any origin, is plain text and is never cached", async (method) => {
    const monitor = await createMonitor({ interval: "1h" });
    const res = await send(`${monitor.ping_url}/0`, method, method === "POST" ? "done" : undefined, { origin: "https://status.example" });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.headers.get("cache-control")).toContain("no-cache");
  });

  // A cached refusal is as bad as a cached success: the token may be right a minute later (a monitor created).
  it.each([
    ["an unknown token", `/ping/${"a".repeat(52)}`],
    ["a bad suffix", null],
  ])("the answer to %s is never cached either", async (_label, path) => {
    const monitor = await createMonitor({ interval: "1h" });
    const res = await send(path ? `${ORIGIN}${path}` : `${monitor.ping_url}/nope`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get("cache-control")).toContain("no-cache");
  });
});

describe("what the log keeps of the client", () => {
  // [headers sent, ip logged]
  it.each([
    [{ "x-forwarded-for": "1.1.1.1" }, "1.1.1.1"],
    [{ "x-forwarded-for": "1.1.1.1, 2.2.2.2" }, "1.1.1.1"],
    [{ "x-forwarded-for": "2001::1" }, "2001::1"],
    // On Cloudflare, CF-Connecting-IP is the client as Cloudflare saw it; X-Forwarded-For can be forged.
    [{ "cf-connecting-ip": "203.0.113.9", "x-forwarded-for": "198.51.100.1" }, "203.0.113.9"],
    [{ "cf-connecting-ip": "2001:db8::7" }, "2001:db8::7"],
    [{}, null],
  ])("with %j the remote address is %s", async (headers, ip) => {
    const monitor = await createMonitor({ interval: "1h" });
    await send(monitor.ping_url, "GET", undefined, headers);
    expect(await pingLog(monitor.id)).toEqual([expect.objectContaining({ ip })]);
  });

  it("a browser's 120-character User-Agent is kept whole", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const ua = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/44.0.2403.89 Safari/537.36";
    await send(monitor.ping_url, "GET", undefined, { "user-agent": ua });
    expect((await pingLog(monitor.id))[0]?.user_agent).toBe(ua);
  });

  it("a User-Agent longer than 200 characters is cut to its first 200", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    const ua = "0123456789".repeat(30) + "x".repeat(7000);
    expect((await send(monitor.ping_url, "GET", undefined, { "user-agent": ua })).status).toBe(200);
    expect((await pingLog(monitor.id))[0]?.user_agent).toBe(ua.slice(0, 200));
  });

  it("the clients healthchecks documents are logged as they name themselves", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    for (const ua of ["curl/8.5.0", "runitor/v1.3.0-build.4 (+https://bdd.fi/x/runitor)", "Wget/1.21.4"]) {
      await send(monitor.ping_url, "GET", undefined, { "user-agent": ua });
    }
    expect((await pingLog(monitor.id)).map((p) => p.user_agent)).toEqual([
      "Wget/1.21.4",
      "runitor/v1.3.0-build.4 (+https://bdd.fi/x/runitor)",
      "curl/8.5.0",
    ]);
  });
});
