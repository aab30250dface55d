/**
 * What a fetch that threw means, in words a person can act on. workerd hides some causes behind opaque
 * messages (it logs the real one on its own console, never hands it to the program): a host name that does
 * not resolve throws "internal error; reference = …", a refused or reset connection "Network connection
 * lost.". Shown as they are, a delivery's `last_error` would say nothing about the receiver; this names
 * the host and the causes each message stands for. Any other message is the runtime's own, kept.
 */
export function networkFailure(message: string, url: string): string {
  const host = hostOf(url);
  const reference = /^internal error; reference = (\S+)/.exec(message)?.[1];
  if (reference !== undefined) {
    return `cannot reach ${host}: its name does not resolve (DNS), or the connection failed before any answer (runtime reference ${reference})`;
  }
  if (/^Network connection lost\.?$/.test(message)) {
    return `cannot reach ${host}: the connection was refused, or closed before any answer`;
  }
  return message;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the receiver";
  }
}
