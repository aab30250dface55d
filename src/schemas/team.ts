import { z } from "zod";
import { ALERT_GROUPING_LIMITS } from "../domain/alert-group";
import { LIMIT_CEILINGS, LIMIT_FLOORS, LIMIT_VARS, type LimitName } from "../domain/limits";
import { channelIdList, duration } from "./common";
import { maintenanceWindows, tagName } from "./monitor";

const teamName = z.string().trim().min(1).max(100);

/** `POST /teams` (super-admin). */
export const teamCreateInput = z.strictObject({ name: teamName }).meta({ id: "TeamCreate" });

const limitValue = (name: LimitName) =>
  z
    .number()
    .int()
    .min(LIMIT_FLOORS[name])
    .max(LIMIT_CEILINGS[name])
    .nullable()
    .optional()
    .meta({
      description: `From ${LIMIT_FLOORS[name]} to ${LIMIT_CEILINGS[name]}; null: the deployment's default (${LIMIT_VARS[name]}).`,
    });

/** The super-admin's values for a team's limits; the ones left out stay as they are. */
const teamLimitsInput = z
  .strictObject({
    monitors: limitValue("monitors"),
    channels: limitValue("channels"),
    api_keys: limitValue("api_keys"),
    ping_log_size: limitValue("ping_log_size"),
  })
  .meta({
    id: "TeamLimitsPatch",
    description:
      "The team's limits (the super-admin only: a team key gets 403). Lowering one below what the team has deletes nothing: it only refuses new ones.",
  });

/** `PATCH /team` and `PATCH /teams/{id}`. */
export const teamPatchInput = z
  .strictObject({
    name: teamName.optional(),
    /** Let `/ping/<ping_key>/<slug>?create=1` create a monitor for a slug it does not know. */
    create_on_ping: z.boolean().optional(),
    /** Issue a new ping key (the old slug URLs stop working). */
    rotate_ping_key: z.literal(true).optional(),
    /** Issue a new badge key (badge URLs with the old one answer 404). */
    rotate_badge_key: z.literal(true).optional(),
    status_page: z.strictObject({ tag: tagName }).nullable().optional().meta({
      description:
        "The public status page (/status/<key>) of the monitors with `tag`: set it to turn the page on or change its tag (the URL stays), null to turn it off (its URL stops working; turning it on again gives a new one). Off by default.",
    }),
    /** Issue a new status page key (the old /status/ URL answers 404); only while the page is on. */
    rotate_status_page_key: z.literal(true).optional(),
    /** Maintenance windows for every monitor of the team, replacing the team's current ones. */
    maintenance: maintenanceWindows.optional(),
    alert_grouping: z
      .strictObject({
        enabled: z.boolean().optional(),
        threshold: z
          .number()
          .int()
          .min(ALERT_GROUPING_LIMITS.threshold.min)
          .max(ALERT_GROUPING_LIMITS.threshold.max)
          .optional()
          .meta({ description: "More than this many alerts opening (or closing) on one channel within `window` are grouped." }),
        window: duration(
          ALERT_GROUPING_LIMITS.window.min,
          ALERT_GROUPING_LIMITS.window.max,
          "How long grouped alerts are held: the first held one's wait",
        ).optional(),
      })
      .optional()
      .meta({
        description:
          "Alert storms: when more than `threshold` alerts open within `window` on one chat channel, the rest reach it as one grouped message at the window's end (recoveries likewise). Fields left out keep their value.",
      }),
    /** Channels of a monitor created without channels or escalation (API or ?create=1); null: every channel of the team. */
    default_channels: channelIdList.nullable().optional().meta({
      description:
        "Channels of a monitor created without `channels` or `escalation` (through the API or by a ping); null: every channel of the team.",
    }),
    limits: teamLimitsInput.optional(),
  })
  .meta({ id: "TeamPatch" });

export type TeamPatchInput = z.infer<typeof teamPatchInput>;
