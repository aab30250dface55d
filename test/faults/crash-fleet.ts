import { admin } from "../../scripts/harness/admin.mjs";
import type { DevServer } from "../../scripts/harness/dev-server.mjs";

/** The crash test's monitors, by what each group must do across crashes. */
export type Group = "steady" | "due" | "closing" | "pinged" | "paused" | "timeout" | "finished" | "silent";

interface GroupPlan {
  count: number;
  /** Alerts each round must open (exactly): 1 for monitors left silent or timing out across the crash. */
  alertsPerRound: 0 | 1;
  /** Whether the monitor is enabled at the end. */
  enabledAtEnd: boolean;
  body: (i: number) => Record<string, unknown>;
}

export const GROUPS: Record<Group, GroupPlan> = {
  // Up with a long interval, pinged (some mid-crash): never alert.
  steady: { count: 20, alertsPerRound: 0, enabledAtEnd: true, body: () => ({ interval: "1h" }) },
  // Pinged just before the crash with 1–3 s intervals and 0–1 s grace: they fall due while the server is down.
  due: {
    count: 20,
    alertsPerRound: 1,
    enabledAtEnd: true,
    body: (i) => ({ interval: `${1 + (i % 3)}s`, grace: `${i % 2}s` }),
  },
  // Alert, get the opening delivered, then are pinged (closed) and paused right before the crash: defect 13's sequence.
  closing: { count: 15, alertsPerRound: 1, enabledAtEnd: false, body: () => ({ interval: "2s", grace: "1s" }) },
  // Pinged just before the crash: the ping must survive it, and no alert.
  pinged: { count: 15, alertsPerRound: 0, enabledAtEnd: true, body: () => ({ interval: "45s" }) },
  // Paused with manual resume, pinged every round: stay paused, never alert.
  paused: { count: 10, alertsPerRound: 0, enabledAtEnd: false, body: () => ({ interval: "1s", enabled: false, manual_resume: true }) },
  // A success, then a /start whose run times out (2 s) while the server is down: one `timeout` alert a round.
  timeout: { count: 5, alertsPerRound: 1, enabledAtEnd: true, body: () => ({ interval: "1h", max_runtime: "2s" }) },
  // /start and its success before the crash: no alert.
  finished: { count: 5, alertsPerRound: 0, enabledAtEnd: true, body: () => ({ interval: "1h", max_runtime: "30s" }) },
  // Never pinged: the timer never starts, no alert.
  silent: { count: 10, alertsPerRound: 0, enabledAtEnd: true, body: () => ({ interval: "1s" }) },
};

export interface FleetMonitor {
  id: string;
  group: Group;
  /** The ping path (the server's port changes on every restart). */
  pingPath: string;
  /** The configuration as the create response showed it. */
  created: Record<string, unknown>;
}

export async function createFleet(server: DevServer, channelId: string): Promise<FleetMonitor[]> {
  const fleet: FleetMonitor[] = [];
  for (const [group, plan] of Object.entries(GROUPS) as [Group, GroupPlan][]) {
    for (let i = 0; i < plan.count; i++) {
      const res = await admin(server, "POST", "/api/v1/monitors", { name: `${group}-${i}`, channels: [channelId], ...plan.body(i) });
      if (res.status !== 201) throw new Error(`create ${group}-${i}: ${res.status} ${JSON.stringify(res.body)}`);
      fleet.push({ id: res.body.id, group, pingPath: new URL(res.body.ping_url).pathname, created: res.body });
    }
  }
  return fleet;
}

export const inGroup = (fleet: FleetMonitor[], group: Group) => fleet.filter((m) => m.group === group);

/** A ping that must be answered 200. */
export async function ping(server: DevServer, monitor: FleetMonitor, suffix = ""): Promise<void> {
  const res = await fetch(`${server.url}${monitor.pingPath}${suffix}`, { signal: AbortSignal.timeout(30_000) });
  await res.text();
  if (res.status !== 200) throw new Error(`ping ${monitor.group} ${monitor.id}${suffix}: ${res.status}`);
}

/**
 * An admin POST that must be answered 200. wrangler dev answers 503 "Your worker restarted mid-request"
 * when it reloads the worker under a request (it watches the sources; it retries only GET itself):
 * pause and resume are idempotent, so they are sent again.
 */
export async function adminOk(server: DevServer, method: string, path: string): Promise<void> {
  let last = "";
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.token}` },
      signal: AbortSignal.timeout(10_000),
    });
    last = `${res.status} ${await res.text()}`;
    if (res.status === 200) return;
    if (res.status !== 503 || !last.includes("restarted mid-request")) break;
  }
  throw new Error(`${method} ${path}: ${last.slice(0, 300)}`);
}

/** Runs `action` for every monitor at once. */
export async function eachAtOnce(monitors: FleetMonitor[], action: (m: FleetMonitor) => Promise<void>): Promise<void> {
  await Promise.all(monitors.map(action));
}

/** Fields that change on their own (live state, pause/resume): everything else must be as created. */
export const LIVE_FIELDS = ["status", "last_ping_at", "next_due_at", "next_expected_at", "enabled", "updated_at"];

/** URLs whose origin is the restarted server's (its port changes): only their path must be as created. */
export const URL_FIELDS = ["ping_url", "badge_url"];
