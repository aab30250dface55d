import { maskSecret, maskToken, maskUrl, maskWhole } from "../../src/channels/masks";

/**
 * Which fields of each channel type are secrets, and how the API masks them once stored. The file never
 * holds these: it names an environment variable instead (`token: {env: NTFY_TOKEN}`). A map secret
 * (webhook headers) names one variable per entry. Kept in step with src/channels/kinds/* by a test
 * (test/e2e/cli-apply-format.test.ts) that fails when a kind is added or a mask changes.
 */
type Masker = (value: string) => string;

export interface SecretField {
  field: string;
  mask: Masker;
  /** A map of names to secret values (webhook headers), each value its own variable. */
  map?: true;
}

export const CHANNEL_SECRETS: Readonly<Record<string, readonly SecretField[]>> = {
  webhook: [
    { field: "secret", mask: maskSecret },
    { field: "headers", mask: maskWhole, map: true },
  ],
  slack: [{ field: "url", mask: maskUrl }],
  discord: [{ field: "url", mask: maskUrl }],
  teams: [{ field: "url", mask: maskUrl }],
  pagerduty: [{ field: "routing_key", mask: maskToken }],
  opsgenie: [{ field: "api_key", mask: maskToken }],
  ntfy: [{ field: "token", mask: maskToken }],
  telegram: [{ field: "bot_token", mask: maskToken }],
};

export const secretFieldsOf = (type: string): readonly SecretField[] => CHANNEL_SECRETS[type] ?? [];
