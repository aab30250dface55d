import type { OutboundRequest } from "./http";

/**
 * An email for Cloudflare's send_email binding (src/transports/email-binding.ts), which a kind builds
 * instead of an HTTP request: the envelope and the whole RFC 5322 message. Pure data, like OutboundRequest.
 */
export interface OutboundEmail {
  transport: "email";
  /** The envelope sender: a bare address, the one in the message's From header. */
  from: string;
  /** One message per recipient (the binding takes one at a time); each must be verified in Email Routing. */
  to: readonly string[];
  raw: string;
  secrets?: readonly string[];
}

/** What a channel kind builds: an HTTP request (every kind but the email binding's) or an email. */
export type Outbound = OutboundRequest | OutboundEmail;

export const isEmail = (outbound: Outbound): outbound is OutboundEmail => "transport" in outbound && outbound.transport === "email";

/** The binding's name, in wrangler.toml and in `env`. */
export const EMAIL_BINDING = "EMAIL";

/** What to add to wrangler.toml: said by the 400 refusing such a channel, and by a delivery without it. */
export const MISSING_EMAIL_BINDING = `this deployment has no send_email binding named ${EMAIL_BINDING}: add [[send_email]] with name = "${EMAIL_BINDING}" to wrangler.toml and deploy again`;

/**
 * Whether `env` has the binding: optional, since a deployment may leave it out. Typed loosely here (the
 * CLI, under Node, imports the kinds); email-binding.ts reads it as Cloudflare's SendEmail.
 */
export interface EmailBindingEnv {
  EMAIL?: unknown;
}
