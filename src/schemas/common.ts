import { z } from "zod";
import { parseDuration } from "../domain/duration";
import { idPattern } from "../ids";

export const DAY = 86_400;

/** Seconds as an integer, or "30s" / "5m" / "2h" / "1d"; always seconds after parsing. */
export function duration(minSeconds: number, maxSeconds: number, what?: string) {
  const range = `between ${minSeconds}s and ${maxSeconds / DAY}d`;
  const described = {
    description: `${what ? `${what}. ` : ""}A duration ${range}: whole seconds as a number (300), or a string of digits and a unit, s, m, h or d ("30s", "5m", "2h", "1d"). Always shown back as seconds.`,
    examples: ["5m", 300],
  };
  return z
    .union([z.number(), z.string()])
    .meta(described)
    .transform((input, ctx) => {
      const seconds = parseDuration(input);
      if (seconds === null) {
        ctx.addIssue({ code: "custom", message: 'expected whole seconds or a duration like "30s", "5m", "2h", "1d"' });
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

export const channelIdList = z
  .array(z.string().regex(idPattern("chn"), "not a channel id"))
  .max(MAX_CHANNELS_PER_LIST)
  .refine((ids) => new Set(ids).size === ids.length, "channel ids must be unique");

export const pageQuery = {
  cursor: z.string().max(200).optional().meta({ description: "`next_cursor` of the previous page." }),
  limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: "Items per page." }),
};

export const listQuery = z.strictObject(pageQuery);
