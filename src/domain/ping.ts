/**
 * What a ping means, decided in one place: keyword filters, resume-on-ping, the check-in itself and
 * the ping log's entry. Pure: the caller (the monitor's Durable Object) loads, calls, stores and schedules.
 */
import { applyCheckIn } from "./checkin";
import { applyConfig, type MonitorConfig, type MonitorState, type Transition } from "./monitor";
import { applyKeywords, clipBody, type KeywordVerdict, type Signal, type SignalKind } from "./signals";

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

/**
 * What a logged ping was: the signal it counted as, or `ignored` (a monitor paused with manual_resume
 * ignores every ping, as healthchecks.io does: see `receivePing`). Additive in the stored log: rows of
 * older releases hold the signal kinds only.
 */
export const PING_LOG_KINDS = ["success", "start", "fail", "log", "ignored"] as const;
type PingLogKind = SignalKind | "ignored";

/** What the ping log keeps of a ping (storage numbers it). */
export interface PingLogEntry {
  at: number;
  kind: PingLogKind;
  exitStatus: number | null;
  method: string;
  ip: string | null;
  userAgent: string | null;
  runId: string | null;
  durationMs: number | null;
  /** The head and tail of the body, UTF-8 text or base64. */
  body: string;
  bodyEncoding: "utf-8" | "base64";
  bodySize: number;
  truncated: boolean;
  /** Why the ping counts as what it counts as, when a keyword or a pause decided ("keyword: ERROR"). */
  note: string | null;
}

export interface PingOutcome {
  /** The configuration after the ping: a resumed copy when the ping resumed a paused monitor, else `config` itself. */
  config: MonitorConfig;
  /** The resume (if any) and the check-in, as one transition: its final state and every event in order. */
  transition: Transition;
  verdict: KeywordVerdict;
  /** How long the run took, when this ping ended a run begun by /start. */
  durationMs: number | null;
  logEntry: PingLogEntry;
}

/** Only an outcome (success or failure) resumes a paused monitor: a start or a log line says nothing of how the job went. */
const resumesPaused = (signal: Signal): boolean => signal.kind === "success" || signal.kind === "fail";

/** The signal a ping counts as once keyword filters have had their say. */
function effectiveSignal(signal: Signal, verdict: KeywordVerdict): Signal {
  return verdict.kind === signal.kind ? signal : { kind: verdict.kind, exitStatus: null };
}

/** As in healthchecks.io, a monitor paused with manual_resume ignores every ping until resumed by hand. */
const ignoresPings = (config: MonitorConfig): boolean => !config.enabled && config.manualResume;

/**
 * One ping arrives at `now`. Keywords may turn a success into a failure or a mere log line. As in
 * healthchecks.io, a success or failure resumes a paused monitor unless it is set to `manual_resume`
 * (the resumed monitor starts from `new`, then the ping counts as its first). A ping to a monitor that
 * stays paused only records when it came, and its log entry says so; with `manual_resume` it changes
 * nothing at all (not even when the monitor was last pinged), and is logged as `ignored`.
 */
export function receivePing(
  config: MonitorConfig,
  state: MonitorState,
  ping: PingInput,
  now: number,
  newAlertId: () => string,
): PingOutcome {
  const verdict = applyKeywords(ping.signal.kind, ping.body, config);
  const signal = effectiveSignal(ping.signal, verdict);
  if (ignoresPings(config)) {
    const logEntry = { ...pingLogEntry(ping, signal, verdict, null, now, false), kind: "ignored" as const, note: IGNORED_NOTE };
    return { config, transition: { state, events: [] }, verdict, durationMs: null, logEntry };
  }
  const resumes = !config.enabled && resumesPaused(signal);
  const active = resumes ? { ...config, enabled: true, updatedAt: now } : config;
  const resume = resumes ? applyConfig(active, state, now, newAlertId) : null;
  const checkIn = applyCheckIn(active, resume?.state ?? state, { signal, runId: ping.runId ?? "" }, now, newAlertId);
  const transition = resume ? { state: checkIn.state, events: [...resume.events, ...checkIn.events] } : checkIn;
  const logEntry = pingLogEntry(ping, signal, verdict, checkIn.durationMs, now, !active.enabled);
  return { config: active, transition, verdict, durationMs: checkIn.durationMs, logEntry };
}

const IGNORED_NOTE = "monitor paused with manual_resume: ignored";

/** What the ping log keeps of a ping: its facts, the head and tail of its body, and why it counted as it did. */
function pingLogEntry(
  ping: PingInput,
  signal: Signal,
  verdict: KeywordVerdict,
  durationMs: number | null,
  at: number,
  /** Logged while the monitor stays paused: it counted for nothing. */
  paused: boolean,
): PingLogEntry {
  const clipped = clipBody(ping.body, ping.size);
  const keywordNote = verdict.matched ? `keyword: ${verdict.matched}` : verdict.ignored ? "no success keyword: kept as log" : null;
  const pausedNote = paused ? "monitor paused: logged only" : null;
  return {
    at,
    kind: signal.kind,
    exitStatus: signal.exitStatus,
    method: ping.method,
    ip: ping.ip,
    userAgent: ping.userAgent,
    runId: ping.runId,
    durationMs,
    body: clipped.body,
    bodyEncoding: clipped.encoding,
    bodySize: ping.size,
    truncated: ping.truncated || clipped.truncated,
    note: keywordNote && pausedNote ? `${keywordNote}; ${pausedNote}` : (keywordNote ?? pausedNote),
  };
}
