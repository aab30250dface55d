import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { api, createMonitor, iso, listed, ping, S, setNow, settle, T0, useFakeClock } from "../helpers";
import { watchWaitUntil } from "../wait-until";

// Liveness reports (src/domain/liveness.ts): D1's last_ping_at (the list, /metrics) follows the pings of a
// monitor whose status does not change, at most once per LIVENESS_REPORT_SECONDS (300 s in the tests), and
// never goes back when an older status sync from the outbox lands after a newer report.

useFakeClock(T0);

/** A monitor expecting a ping hourly, pinged at T0 (reported) with D1 told it is up; its reports watched. */
async function hourlyMonitor() {
  const monitor = await createMonitor({ name: "liveness", interval: "1h" });
  const reports = await watchWaitUntil(monitor.id);
  const pingAt = async (seconds: number, suffix = "") => {
    setNow(T0 + seconds * S);
    expect((await ping(`${monitor.ping_url}${suffix}`)).status).toBe(200);
    await reports.settled();
  };
  await pingAt(0);
  await settle(monitor.id);
  return { monitor, reports, pingAt };
}

/** The ISO time `seconds` after T0. */
const atSecond = (seconds: number) => iso(T0 + seconds * S);

describe("liveness reports to D1", () => {
  it("the list's last ping follows an up monitor's pings once per period, not per ping", async () => {
    const { monitor, reports, pingAt } = await hourlyMonitor();
    for (const seconds of [60, 120, 180, 240]) await pingAt(seconds);
    expect(await listed(monitor.id)).toMatchObject({ status: "up", last_ping_at: atSecond(0) });
    await pingAt(300);
    expect(await listed(monitor.id)).toMatchObject({ status: "up", last_ping_at: atSecond(300) });
    await pingAt(360);
    expect(await listed(monitor.id)).toMatchObject({ last_ping_at: atSecond(300) });
    expect(reports.count()).toBe(2); // the first ping, and the one at 300 s
    // The monitor's own view is live, from its object.
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.last_ping_at).toBe(atSecond(360));
  });

  it("a status sync queued before a newer report does not move the last ping back when it lands", async () => {
    const { monitor, pingAt } = await hourlyMonitor();
    await pingAt(100, "/fail"); // down: the status sync waits in the outbox for the alarm
    await pingAt(400, "/fail"); // still down, no new sync; a period after the last report: reported at once
    expect(await listed(monitor.id)).toMatchObject({ status: "up", last_ping_at: atSecond(400) });
    await settle(monitor.id); // the sync from 100 s lands now
    expect(await listed(monitor.id)).toMatchObject({ status: "down", last_ping_at: atSecond(400) });
  });

  it("a report D1 refuses is logged and changes nothing; the next due report catches up", async () => {
    const { monitor, pingAt } = await hourlyMonitor();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const refuse = () => {
      throw new Error("D1_ERROR: Network connection lost.");
    };
    const d1 = vi.spyOn(env.DB, "prepare").mockImplementation(refuse);
    try {
      await pingAt(300); // answered 200 all the same (pingAt checks)
    } finally {
      d1.mockRestore();
    }
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ event: "liveness_report.failed", monitor_id: monitor.id }));
    expect(await listed(monitor.id)).toMatchObject({ last_ping_at: atSecond(0) });
    await pingAt(450);
    expect(await listed(monitor.id)).toMatchObject({ last_ping_at: atSecond(0) }); // within the period of the failed report
    await pingAt(600);
    expect(await listed(monitor.id)).toMatchObject({ last_ping_at: atSecond(600) });
  });
});
