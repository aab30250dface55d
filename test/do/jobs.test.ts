import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { listedChange } from "../../src/do/jobs";
import { ObjectStore } from "../../src/do/storage/object-store";
import { advanceTo, api, createMonitor, listed, ping, S, settle, stub, T0, useFakeClock } from "../helpers";

/**
 * The list, badges and metrics show D1's copy of a monitor's status. A run on a healthy monitor
 * (up → running → up) is not synced, to keep a run at two rows written; every other run must bring D1's
 * copy back with the monitor, or the list would show `running` (or `late`) long after the job finished.
 */

useFakeClock(T0);

/** Whether the monitor's object has anything queued (for D1 or a receiver). */
const outboxEmpty = (id: string) => runInDurableObject(stub(id), (_, state) => new ObjectStore(state.storage).nextDueAt() === null);

async function run(pingUrl: string, id: string) {
  await ping(`${pingUrl}/start`);
  await settle(id);
  await ping(pingUrl);
  await settle(id);
}

describe("what the list shows after a run", () => {
  it("a new monitor whose first ping is /start: running while it runs, up once it ends", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await ping(`${monitor.ping_url}/start`);
    await settle(monitor.id);
    expect((await listed(monitor.id))?.status).toBe("running");
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect((await listed(monitor.id))?.status).toBe("up");
  });

  it("a late monitor whose job then runs: up again in the list", async () => {
    const monitor = await createMonitor({ interval: "1m", grace: "1h" });
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, T0 + 120 * S);
    expect((await listed(monitor.id))?.status).toBe("late");
    await run(monitor.ping_url, monitor.id);
    expect((await listed(monitor.id))?.status).toBe("up");
  });

  it("a down monitor brought back by a run: up in the list, its alert closed", async () => {
    const monitor = await createMonitor({ interval: "1m", grace: "1m" });
    await ping(monitor.ping_url);
    await advanceTo(monitor.id, T0 + 200 * S);
    expect((await listed(monitor.id))?.status).toBe("down");
    await run(monitor.ping_url, monitor.id);
    expect((await listed(monitor.id))?.status).toBe("up");
    expect((await api("GET", `/api/v1/monitors/${monitor.id}/alerts`)).body.data[0]).toMatchObject({ status: "closed" });
  });

  it("a run on an up monitor stays `up` in the list and queues nothing for D1", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect((await listed(monitor.id))?.status).toBe("up");
    await ping(`${monitor.ping_url}/start`);
    expect((await api("GET", `/api/v1/monitors/${monitor.id}`)).body.status).toBe("running");
    expect(await outboxEmpty(monitor.id)).toBe(true);
    await ping(monitor.ping_url);
    expect(await outboxEmpty(monitor.id)).toBe(true);
    expect((await listed(monitor.id))?.status).toBe("up");
  });

  it("an edit while a job runs on an up monitor: the list stays up, during the run and after it", async () => {
    const monitor = await createMonitor({ interval: "1h" });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    await ping(`${monitor.ping_url}/start`);
    expect((await api("PATCH", `/api/v1/monitors/${monitor.id}`, { name: "renamed" })).status).toBe(200);
    expect((await listed(monitor.id))?.status).toBe("up");
    await ping(monitor.ping_url);
    await settle(monitor.id);
    expect((await listed(monitor.id))?.status).toBe("up");
  });
});

describe("listedChange: which status changes D1 is sent", () => {
  it.each([
    ["up", "running", false],
    ["up", "up", false],
    ["up", "late", true],
    ["new", "running", true],
    ["running", "up", true],
    ["late", "running", true],
    ["down", "up", true],
    [null, "running", true],
    [null, "up", true],
  ] as const)("listed %s, now %s: sent %s", (listed, to, sent) => {
    expect(listedChange(listed, to)).toBe(sent);
  });
});
