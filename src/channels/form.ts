import type { OutboundRequest } from "../transports/http";

/** A form-encoded POST (`application/x-www-form-urlencoded`), for APIs that take no JSON (Zulip). */
export function formPost(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): OutboundRequest {
  return {
    url,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "lubdub/1", ...headers },
    body: new URLSearchParams(fields).toString(),
  };
}

/** HTTP Basic credentials, as `authorization` header value (RFC 7617: UTF-8, then base64). */
export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}
