import { log, loggedError } from "../log";
import { JOB_TIMEOUT_MS, pingSelfHeartbeat, pruneOldHistory, sweepOverdueMonitors } from "./jobs";

/** What one run of the Cron Trigger did: each job's result, or the failure it logged. */
export type CronReport = Record<string, { ok: true; result: unknown } | { ok: false; error: string }>;

function withinTime<T>(job: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
  });
  return Promise.race([job, timeout]).finally(() => {
    if (timer !== undefined) clearTimeout(timer);
  });
}

/** Runs every job at once; a job that fails or overruns is logged loudly and leaves the others alone. */
export async function runCronJobs(env: Env, now: number): Promise<CronReport> {
  const jobs: [string, () => Promise<unknown>][] = [
    ["heartbeat", () => pingSelfHeartbeat(env)],
    ["retention", () => pruneOldHistory(env, now)],
    ["sweep", () => sweepOverdueMonitors(env, now)],
  ];
  const settled = await Promise.allSettled(jobs.map(([, job]) => withinTime(Promise.resolve().then(job), JOB_TIMEOUT_MS)));
  const report: CronReport = {};
  jobs.forEach(([name], i) => {
    const outcome = settled[i];
    if (outcome?.status === "fulfilled") {
      report[name] = { ok: true, result: outcome.value };
    } else {
      const reason: unknown = outcome?.reason;
      const error = reason instanceof Error ? reason.message : String(reason);
      log({ event: "cron.job_failed", job: name, error: loggedError(reason) });
      report[name] = { ok: false, error };
    }
  });
  log({ event: "cron.run", at: new Date(now).toISOString(), jobs: report });
  return report;
}
