import { z } from "zod";

/** A time as the API writes it: ISO 8601 in UTC with milliseconds. */
export const Timestamp = z.iso.datetime().meta({ examples: ["2026-01-31T02:00:00.000Z"] });
export const NullableTimestamp = Timestamp.nullable();

/** Whole seconds, as every duration is shown (they may be sent as "30s", "5m"...). */
export const Seconds = z.number().int().min(0).meta({ description: "Seconds." });
