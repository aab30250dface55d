import type { SecretField } from "../../src/channels/kind";
import { channelKind, channelTypes } from "../../src/channels/registry";

export type { SecretField };

/**
 * Which fields of a channel type are secrets, and how the API masks them once stored: the kind's own
 * list (src/channels/kinds/*), so the CLI cannot fall out of step with the server it ships with. The file
 * never holds these: it names an environment variable instead (`token: {env: NTFY_TOKEN}`). A map secret
 * (webhook headers) names one variable per entry. A type this CLI does not know (a newer server's) has none.
 */
export const secretFieldsOf = (type: string): readonly SecretField[] =>
  channelTypes().includes(type) ? channelKind(type).secretFields : [];
