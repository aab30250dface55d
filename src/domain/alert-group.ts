/**
 * Alert storms: when many monitors of a team go down within the same minute (a network outage, lubdub's
 * own bad deploy refusing pings), every alert still opens, but each channel gets the first few notices one
 * by one, at once, and the rest as ONE grouped message at the end of the window, instead of hundreds.
 * Pure: the grouping point (one per channel) keeps a `ChannelGroupState`, asks `admitNotice` about each
 * notice its monitors' outboxes hand it, and sends what `dueGroups` releases when its alarm fires.
 */
import type { NoticeType } from "./monitor";

/** A team's setting: more than `threshold` notices of one type within `window` seconds on a channel are grouped. */
export interface AlertGrouping {
  enabled: boolean;
  threshold: number;
  /** Seconds. */
  window: number;
}

/** Off until the grouping point is wired into the outbox (see the README's alert storms section). */
export const DEFAULT_ALERT_GROUPING: AlertGrouping = { enabled: false, threshold: 5, window: 60 };

/** Bounds a team may choose: a group of one is no group, and a window past an hour hides an outage too long. */
export const ALERT_GROUPING_LIMITS = { threshold: { min: 1, max: 1000 }, window: { min: 10, max: 3600 } } as const;

/** Null when the setting can be stored, else the offending API field and why. */
export function validateAlertGrouping(grouping: AlertGrouping): { field: string; message: string } | null {
  for (const field of ["threshold", "window"] as const) {
    const { min, max } = ALERT_GROUPING_LIMITS[field];
    const value = grouping[field];
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      return { field, message: `must be a whole number from ${min} to ${max}${field === "window" ? " (seconds)" : ""}` };
    }
  }
  return null;
}

/** One notice a monitor's outbox handed to the grouping point: its delivery is sent in the group's message. */
export interface HeldNotice {
  deliveryId: string;
  alertId: string;
  notice: NoticeType;
  heldAt: number;
}

export interface ChannelGroupState {
  /** The notices sent or held on this channel within the last window, by when: what the threshold counts. */
  recent: { notice: NoticeType; at: number }[];
  /** Notices waiting for the group's message, in the order they came. */
  held: HeldNotice[];
  /** When the held notices go out; null when none are held. */
  flushAt: number | null;
}

export const NO_GROUP: ChannelGroupState = { recent: [], held: [], flushAt: null };

export type Admission = { verdict: "send" | "hold"; state: ChannelGroupState };

/** The message order within one flush: an opening is never overtaken by its reminder or its closing. */
const NOTICE_ORDER: readonly NoticeType[] = ["alert.opened", "alert.reminder", "alert.closed"];

/**
 * Whether a notice goes out on its own now ("send") or waits for the group's message ("hold"). Below the
 * threshold nothing changes: the first `threshold` notices of a type within the window are sent at once.
 * Past it, the notice is held until the window's end. A notice about an alert whose earlier notice is held
 * is held too, so a closing never reaches the channel before its opening.
 */
export function admitNotice(state: ChannelGroupState, notice: Omit<HeldNotice, "heldAt">, grouping: AlertGrouping, now: number): Admission {
  if (!grouping.enabled) return { verdict: "send", state };
  const recent = [...state.recent.filter((entry) => entry.at > now - grouping.window * 1000), { notice: notice.notice, at: now }];
  const alreadyHeld = state.held.some((held) => held.alertId === notice.alertId);
  const sameType = recent.filter((entry) => entry.notice === notice.notice).length;
  if (!alreadyHeld && sameType <= grouping.threshold) return { verdict: "send", state: { ...state, recent } };
  const held = [...state.held, { ...notice, heldAt: now }];
  return { verdict: "hold", state: { recent, held, flushAt: state.flushAt ?? now + grouping.window * 1000 } };
}

/** One grouped message: every held notice of one type. */
export interface NoticeGroup {
  notice: NoticeType;
  members: HeldNotice[];
}

/**
 * The grouped messages due at `now`, openings first, and the state without them. Every held notice goes
 * out together (one message per notice type), so no type waits on another's window.
 */
export function dueGroups(state: ChannelGroupState, now: number): { groups: NoticeGroup[]; state: ChannelGroupState } {
  if (state.flushAt === null || state.flushAt > now) return { groups: [], state };
  const groups = NOTICE_ORDER.map((notice) => ({ notice, members: state.held.filter((held) => held.notice === notice) })).filter(
    (group) => group.members.length > 0,
  );
  return { groups, state: { recent: state.recent, held: [], flushAt: null } };
}
