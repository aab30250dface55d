import type { DeliveryRecord } from "../db/deliveries";
import { readStored } from "../db/stored/format";
import type { AlertGrouping } from "../domain/alert-group";
import { nextAttemptAt } from "../domain/backoff";
import { log, loggedError } from "../log";
import { holdInGroup } from "./alert-group-hop";
import { ChannelCache } from "./channel-cache";
import { pushFailingChannel } from "./channel-fanout";
import { attemptDelivery, type DeliveryAttempt } from "./deliver";
import { type NewJob, requeuedDeliveryJob, syncJob } from "./jobs";
import { DELIVERY_JOB_RECORD, SYNC_ITEM } from "./outbox-payloads";
import { type ObjectStore, type OutboxJob, SYNC_LANE } from "./storage/object-store";
import { syncStatements } from "./sync";

const SYNC_BATCH = 50;
/** Jobs one drain starts at most; whatever is left goes on in the next alarm. */
const MAX_JOBS_PER_DRAIN = 100;
/**
 * D1 retries: from 1 s, doubling to 1 min. D1 errors are brief, and while the lane waits GET /alerts shows
 * stale state (an alert closed but listed open), so it retries soon; new D1 work retries at once anyway.
 */
const FIRST_SYNC_RETRY_MS = 1_000;
const MAX_SYNC_RETRY_MS = 60_000;

/** The monitor's own timers, kept while a drain waits on receivers. */
interface MonitorTimers {
  /** When the monitor next needs evaluating (deadline, escalation step, reminder), or null. */
  nextWakeAt(): number | null;
  /** Applies whatever is due now, queuing the jobs it causes. */
  evaluate(): void;
}

/**
 * Works through a monitor's outbox on its alarm: the D1 lane in batches, each channel's lane one
 * delivery at a time. Lanes are independent: a lane takes its next job as soon as its last one is done,
 * and work queued meanwhile (`notify`) starts at once, so a receiver that hangs until the timeout holds
 * up only its own lane. Awaiting a receiver lets pings in meanwhile, so every update re-reads and writes
 * only its own job's row.
 */
export class OutboxRunner {
  /** Set while a drain waits: wakes it to look for newly due work. */
  private wake: (() => void) | null = null;

  constructor(
    private readonly store: ObjectStore,
    private readonly storage: DurableObjectStorage,
    private readonly env: Env,
    /** The team's alert-storm setting as the monitor's configuration holds it (null: none, group nothing). */
    private readonly grouping: () => AlertGrouping | null = () => null,
  ) {}

  /** New work was queued (by a ping, an admin change): a drain in progress starts it now. */
  notify(): void {
    this.wake?.();
  }

  /**
   * Sends a delivery again now (by hand), with the same id (so the same `webhook-id`). Its job, when the
   * outbox still holds it, is made due at once; one already finished (delivered, failed) is queued anew
   * from its record. D1 is told it is pending again. Returns the record as it now stands.
   */
  requeueDelivery(record: DeliveryRecord, now: number): DeliveryRecord {
    const pending: DeliveryRecord = { ...record, status: "pending", nextAttemptAt: now, updatedAt: now };
    this.store.createSchema();
    this.storage.transactionSync(() => {
      if (this.store.hasJob(record.id)) this.store.reschedule(record.id, record.attempts, now);
      else this.store.enqueue({ ...requeuedDeliveryJob(pending, now), attempts: record.attempts });
      this.store.enqueue(syncJob({ kind: "delivery", record: pending }, now));
    });
    return pending;
  }

  /**
   * Runs every due lane until none is due or running. With `timers`, the monitor's own deadlines are kept
   * meanwhile: a receiver that hangs until the timeout does not make the monitor's next alert late.
   */
  async drain(timers?: MonitorTimers): Promise<void> {
    const running = new Map<string, Promise<void>>();
    const failures: unknown[] = [];
    let started = 0;
    let evaluatedFor = Number.NEGATIVE_INFINITY;
    const startDueLanes = () => {
      const now = Date.now();
      for (const job of this.store.dueHeads(now)) {
        if (running.has(job.lane) || started >= MAX_JOBS_PER_DRAIN || failures.length > 0) continue;
        started++;
        const work = job.lane === SYNC_LANE ? this.runSync(now) : this.runDelivery(job, now);
        const settled = work.catch((err: unknown) => void failures.push(err)).finally(() => running.delete(job.lane));
        running.set(job.lane, settled);
      }
    };
    startDueLanes();
    while (running.size > 0) {
      const wakeAt = timers?.nextWakeAt() ?? null;
      const ownTimer = wakeAt !== null && wakeAt > evaluatedFor ? wakeAt : null;
      await this.nextEvent([...running.values()], ownTimer);
      if (timers && ownTimer !== null && ownTimer <= Date.now()) {
        evaluatedFor = ownTimer; // once per wake time, so a timer that does not move cannot spin
        timers.evaluate();
      }
      startDueLanes();
    }
    // Storage errors are not a receiver's fault: let the alarm fail and be retried.
    if (failures.length > 0) throw failures[0];
  }

  /** Waits until a lane finishes, new work is queued (`notify`), or the monitor's own timer is due. */
  private async nextEvent(lanes: Promise<void>[], timerAt: number | null): Promise<void> {
    const woken = new Promise<void>((resolve) => (this.wake = resolve));
    const timer = timerAt === null ? null : setTimeout(() => this.notify(), Math.max(0, timerAt - Date.now()));
    await Promise.race([...lanes, woken]);
    clearTimeout(timer);
    this.wake = null;
  }

  private async runSync(now: number): Promise<void> {
    const jobs = this.store.dueInLane(SYNC_LANE, now, SYNC_BATCH);
    try {
      const items = jobs.map((job) => readStored(SYNC_ITEM, job.payload));
      await this.env.DB.batch(items.flatMap((item) => syncStatements(this.env.DB, item)));
      this.store.finish(jobs.map((job) => job.id));
    } catch (err) {
      // D1 is only the listing and the log: a D1 outage delays them, never an alert nor its deliveries
      // (they read their channel from this object's own copy: channel-cache.ts).
      const head = jobs[0] as OutboxJob;
      log({ event: "d1_sync.failed", attempts: head.attempts + 1, error: loggedError(err) });
      this.store.reschedule(head.id, head.attempts + 1, now + Math.min(FIRST_SYNC_RETRY_MS * 2 ** head.attempts, MAX_SYNC_RETRY_MS));
    }
  }

  private async runDelivery(job: OutboxJob, now: number): Promise<void> {
    // An alert storm's delivery may be taken over by the channel's grouping point; else (and on any failure there) sent now.
    const held = await holdInGroup(this.env, this.store, job, this.grouping(), now);
    const result =
      held ??
      (await attemptDelivery(this.env, this.store, job, now, (url, init) => fetch(url, init)).catch((err: unknown) =>
        unexpectedFailure(job, now, err),
      ));
    const followUps: NewJob[] = [syncJob({ kind: "delivery", record: result.record }, now)];
    if (result.channelFailing) {
      followUps.push(syncJob({ kind: "channel_failing", channelId: result.record.channelId, reason: result.channelFailing, at: now }, now));
    }
    const failing = result.channelFailing;
    this.storage.transactionSync(() => {
      if (result.retryAt === null) this.store.finish([job.id]);
      else this.store.reschedule(job.id, result.record.attempts, result.retryAt);
      for (const followUp of followUps) this.store.enqueue(followUp);
      // This monitor's later events skip the channel from now on (delivery-routing.ts); so do its other monitors'.
      if (failing) new ChannelCache(this.store).apply({ kind: "failing", channelId: result.record.channelId, reason: failing, at: now });
    });
    logAttempt(result);
    if (failing) await pushFailingChannel(this.env, result.record.channelId, failing, now, result.record.monitorId);
  }
}

/** One line per attempt, once it is recorded: delivered, to be retried, or given up (refused, or out of retries). */
function logAttempt({ record, retryAt }: DeliveryAttempt): void {
  const outcome = record.status === "delivered" ? "ok" : retryAt !== null ? "failed" : "permanent";
  log({
    event: "delivery.attempt",
    outcome,
    delivery_id: record.id,
    monitor_id: record.monitorId,
    alert_id: record.alertId,
    channel_id: record.channelId,
    event_type: record.eventType,
    attempts: record.attempts,
    status_code: record.lastStatusCode,
  });
}

/**
 * A delivery attempt that threw (a stored channel that no longer builds a request, a bug) is a failed
 * attempt like any other: recorded with its error and retried with backoff. Thrown out of the alarm it
 * would stop every lane of the monitor, the D1 lane with it (an alert closed but listed open).
 */
function unexpectedFailure(job: OutboxJob, now: number, err: unknown): DeliveryAttempt {
  const { record } = readStored(DELIVERY_JOB_RECORD, job.payload);
  log({ event: "delivery.threw", delivery_id: record.id, monitor_id: record.monitorId, alert_id: record.alertId, error: loggedError(err) });
  const attempts = job.attempts + 1;
  const retryAt = nextAttemptAt(job.createdAt, attempts, now, null, Math.random());
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return {
    record: {
      ...record,
      status: retryAt === null ? "failed" : "pending",
      attempts,
      lastStatusCode: null,
      lastError: `could not be sent: ${reason.slice(0, 120)}`,
      nextAttemptAt: retryAt,
      deliveredAt: null,
      updatedAt: now,
    },
    retryAt,
    channelFailing: null,
  };
}
