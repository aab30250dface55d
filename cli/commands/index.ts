import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { registerApply } from "../apply/command";
import type { CliContext } from "../context";
import { registerDiscover } from "../discover/command";
import { registerAlerts } from "./alerts";
import { registerChannels } from "./channels";
import { registerDeliveries } from "./deliveries";
import { registerKeys } from "./keys";
import { registerLogin } from "./login";
import { registerMe } from "./me";
import { registerMonitors } from "./monitors";
import { registerPing } from "./ping";
import { registerPings } from "./pings";
import { registerRun } from "./run";
import { registerTeams } from "./teams";

/**
 * A command group adds its commands to the program. Its actions get the shared CliContext (the API client,
 * the output, the exit code) and throw ApiError/UsageError/UnreachableError for cli/main.ts to print and map
 * to the exit code. One line per group; the order is the order of `lubdub --help`.
 */
type CommandGroup = (program: CommandUnknownOpts, context: CliContext) => void;

export const commandGroups: CommandGroup[] = [
  registerLogin,
  registerMe,
  registerMonitors,
  registerPings,
  registerChannels,
  registerAlerts,
  registerDeliveries,
  registerKeys,
  registerTeams,
  registerPing,
  registerRun,
  registerApply,
  registerDiscover,
];
