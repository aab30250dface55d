/**
 * A monitor's snooze (`snoozed_until`): monitoring goes on (alerts open and close, and are logged), but
 * its notifications are held back and recorded as suppressed. An opening held back is remembered in the
 * alert's progress; when the snooze ends (or is cleared) with the alert still open, it is sent once. An
 * alert that opens and closes wholly inside a snooze sends nothing. Pure.
 */
import type { AlertProgress, HeldOpening } from "./escalation";
import type { Alert, MonitorConfig, MonitorEvent } from "./monitor";

/** A snooze whose time has passed is no snooze. */
export const isSnoozed = (config: Pick<MonitorConfig, "snoozedUntil">, now: number): boolean =>
  config.snoozedUntil !== null && now < config.snoozedUntil;

/** When held openings are due: the snooze's end, while any are held (at once when the snooze was cleared). */
export function snoozeReleaseAt(config: Pick<MonitorConfig, "snoozedUntil">, progress: AlertProgress | null): number | null {
  if (!progress || progress.held.length === 0) return null;
  return config.snoozedUntil ?? 0;
}

/** Remembers the openings a snooze held back, so the end of the snooze can send them. */
export function holdOpenings(progress: AlertProgress, openings: HeldOpening[]): AlertProgress {
  return openings.length === 0 ? progress : { ...progress, held: [...progress.held, ...openings] };
}

/** Once the snooze is over: the held openings of the still open alert, sent now (one notice per kind of opening). */
export function releaseHeld(
  config: Pick<MonitorConfig, "snoozedUntil">,
  alert: Alert,
  progress: AlertProgress,
  now: number,
): { events: MonitorEvent[]; progress: AlertProgress } {
  if (progress.held.length === 0 || isSnoozed(config, now)) return { events: [], progress };
  const events = (["opened", "escalation"] as const).flatMap((via): MonitorEvent[] => {
    const channels = progress.held.filter((held) => held.via === via).map((held) => held.channel);
    return channels.length === 0 ? [] : [{ type: "notify", notice: "alert.opened", alert, channels, at: now, via, snoozed: false }];
  });
  return { events, progress: { ...progress, held: [] } };
}

/** The channels whose opening a snooze held back (a closing for them is suppressed too: they never heard of the alert). */
export const heldChannels = (progress: AlertProgress | null): Set<string> => new Set(progress?.held.map((held) => held.channel));
