import type { PingEntry } from "../db/ping-log";
import { clipBody, type KeywordVerdict, type Signal } from "../domain/signals";

/** A ping as the Worker read it off the request. */
export interface PingInput {
  signal: Signal;
  runId: string | null;
  method: string;
  ip: string | null;
  userAgent: string | null;
  /** At most 100 KB: a longer body keeps its first 20 KB and last 80 KB (and is `truncated`), never refused. */
  body: Uint8Array;
  /** Bytes the client sent (more than `body` holds when truncated). */
  size: number;
  truncated: boolean;
}

/** The signal a ping counts as once keyword filters have had their say. */
export function effectiveSignal(input: PingInput, verdict: KeywordVerdict): Signal {
  return { kind: verdict.kind, exitStatus: verdict.kind === input.signal.kind ? input.signal.exitStatus : null };
}

/** What the ping log keeps of a ping: its facts, the head and tail of its body, and why it counted as it did. */
export function pingLogEntry(
  input: PingInput,
  signal: Signal,
  verdict: KeywordVerdict,
  durationMs: number | null,
  at: number,
  /** Logged while the monitor stays paused: it counted for nothing. */
  paused = false,
): Omit<PingEntry, "n"> {
  const clipped = clipBody(input.body, input.size);
  const keywordNote = verdict.matched ? `keyword: ${verdict.matched}` : verdict.ignored ? "no success keyword: kept as log" : null;
  const notes = [keywordNote, paused ? "monitor paused: logged only" : null].filter((note) => note !== null);
  return {
    at,
    kind: signal.kind,
    exitStatus: signal.exitStatus,
    method: input.method,
    ip: input.ip,
    userAgent: input.userAgent,
    runId: input.runId,
    durationMs,
    body: clipped.body,
    bodyEncoding: clipped.encoding,
    bodySize: input.size,
    truncated: input.truncated || clipped.truncated,
    note: notes.length > 0 ? notes.join("; ") : null,
  };
}
