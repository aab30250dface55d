/**
 * The shapes every channel kind shares. A kind's own fields are declared once, in its file under
 * `kinds/` (input and stored schemas); the rest of the app handles them through these open types and
 * the registry, which parses a configuration through its kind's schema before the kind reads it.
 */

/** A channel kind's name: "webhook", "slack"…, or a kind registered later (see registry.ts). */
export type ChannelType = string;

/** What is stored: the create input without its name (a column of its own), with defaults filled in. */
export type ChannelConfig = { readonly type: ChannelType } & Readonly<Record<string, unknown>>;

/** A create body, as its kind's input schema outputs it. */
export type ChannelInput = { type: ChannelType; name: string } & Record<string, unknown>;

/** A PATCH body, as its kind's patch schema outputs it: any of the create fields, `type` never changed. */
export type ChannelPatch = { name?: string | undefined; type?: ChannelType | undefined } & Record<string, unknown>;

export interface DeliveryContext {
  /** Stable across retries of one event: the receiver's deduplication key (`webhook-id`). */
  messageId: string;
  /** When this attempt is made, ms since the epoch. */
  now: number;
  /** Public origin of this lubdub (PUBLIC_BASE_URL), for links back to the monitor; null when unset. */
  publicBaseUrl: string | null;
  /** Set by `POST /channels/:id/test`: the message says loudly that it is a test. */
  test?: boolean;
}
