import { createApp } from "./app";
import { runCronJobs } from "./cron/run";
import { answerTokenPing } from "./routes/token-ping";

export { AlertGroupObject } from "./do/alert-group-object";
export { MonitorObject } from "./do/monitor-object";

const app = createApp();

export default {
  // The hot path first, without the router (routes/token-ping.ts); everything else through Hono.
  async fetch(request, env, ctx) {
    return (await answerTokenPing(request, env)) ?? app.fetch(request, env, ctx);
  },
  // The Cron Trigger (wrangler.toml [triggers]): heartbeat, retention and the alarm safety net (src/cron/).
  async scheduled(controller, env, _ctx) {
    await runCronJobs(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
