import { Hono } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../app-env";
import { monitorStub } from "../do/stub";
import { monitorIdFromToken } from "../ids";

/**
 * The hot path. The token names the monitor's object directly; nothing here touches D1, and an
 * unknown token reaches an object that finds no configuration and writes nothing.
 */
export const pingRoutes = new Hono<AppEnv>();

pingRoutes.use(cors({ origin: "*", allowMethods: ["GET", "HEAD", "POST", "OPTIONS"] }));

pingRoutes.on(["GET", "HEAD", "POST"], "/:token", async (c) => {
  const token = c.req.param("token");
  const monitorId = monitorIdFromToken(token);
  if (!monitorId) return c.text("not found", 404);
  const accepted = await monitorStub(c.env, monitorId).ping(token);
  return accepted ? c.text("OK") : c.text("not found", 404);
});
