import { createApp } from "./app";

export { MonitorObject } from "./do/monitor-object";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
