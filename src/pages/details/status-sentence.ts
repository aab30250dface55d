/**
 * A monitor's live status as one sentence: "Down since 03:10, last ping 3 hours ago (missed ping)";
 * "Running, started 2 min ago"; "Never pinged: waiting for its first ping". Pure: from the object's state.
 */
import type { MonitorState } from "../../domain/monitor";
import { ago, formatNear } from "./time-words";

const WHY_DOWN = { missed: "missed ping", failed: "the job reported a failure", timeout: "a run took longer than its max runtime" };

function whyDown(state: Pick<MonitorState, "failure">): string {
  const failure = state.failure;
  if (!failure) return "";
  const exit = failure.exitStatus !== null && failure.exitStatus !== 0 ? `, exit status ${failure.exitStatus}` : "";
  return ` (${WHY_DOWN[failure.reason]}${exit})`;
}

type SentenceState = Pick<MonitorState, "status" | "lastPingAt" | "statusChangedAt" | "runs" | "failure" | "due">;

/** The sentence for `state` at `now`, times in `timeZone`, each naming the zone (a bare "07:10" is read as the reader's own). */
export function statusSentence(state: SentenceState, now: number, timeZone: string): string {
  const at = (ms: number) => `${formatNear(ms, now, timeZone)} ${timeZone}`;
  const since = at(state.statusChangedAt);
  const lastPing = state.lastPingAt === null ? "never pinged" : `last ping ${ago(state.lastPingAt, now)}`;
  switch (state.status) {
    case "new":
      return state.lastPingAt === null
        ? "Never pinged: waiting for its first ping"
        : `New since ${since}: waiting for the next ping, ${lastPing}`;
    case "up":
      return `Up since ${since}, ${lastPing}${state.due ? `; next ping expected by ${at(state.due.lateAt)}` : ""}`;
    case "late":
      return `Late since ${since}, ${lastPing}${state.due ? `; down at ${at(state.due.downAt)} unless a ping comes` : ""}`;
    case "down":
      return `Down since ${since}, ${lastPing}${whyDown(state)}`;
    case "running": {
      const starts = Object.values(state.runs);
      const started = starts.length > 0 ? Math.min(...starts) : state.statusChangedAt;
      return `Running, started ${ago(started, now)}${starts.length > 1 ? ` (${starts.length} runs)` : ""}`;
    }
    case "paused":
      return `Paused since ${since}, ${lastPing}`;
  }
}
