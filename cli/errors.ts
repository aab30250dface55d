/** lubdub's exit codes (README "CLI"): scripts tell a refused request from a typo and from a server that is away. */
export const ExitCode = {
  ok: 0,
  /** The API answered with an error (4xx/5xx). */
  api: 1,
  /** The command line is wrong: unknown command or option, missing argument, bad --data. */
  usage: 2,
  /** lubdub could not be reached (connection refused, DNS, timeout). */
  unreachable: 3,
  /** A bug in lubdub (any other error): sysexits' EX_SOFTWARE, so it is told apart from the API's refusals. */
  internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

interface ErrorDetail {
  path: string;
  message: string;
}

/** The API's error envelope: `{"error": {"code", "message", "details": [{"path", "message"}]}}`. */
interface ErrorEnvelope {
  error: { code: string; message: string; details: ErrorDetail[] };
}

/** An answer with an error status. `envelope` is null when the body was not the API's envelope (a proxy's page). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly envelope: ErrorEnvelope | null,
    readonly body: unknown,
    /** A 429's `Retry-After` in seconds (the rate limit, or the lockout after failed authentications); null without one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(envelope ? envelope.error.message : `HTTP ${status}`);
  }
}

/** `Retry-After` as seconds from now: a number of seconds, or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - now) / 1000));
}

/** No answer at all: the exit code is 3, so cron wrappers and scripts can tell "lubdub is away" apart. */
export class UnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`cannot reach lubdub at ${url}: ${reason}`);
  }
}

/** A mistake on the command line the parser cannot see (a bad --data, an unknown monitor name...): exit 2. */
export class UsageError extends Error {}

/**
 * Writes a file lubdub was pointed at (-o, a crontab, the config): when the system refuses (no such folder, no
 * permission, disk full), that is for the user to fix, a UsageError naming the file, not lubdub's internal error.
 */
export function writingFile<T>(path: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot write ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const { error } = body;
  return typeof error === "object" && error !== null && "message" in error && typeof error.message === "string";
}

/** Why a fetch failed, in words: undici hides the system error (ECONNREFUSED...) in `cause`. */
export function networkReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === "TimeoutError" || err.name === "AbortError") return "timed out";
  const cause = err.cause;
  if (cause instanceof Error) return "code" in cause && typeof cause.code === "string" ? cause.code : cause.message;
  return err.message;
}
