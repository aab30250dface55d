import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, type DevServer, freePort, startDevServer, waitFor } from "./dev-server";

// /metrics of a real dev server: parsed with an exposition-format parser, then scraped by a real Prometheus
// (Debian's `prometheus` package) when one is installed. Without it that part is skipped, saying so.

/** The prometheus binary: $PROMETHEUS_BIN, else the first on PATH; null when there is none. */
function findPrometheus(): string | null {
  const candidates = [process.env.PROMETHEUS_BIN, ...(process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "prometheus"))];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

const PROMETHEUS = findPrometheus();
if (!PROMETHEUS)
  console.warn("test/e2e/metrics-report.test.ts: prometheus is not installed (apt-get install prometheus): the scrape test is skipped");

let server: DevServer | undefined;
let monitor: { id: string; ping_url: string } | undefined;
const started = () => {
  if (!server || !monitor) throw new Error("no dev server");
  return { server, monitor };
};

beforeAll(async () => {
  // Liveness reports once a second rather than every 5 minutes, so a run's end reaches D1 within the test.
  server = await startDevServer({ vars: { LIVENESS_REPORT_SECONDS: "1" } });
  const created = await admin(server, "POST", "/api/v1/monitors", {
    name: "scraped",
    slug: "scraped",
    interval: "1h",
    tags: ["e2e", "prod"],
  });
  expect(created.status).toBe(201);
  monitor = created.body;
  expect((await fetch(created.body.ping_url)).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe("/metrics against the dev server", () => {
  it("parses, and shows the monitor up once D1 has heard of its ping", async () => {
    const { server, monitor } = started();
    let text = "";
    await waitFor(
      async () => {
        const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.token}` } });
        text = await res.text();
        return res.status === 200 && text.includes('status="up"} 1');
      },
      15_000,
      "the monitor up in /metrics",
    );
    const up = parsePrometheusTextFormat(text).find((f) => f.name === "lubdub_monitor_up");
    expect(up?.metrics).toEqual([{ labels: { monitor: monitor.id, slug: "scraped", name: "scraped", tags: ",e2e,prod," }, value: "1" }]);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  });

  it("shows a run's duration once the monitor's object has reported it (waitUntil, after the answer)", async () => {
    const { server, monitor } = started();
    const rid = "0b7e1c2a-0000-4000-8000-00000000000e";
    expect((await fetch(`${monitor.ping_url}/start?rid=${rid}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await fetch(`${monitor.ping_url}?rid=${rid}`)).status).toBe(200);
    let seconds = Number.NaN;
    await waitFor(
      async () => {
        const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.token}` } });
        const family = parsePrometheusTextFormat(await res.text()).find((f) => f.name === "lubdub_monitor_last_duration_seconds");
        seconds = Number(family?.metrics.find((m) => m.labels?.monitor === monitor.id)?.value);
        return Number.isFinite(seconds);
      },
      15_000,
      "lubdub_monitor_last_duration_seconds in /metrics",
    );
    expect(seconds).toBeGreaterThanOrEqual(1.2);
    expect(seconds).toBeLessThan(10);
  });

  describe.skipIf(!PROMETHEUS)("scraped by a real Prometheus", () => {
    let prometheus: ChildProcess | undefined;
    let folder = "";
    afterAll(async () => {
      if (prometheus?.pid && prometheus.exitCode === null) {
        const exited = new Promise((resolve) => prometheus?.once("exit", resolve));
        process.kill(-prometheus.pid, "SIGTERM");
        await exited;
      }
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it("reads lubdub_monitor_up with its labels through its query API", async () => {
      const { server, monitor } = started();
      folder = mkdtempSync(join(tmpdir(), "lubdub-prometheus-"));
      const config = [
        "global: { scrape_interval: 1s, scrape_timeout: 1s }",
        "scrape_configs:",
        "  - job_name: lubdub",
        "    metrics_path: /metrics",
        `    authorization: { type: Bearer, credentials: ${JSON.stringify(server.token)} }`,
        `    static_configs: [{ targets: [${JSON.stringify(new URL(server.url).host)}] }]`,
      ].join("\n");
      writeFileSync(join(folder, "prometheus.yml"), config);
      const address = `127.0.0.1:${await freePort()}`;
      let output = "";
      prometheus = spawn(
        PROMETHEUS ?? "prometheus",
        [
          `--config.file=${join(folder, "prometheus.yml")}`,
          `--storage.tsdb.path=${join(folder, "data")}`,
          `--web.listen-address=${address}`,
        ],
        { stdio: ["ignore", "pipe", "pipe"], detached: true },
      );
      prometheus.stdout?.on("data", (chunk) => (output += chunk));
      prometheus.stderr?.on("data", (chunk) => (output += chunk));
      const query = `http://${address}/api/v1/query?query=${encodeURIComponent("lubdub_monitor_up")}`;
      let result: { metric: Record<string, string>; value: [number, string] }[] = [];
      try {
        await waitFor(
          async () => {
            const res = await fetch(query).catch(() => null);
            if (!res?.ok) return false;
            result = ((await res.json()) as { data: { result: typeof result } }).data.result;
            return result.length > 0;
          },
          30_000,
          "Prometheus to scrape lubdub_monitor_up",
        );
      } catch (err) {
        throw new Error(`${(err as Error).message}\n--- prometheus output ---\n${output.slice(-3000)}`);
      }
      expect(result[0]?.metric).toMatchObject({
        __name__: "lubdub_monitor_up",
        job: "lubdub",
        monitor: monitor.id,
        slug: "scraped",
        tags: ",e2e,prod,",
      });
      expect(result[0]?.value[1]).toBe("1");
    });
  });
});
