import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { namedObject } from "../do/stub";
import { log, loggedError } from "../log";

/** The probe object's name: no monitor id has this form (ids are `mon_…`), so it never holds a monitor. */
const PROBE_OBJECT = "lubdub:healthz-probe";

type Part = "d1" | "objects";

async function answers(part: Part, check: () => Promise<unknown>): Promise<Part | null> {
  try {
    await check();
    return null;
  } catch (err) {
    log({ event: "healthz.failed", part, error: loggedError(err) });
    return part;
  }
}

/**
 * GET /healthz, for an outside uptime check: no token, and nothing but which part fails. D1 answers a
 * trivial SELECT; a probe Durable Object answers an RPC that reads and stores nothing.
 */
export const healthzRoutes = new Hono<AppEnv>().get("/healthz", async (c) => {
  const { DB } = c.env;
  const results = await Promise.all([
    answers("d1", () => DB.prepare("SELECT 1").first()),
    answers("objects", () => namedObject(c.env, PROBE_OBJECT).probe()),
  ]);
  const failing = results.filter((part): part is Part => part !== null);
  c.header("cache-control", "no-store");
  return failing.length === 0 ? c.json({ status: "ok" }) : c.json({ status: "unavailable", failing }, 503);
});
