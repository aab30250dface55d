// The floor: the least a ping can cost on this runtime. The Worker reaches one SQLite-backed Durable
// Object by name over RPC and the object does exactly one SQL upsert; nothing else (no validation,
// no alarm, no log). lubdub's ping throughput is compared with this in the same run.
import { DurableObject } from "cloudflare:workers";

export class FloorObject extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, count INTEGER NOT NULL)");
  }

  hit() {
    this.ctx.storage.sql.exec("INSERT INTO hits (id, count) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET count = count + 1");
  }
}

export default {
  async fetch(request, env) {
    // /hit/<key>: one object per key, as lubdub has one object per monitor.
    const key = new URL(request.url).pathname.split("/")[2];
    if (!key) return new Response("ok");
    await env.FLOOR.get(env.FLOOR.idFromName(key)).hit();
    return new Response("ok");
  },
};
