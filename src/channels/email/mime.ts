import type { EmailContent } from "./content";

/**
 * A small RFC 5322 / MIME builder for the send_email binding, which takes a raw message: a
 * multipart/alternative with the plain-text and HTML bodies, each UTF-8 in base64 (lines of 76, RFC 2045),
 * so no body line can be too long or be read as a boundary. No dependency: this is all lubdub needs.
 */
export interface MimeEnvelope {
  /** The From header: a bare address or `"name" <address>`. */
  from: string;
  to: readonly string[];
  /** Unique per event and stable across retries: the Message-ID's left part, and the boundary's. */
  id: string;
  /** The message's Date, ms since the epoch. */
  date: number;
}

const CRLF = "\r\n";

function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Base64 in lines of at most 76 characters (RFC 2045 section 6.8). */
const wrapped = (base64: string): string => base64.match(/.{1,76}/g)?.join(CRLF) ?? "";

/** An unstructured header value: ASCII as it is, anything else as one RFC 2047 encoded word per chunk. */
export function encodeHeaderText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  // 45 bytes of UTF-8 make 60 base64 characters: each encoded word stays under 75 (RFC 2047 section 2).
  const chunks: string[] = [];
  let chunk = "";
  for (const char of text) {
    if (new TextEncoder().encode(chunk + char).length > 45) {
      chunks.push(chunk);
      chunk = "";
    }
    chunk += char;
  }
  chunks.push(chunk);
  return chunks.map((part) => `=?UTF-8?B?${base64Utf8(part)}?=`).join(`${CRLF} `);
}

/** RFC 5322 date-time: "Fri, 01 Jan 2100 00:01:30 +0000". */
const rfc5322Date = (ms: number): string => new Date(ms).toUTCString().replace(/GMT$/, "+0000");

const domainOf = (address: string): string => address.slice(address.lastIndexOf("@") + 1).replace(/>$/, "");

/** The whole message, CRLF line endings, ready for `new EmailMessage(from, to, raw)`. */
export function buildMimeMessage(envelope: MimeEnvelope, content: EmailContent): string {
  const boundary = `=_lubdub_${envelope.id.replace(/[^A-Za-z0-9_]/g, "")}`;
  const part = (type: string, body: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, "Content-Transfer-Encoding: base64", "", wrapped(base64Utf8(body))].join(
      CRLF,
    );
  const headers = [
    `From: ${envelope.from}`,
    `To: ${envelope.to.join(", ")}`,
    `Subject: ${encodeHeaderText(content.subject)}`,
    `Date: ${rfc5322Date(envelope.date)}`,
    `Message-ID: <${envelope.id}@${domainOf(envelope.from)}>`,
    "MIME-Version: 1.0",
    "Auto-Submitted: auto-generated",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  return [...headers, "", part("text/plain", content.text), part("text/html", content.html), `--${boundary}--`, ""].join(CRLF);
}
