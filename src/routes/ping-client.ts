import type { PingInput } from "../domain/ping";

/** Enough to tell curl from runitor from a browser; a client can't fill the log with one header. */
const MAX_USER_AGENT_LENGTH = 200;

/** Who sent a ping, as the ping log keeps it. Shared by the Hono ping route and the token fast path. */
export function pingClient(headers: Headers): Pick<PingInput, "ip" | "userAgent"> {
  const ip = headers.get("cf-connecting-ip") ?? headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  return { ip, userAgent: headers.get("user-agent")?.slice(0, MAX_USER_AGENT_LENGTH) ?? null };
}
