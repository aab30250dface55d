import { z } from "zod";
import type { TeamRecord } from "../db/teams";
import { MaintenanceWindowView, renderWindow } from "./monitors";

export const TeamView = z
  .object({
    id: z.string(),
    name: z.string(),
    ping_key: z
      .string()
      .nullable()
      .meta({ description: "The key of the team's slug ping URLs; null for a read key (a ping changes a monitor)." }),
    create_on_ping: z.boolean(),
    slug_ping_url: z
      .string()
      .nullable()
      .meta({ examples: ["https://lubdub.example/ping/0123456789abcdef0123456789abcdef/<slug>"] }),
    maintenance: z.array(MaintenanceWindowView),
    default_channels: z.array(z.string()).nullable().meta({ description: "Channels of monitors a ping creates; null: every channel." }),
  })
  .meta({ id: "Team" });

/** `pingBase`: where ping URLs start, null when the caller may not see them (a read key). */
export function renderTeam(team: TeamRecord, pingBase: string | null): z.input<typeof TeamView> {
  return {
    id: team.id,
    name: team.name,
    ping_key: pingBase === null ? null : team.pingKey,
    create_on_ping: team.createOnPing,
    slug_ping_url: pingBase === null ? null : `${pingBase}/ping/${team.pingKey}/<slug>`,
    maintenance: team.maintenance.map(renderWindow),
    default_channels: team.defaultChannels,
  };
}
