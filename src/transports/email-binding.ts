import { EmailMessage } from "cloudflare:email";
import type { OutboundEmail } from "./email";
import { MISSING_EMAIL_BINDING } from "./email";
import { excerpt } from "./excerpt";
import { type AttemptResult, unanswered } from "./http";

/**
 * Sends through Cloudflare's send_email binding
 * (https://developers.cloudflare.com/email-routing/email-workers/send-email-workers/): one
 * `EmailMessage(from, to, raw)` per recipient, each a destination verified in Email Routing. `wrangler dev`
 * emulates the binding: it checks the message and writes it to a file whose path it logs.
 * Kept apart from the kinds, which the CLI imports under Node, where `cloudflare:email` does not exist.
 */

const SEND_TIMEOUT_MS = 10_000;

/** The part of `env` this transport reads: the binding, absent from a deployment that leaves it out. */
export interface EmailSenderEnv {
  EMAIL?: SendEmail;
}

/** The binding's refusals that no retry can mend: an unverified or disallowed destination, a message it cannot read. */
const FINAL_REFUSAL = /not verified|not allowed|destination|could not parse|invalid|does not match/i;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: number | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => {
    if (timer !== null) clearTimeout(timer);
  });
}

/**
 * A recipient the binding refuses stops the send there: a retry sends to every recipient again (a
 * recipient before it may get the email twice, which beats one never getting it).
 */
export async function sendEmail(binding: SendEmail | undefined, email: OutboundEmail, timeoutMs = SEND_TIMEOUT_MS): Promise<AttemptResult> {
  if (!binding) return unanswered("rejected", `not sent: ${MISSING_EMAIL_BINDING}`);
  for (const to of email.to) {
    try {
      await withTimeout(binding.send(new EmailMessage(email.from, to, email.raw)), timeoutMs);
    } catch (err) {
      const said = excerpt(err instanceof Error ? err.message : String(err), email.secrets ?? [], 200);
      return unanswered(FINAL_REFUSAL.test(said) ? "rejected" : "retry", `send_email to ${to}: ${said}`);
    }
  }
  return { outcome: "delivered", statusCode: null, error: null, retryAfterMs: null, bodyExcerpt: "" };
}
