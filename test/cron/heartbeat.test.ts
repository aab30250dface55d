import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { HEARTBEAT_TIMEOUT_MS } from "../../src/cron/jobs";
import { interceptFetch, T0, useFakeClock } from "../helpers";
import { runCronTrigger } from "./run-cron";

useFakeClock(T0);

const HEARTBEAT = "https://hc.example.test/ping/abc";
const DAY = 24 * 60 * 60 * 1000;

async function oldClosedAlert(): Promise<string> {
  const id = `alt_heartbeat_${Math.random().toString(36).slice(2)}`;
  await env.DB.prepare(
    "INSERT INTO alerts (id, monitor_id, team_id, reason, opened_at, closed_at) VALUES (?, 'mon_x', 'team_default', 'missed', ?, ?)",
  )
    .bind(id, T0 - 200 * DAY, T0 - 199 * DAY)
    .run();
  return id;
}
const alertExists = async (id: string) => (await env.DB.prepare("SELECT 1 AS n FROM alerts WHERE id = ?").bind(id).first("n")) !== null;

describe("the self heartbeat (SELF_HEARTBEAT_URL)", () => {
  it("is a GET of the URL on every run, with a timeout", async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    const { captured } = interceptFetch();
    const spy = vi.mocked(globalThis.fetch);
    await runCronTrigger({ SELF_HEARTBEAT_URL: HEARTBEAT });
    await runCronTrigger({ SELF_HEARTBEAT_URL: HEARTBEAT });
    for (const call of spy.mock.calls) signals.push(call[1]?.signal);
    expect(captured.map((request) => request.url)).toEqual([HEARTBEAT, HEARTBEAT]);
    expect(signals.every((signal) => signal instanceof AbortSignal)).toBe(true);
    expect(HEARTBEAT_TIMEOUT_MS).toBe(10_000);
  });

  it("is not sent when the setting is absent", async () => {
    const { captured } = interceptFetch();
    await runCronTrigger();
    expect(captured).toEqual([]);
  });

  it("logs a failure loudly and the other jobs still run", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const failure of [
      () => Promise.reject(new TypeError("network down")),
      () => Promise.resolve(new Response("no", { status: 503 })),
    ]) {
      vi.spyOn(globalThis, "fetch").mockImplementation(failure);
      const alert = await oldClosedAlert();
      await runCronTrigger({ SELF_HEARTBEAT_URL: HEARTBEAT });
      expect(await alertExists(alert)).toBe(false); // retention ran
    }
    const logged = errors.mock.calls.map((call) => call[0]);
    expect(logged).toEqual(
      ["network down", "SELF_HEARTBEAT_URL answered 503"].map((message) =>
        expect.objectContaining({
          level: "error",
          event: "cron.job_failed",
          job: "heartbeat",
          error: expect.objectContaining({ message }),
        }),
      ),
    );
  });
});
