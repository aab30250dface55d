import { channelKind } from "./registry";
import type { ChannelConfig } from "./types";

/**
 * Every secret value of a channel, in every form a receiver might echo it back. Which fields are secret
 * is not listed a second time: it is the kind's `secrets` (the fields the API masks), so a new secret
 * field is masked and redacted by the same one change. `sent`: credentials a request carries in a form
 * built from several fields (an authorization header), redacted as well.
 */
export function channelSecrets(config: ChannelConfig, sent: readonly string[] = []): string[] {
  const values = [...channelKind(config.type).secretValues(config), ...sent];
  return [...new Set(values.flatMap(derivedForms).flatMap(encodedForms))];
}

/** Long enough that matching it cannot be a coincidence with ordinary words in a receiver's answer. */
const MIN_PIECE = 12;

/** The value itself and the parts that are secret on their own: an auth scheme's credentials, a URL's token path. */
function derivedForms(secret: string): string[] {
  const forms = [secret];
  const credentials = /^[A-Za-z][A-Za-z-]*\s+(\S+)$/.exec(secret)?.[1]; // "Bearer x", "Basic x", "GenieKey x"
  if (credentials) forms.push(credentials, ...decodedBasic(credentials));
  if (secret.startsWith("whsec_")) forms.push(secret.slice("whsec_".length));
  forms.push(...urlParts(secret));
  // "123456:AAH..." (a bot token) and "user:password": the part after the colon is the secret part.
  forms.push(...secret.split(/[:\s]/).filter((piece) => piece.length >= MIN_PIECE && piece !== secret));
  return forms;
}

function decodedBasic(credentials: string): string[] {
  try {
    const decoded = atob(credentials);
    return /^[\x20-\x7e]+$/.test(decoded) ? [decoded, ...decoded.split(":").slice(1)] : [];
  } catch {
    return [];
  }
}

/** Slack, Discord and Teams carry their token in the path and query: those, and each long piece of them. */
function urlParts(value: string): string[] {
  if (!/^https?:\/\//i.test(value)) return [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const pieces = [...url.pathname.split("/"), ...[...url.searchParams.values()], url.password, url.username];
  const whole = [url.pathname.length > 1 ? url.pathname + url.search : "", url.search.slice(1)];
  return [...whole, ...pieces].filter((piece) => piece.length >= MIN_PIECE);
}

/** As it would appear inside a JSON string (PHP also escapes "/") or a URL-encoded form body. */
function encodedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [secret, json, json.replace(/\//g, "\\/"), encodeURIComponent(secret)];
}
