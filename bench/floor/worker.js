// The floor: the least a ping can cost on this runtime. The Worker reaches one SQLite-backed Durable
// Object by name over RPC and the object does exactly one SQL upsert; nothing else (no validation,
// no alarm, no log). lubdub's ping throughput is compared with this in the same run.
// `/hit-alarm/<key>` is the floor plus `setAlarm()` (lubdub reschedules its alarm on every ping): the
// profiler (bench/profile.mjs) compares with it to tell the alarm's share from lubdub's own work.
import { DurableObject } from "cloudflare:workers";

const HOUR_MS = 3_600_000;

export class FloorObject extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, count INTEGER NOT NULL)");
  }

  hit() {
    this.ctx.storage.sql.exec("INSERT INTO hits (id, count) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET count = count + 1");
  }

  /** As lubdub does on a ping: the alarm moves to a new time on every request (an hour ahead: it never fires here). */
  async hitAndSetAlarm() {
    this.hit();
    await this.ctx.storage.setAlarm(Date.now() + HOUR_MS);
  }

  alarm() {}
}

export default {
  async fetch(request, env) {
    // /hit/<key>: one object per key, as lubdub has one object per monitor.
    const [, route, key] = new URL(request.url).pathname.split("/");
    if (!key) return new Response("ok");
    const stub = env.FLOOR.get(env.FLOOR.idFromName(key));
    if (route === "hit-alarm") await stub.hitAndSetAlarm();
    else await stub.hit();
    return new Response("ok");
  },
};
