import { z } from "zod";
import { monitorFields, ONE_SCHEDULE, SOME_SCHEDULE } from "./monitor";

/** A query string has no numbers: whole seconds come as digits ("300"), read as the number the body would carry. */
const queryDuration = (field: typeof monitorFields.interval) =>
  z
    .string()
    .transform((text) => (/^\d+$/.test(text) ? Number(text) : text))
    .pipe(field);

/**
 * `GET /schedule-preview`: the schedule fields of a monitor, named and checked as the monitor's own (so a bad
 * cron or zone is refused with the message a create would give), plus the viewer's zone.
 */
export const schedulePreviewQuery = z
  .strictObject({
    interval: queryDuration(monitorFields.interval)
      .optional()
      .meta({ description: 'How often a ping is expected, instead of `schedule`: whole seconds ("300") or a duration ("5m").' }),
    schedule: monitorFields.schedule.optional(),
    timezone: monitorFields.timezone.default("UTC"),
    grace: queryDuration(monitorFields.grace)
      .optional()
      .meta({ description: "The monitor's grace, for the warning that it outlasts the time between pings." }),
    viewer_timezone: monitorFields.timezone
      .optional()
      .meta({ description: "The viewer's IANA time zone: each next time is also given in it.", examples: ["America/New_York"] }),
  })
  .refine(...ONE_SCHEDULE)
  .refine(...SOME_SCHEDULE);
export type SchedulePreviewQuery = z.output<typeof schedulePreviewQuery>;
