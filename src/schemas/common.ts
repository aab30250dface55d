import { z } from "zod";
import { parseDuration } from "../domain/duration";
import { idPattern } from "../ids";

export const DAY = 86_400;

// A field left out is "required", not zod's "Invalid input: expected string, received undefined". Global
// (every schema of the server and of the CLI's file format loads this module), and below each schema's own
// messages, which still win.
z.config({ customError: (issue) => (issue.code === "invalid_type" && issue.input === undefined ? "required" : undefined) });

/** Seconds as an integer, or "30s" / "5m" / "2h" / "1d" / "1h30m"; always seconds after parsing. */
export function duration(minSeconds: number, maxSeconds: number, what?: string) {
  const range = `between ${minSeconds}s and ${maxSeconds / DAY}d`;
  const described = {
    description: `${what ? `${what}. ` : ""}A duration ${range}: whole seconds as a number (300), or a string of digits and a unit, s, m, h or d ("30s", "5m", "2h", "1d"), or several, largest first ("1h30m"). Always shown back as seconds.`,
    examples: ["5m", 300],
  };
  return z
    .union([z.number(), z.string()])
    .meta(described)
    .transform((input, ctx) => {
      const seconds = parseDuration(input);
      if (seconds === null) {
        ctx.addIssue({ code: "custom", message: 'expected whole seconds or a duration like "30s", "5m", "2h", "1d", "1h30m"' });
        return z.NEVER;
      }
      if (seconds < minSeconds || seconds > maxSeconds) {
        ctx.addIssue({ code: "custom", message: `must be ${range}` });
        return z.NEVER;
      }
      return seconds;
    })
    .meta(described);
}

/** How many channels one monitor (or one escalation step) may name. */
export const MAX_CHANNELS_PER_LIST = 20;

/** A name where an id belongs is the common mistake: say where ids come from, and who takes names. */
const NOT_A_CHANNEL_ID =
  "not a channel id: use the channel's id (chn_…, as GET /api/v1/channels lists it); the CLI's --channel and a monitors-as-code file take channel names";

export const channelIdList = z
  .array(z.string().regex(idPattern("chn"), NOT_A_CHANNEL_ID))
  .max(MAX_CHANNELS_PER_LIST)
  .refine((ids) => new Set(ids).size === ids.length, "channel ids must be unique");

export const pageQuery = {
  cursor: z.string().max(200).optional().meta({ description: "`next_cursor` of the previous page." }),
  limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: "Items per page." }),
};

export const listQuery = z.strictObject(pageQuery);
