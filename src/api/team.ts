import { z } from "zod";
import type { TeamRecord } from "../db/teams";
import type { TeamQuota } from "../domain/limits";
import { badgeBaseUrl } from "./badge-docs";
import { MaintenanceWindowView, renderWindow } from "./monitors";

/** A team's public status page (routes/status-page.ts). */
export const statusPageUrl = (origin: string, key: string): string => `${origin}/status/${key}`;

export const TeamView = z
  .object({
    id: z.string(),
    name: z.string(),
    ping_key: z
      .string()
      .nullable()
      .meta({ description: "The key of the team's slug ping URLs; null for a read key (a ping changes a monitor)." }),
    badge_key: z.string().meta({ description: "The key of the team's status badge URLs: read-only, shows statuses and names only." }),
    badge_url: z.string().meta({ examples: ["https://lubdub.example/badge/0123456789abcdef0123456789abcdef/<slug or id>.svg"] }),
    create_on_ping: z.boolean(),
    slug_ping_url: z
      .string()
      .nullable()
      .meta({ examples: ["https://lubdub.example/ping/0123456789abcdef0123456789abcdef/<slug>"] }),
    maintenance: z.array(MaintenanceWindowView),
    default_channels: z.array(z.string()).nullable().meta({
      description:
        "Channels of a monitor created without `channels` or `escalation` (through the API or by a ping); null: every channel of the team.",
    }),
    alert_grouping: z
      .object({
        enabled: z.boolean(),
        threshold: z.number().int(),
        window: z.number().int().meta({ description: "Seconds." }),
      })
      .meta({
        description:
          "Alert storms: more than `threshold` alerts opening (or closing) within `window` seconds on one chat channel reach it as one grouped message. Off by default.",
      }),
    status_page: z
      .object({
        tag: z.string().meta({ description: "The tag whose monitors the page shows." }),
        url: z.string().meta({ examples: ["https://lubdub.example/status/0123456789abcdef0123456789abcdef"] }),
      })
      .nullable()
      .meta({
        description:
          "The team's public status page: names, statuses and a 90-day strip of one tag's monitors, for anyone with the URL (never ping URLs, bodies or channels). null: off.",
      }),
    limits: z
      .object({
        monitors: z.number().int(),
        channels: z.number().int(),
        api_keys: z.number().int().meta({ description: "Live keys: revoked ones do not count." }),
        ping_log_size: z.number().int().meta({ description: "The largest `ping_log_size` a monitor of the team may set." }),
      })
      .meta({
        description:
          "The team's limits as they apply now: the super-admin's values for this team, else the deployment's defaults. A create past one answers 403 `limit_reached`.",
      }),
    usage: z
      .object({ monitors: z.number().int(), channels: z.number().int(), api_keys: z.number().int() })
      .meta({ description: "What the team has now, counted as its limits count." }),
  })
  .meta({ id: "Team" });

/**
 * `origin`: where the API's URLs start. `mayPing`: false for a read key, which is shown no ping key (a
 * ping changes a monitor); badges are read-only, so every caller sees the badge key.
 */
export function renderTeam(team: TeamRecord, quota: TeamQuota, origin: string, mayPing: boolean): z.input<typeof TeamView> {
  return {
    id: team.id,
    name: team.name,
    ping_key: mayPing ? team.pingKey : null,
    badge_key: team.badgeKey,
    badge_url: `${badgeBaseUrl(origin, team.badgeKey)}/<slug or id>.svg`,
    create_on_ping: team.createOnPing,
    slug_ping_url: mayPing ? `${origin}/ping/${team.pingKey}/<slug>` : null,
    maintenance: team.maintenance.map(renderWindow),
    default_channels: team.defaultChannels,
    alert_grouping: team.alertGrouping,
    status_page: team.statusPage ? { tag: team.statusPage.tag, url: statusPageUrl(origin, team.statusPage.key) } : null,
    limits: quota.limits,
    usage: quota.usage,
  };
}
