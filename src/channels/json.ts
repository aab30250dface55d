import type { OutboundRequest } from "../transports/http";

/** Every provider but the generic webhook takes a plain JSON POST; only the URL and auth differ. */
export function jsonPost(url: string, body: unknown, headers: Record<string, string> = {}): OutboundRequest {
  return {
    url,
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "lubdub/1", ...headers },
    body: JSON.stringify(body),
  };
}
