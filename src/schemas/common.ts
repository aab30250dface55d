import { z } from "zod";
import { parseDuration } from "../domain/duration";

export const DAY = 86_400;

/** Seconds as an integer, or "30s" / "5m" / "2h" / "1d"; always seconds after parsing. */
export function duration(minSeconds: number, maxSeconds: number) {
  const range = `between ${minSeconds}s and ${maxSeconds / DAY}d`;
  return z.union([z.number(), z.string()]).transform((input, ctx) => {
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
  });
}

/** How many channels one monitor (or one escalation step) may name. */
export const MAX_CHANNELS_PER_LIST = 20;

export const channelIdList = z
  .array(z.string().regex(/^chn_[a-z2-7]{26}$/, "not a channel id"))
  .max(MAX_CHANNELS_PER_LIST)
  .refine((ids) => new Set(ids).size === ids.length, "channel ids must be unique");

export const pageQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
};

export const listQuery = z.strictObject(pageQuery);
