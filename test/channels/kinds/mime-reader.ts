/**
 * Reads back what src/channels/email/mime.ts writes, for the tests: the headers (RFC 2047 words decoded)
 * and the text and HTML parts (base64 decoded). Only that shape: not a general MIME parser.
 */
export interface ReadMessage {
  headers: Record<string, string>;
  text: string;
  html: string;
}

const utf8 = (base64: string): string =>
  new TextDecoder().decode(Uint8Array.from(atob(base64.replace(/\s+/g, "")), (c) => c.charCodeAt(0)));

const decodeWords = (value: string): string => value.replace(/\s*=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => utf8(b64)).trim();

function headersOf(block: string): Record<string, string> {
  const unfolded = block.replace(/\r\n[ \t]/g, " ");
  const entries = unfolded.split("\r\n").map((line) => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1))] as const;
  });
  return Object.fromEntries(entries);
}

export function decodeMime(raw: string): ReadMessage {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const headers = headersOf(head);
  const boundary = /boundary="([^"]+)"/.exec(headers["content-type"] ?? "")?.[1] ?? "";
  const parts = rest.join("\r\n\r\n").split(`--${boundary}`);
  const partOf = (type: string) => {
    const part = parts.find((p) => p.includes(`Content-Type: ${type}`)) ?? "";
    return utf8(part.slice(part.indexOf("\r\n\r\n") + 4));
  };
  return { headers, text: partOf("text/plain"), html: partOf("text/html") };
}
