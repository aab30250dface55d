import { z } from "zod";
import type { TeamRecord } from "../db/teams";
import { MaintenanceWindowView, renderWindow } from "./monitors";

export const TeamView = z
  .object({
    id: z.string(),
    name: z.string(),
    ping_key: z.string().meta({ description: "The key of the team's slug ping URLs." }),
    badge_key: z.string().meta({ description: "The key of the team's status badge URLs: read-only, shows statuses and names only." }),
    badge_url: z.string().meta({ examples: ["https://lubdub.example/badge/0123456789abcdef0123456789abcdef/<slug or id>.svg"] }),
    create_on_ping: z.boolean(),
    slug_ping_url: z.string().meta({ examples: ["https://lubdub.example/ping/0123456789abcdef0123456789abcdef/<slug>"] }),
    maintenance: z.array(MaintenanceWindowView),
    default_channels: z.array(z.string()).nullable().meta({ description: "Channels of monitors a ping creates; null: every channel." }),
  })
  .meta({ id: "Team" });

export function renderTeam(team: TeamRecord, origin: string): z.input<typeof TeamView> {
  return {
    id: team.id,
    name: team.name,
    ping_key: team.pingKey,
    badge_key: team.badgeKey,
    badge_url: `${origin}/badge/${team.badgeKey}/<slug or id>.svg`,
    create_on_ping: team.createOnPing,
    slug_ping_url: `${origin}/ping/${team.pingKey}/<slug>`,
    maintenance: team.maintenance.map(renderWindow),
    default_channels: team.defaultChannels,
  };
}
