import { z } from "zod";
import { MASK } from "./masks";

/** Input fields several kinds share. */

export const channelName = z.string().trim().min(1).max(200);

/** A client that sends a read back unchanged must not store the mask over the real secret. */
export const MASKED_MESSAGE = "this is the masked value shown by the API; send the real value or leave the field out";
export const notMasked = (value: string) => !value.includes(MASK) && !value.includes(encodeURI(MASK));

/** A URL pasted without its scheme (`hooks.slack.com/...`) is the common mistake: say what it must start with. */
function urlMessage(input: unknown, what: string): string {
  if (typeof input === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(input.trim())) {
    return `must start with https:// (https://${input.trim()}): ${what}`;
  }
  return `must be an http(s) URL: ${what}`;
}

/**
 * Any http(s) URL, not just the provider's host: Slack-compatible receivers (Mattermost, Rocket.Chat),
 * proxies and local test receivers must work. Plain http is refused later unless ALLOW_INSECURE_WEBHOOKS.
 */
export const receiverUrl = (what: string) =>
  z
    .url({ protocol: /^https?$/, error: (issue) => urlMessage(issue.input, what) })
    .max(2048)
    .refine(notMasked, MASKED_MESSAGE);
