/**
 * The id of a flip queued by a release before flips were kept, whose sync item carries no id: derived
 * from what it does carry, so replaying that item yields the same id (and the insert ignores it).
 * Shaped like every id (`flp_` and 26 base32 characters): the time (10 characters), the new status
 * (1), then the start of the monitor id's body (15).
 */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const STATUSES = ["new", "up", "late", "down", "running", "paused"];

function base32Of(value: number, length: number): string {
  let out = "";
  let rest = Math.max(0, Math.floor(value));
  for (let i = 0; i < length; i++) {
    out = (ALPHABET[rest % 32] ?? "a") + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

export function legacyFlipId(monitorId: string, at: number, status: string): string {
  const body = monitorId
    .slice(monitorId.indexOf("_") + 1)
    .padEnd(15, "a")
    .slice(0, 15);
  return `flp_${base32Of(at, 10)}${ALPHABET[Math.max(0, STATUSES.indexOf(status))] ?? "a"}${body}`;
}
