import { z } from "zod";

/**
 * Which of an alert's notifications a channel takes (its `events` setting): the opening (to the alert's
 * first escalation step, or a flat channel list), an opening that reaches it as a later escalation step,
 * reminders while the alert stays open, and the closing. A team sends openings to paging and both to chat.
 */
export const CHANNEL_EVENTS = z.enum(["opened", "closed", "reminder", "escalation"]);
export type ChannelEvent = z.infer<typeof CHANNEL_EVENTS>;

/** A new channel, and every channel stored before the setting existed, takes every event. */
export const ALL_CHANNEL_EVENTS: readonly ChannelEvent[] = CHANNEL_EVENTS.options;

/**
 * Whether a channel with `events` takes a notification sent `via`. A closing goes only to channels the
 * alert reached (domain/escalation.ts), whether or not they took its opening: a channel that takes only
 * "closed" hears every recovery of the monitors that name it, like healthchecks.io's "notify on up".
 */
export const takesEvent = (events: readonly ChannelEvent[], via: ChannelEvent): boolean => events.includes(via);
