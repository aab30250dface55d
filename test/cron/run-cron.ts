import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";

/** Runs the Worker's scheduled handler as the Cron Trigger would, at the current (fake) time, to its end. */
export async function runCronTrigger(settings: Partial<Env> = {}): Promise<void> {
  const controller = createScheduledController({ scheduledTime: new Date(Date.now()), cron: "* * * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, { ...env, ...settings }, ctx);
  await waitOnExecutionContext(ctx);
}
