import { type ObjectStore, type OutboxJob, SYNC_LANE } from "../db/object-store";
import { FIRST_RETRY_MS } from "../domain/backoff";
import { attemptDelivery } from "./deliver";
import { type NewJob, type SyncItem, syncJob } from "./jobs";
import { syncStatement } from "./sync";

const SYNC_BATCH = 50;
const MAX_DRAIN_ROUNDS = 20;
const MAX_SYNC_RETRY_MS = 600_000;

/**
 * Works through a monitor's outbox on its alarm: the D1 lane in batches, each channel's lane one
 * delivery at a time, lanes in parallel. Awaiting a receiver lets pings in meanwhile, so every update
 * re-reads and writes only its own job's row.
 */
export class OutboxRunner {
  constructor(
    private readonly store: ObjectStore,
    private readonly storage: DurableObjectStorage,
    private readonly env: Env,
  ) {}

  async drain(): Promise<void> {
    for (let round = 0; round < MAX_DRAIN_ROUNDS; round++) {
      const now = Date.now();
      const heads = this.store.dueHeads(now);
      if (heads.length === 0) return;
      await Promise.all(heads.map((job) => (job.lane === SYNC_LANE ? this.runSync(now) : this.runDelivery(job, now))));
    }
  }

  private async runSync(now: number): Promise<void> {
    const jobs = this.store.dueInLane(SYNC_LANE, now, SYNC_BATCH);
    const items = jobs.map((job) => JSON.parse(job.payload) as SyncItem);
    try {
      await this.env.DB.batch(items.map((item) => syncStatement(this.env.DB, item)));
      this.store.finish(jobs.map((job) => job.id));
    } catch (err) {
      // D1 is only the listing and the log: a D1 outage delays them, never an alert.
      const head = jobs[0] as OutboxJob;
      console.error("D1 sync failed; will retry", err);
      this.store.reschedule(head.id, head.attempts + 1, now + Math.min(FIRST_RETRY_MS * 2 ** head.attempts, MAX_SYNC_RETRY_MS));
    }
  }

  private async runDelivery(job: OutboxJob, now: number): Promise<void> {
    const result = await attemptDelivery(this.env, job, now, (url, init) => fetch(url, init));
    const followUps: NewJob[] = [syncJob({ kind: "delivery", record: result.record }, now)];
    if (result.channelFailing) {
      followUps.push(syncJob({ kind: "channel_failing", channelId: result.record.channelId, reason: result.channelFailing, at: now }, now));
    }
    this.storage.transactionSync(() => {
      if (result.retryAt === null) this.store.finish([job.id]);
      else this.store.reschedule(job.id, result.record.attempts, result.retryAt);
      for (const followUp of followUps) this.store.enqueue(followUp);
    });
  }
}
