import type { FC } from "hono/jsx";
import { ChannelChoice, type ChannelOption, FieldError, type FormState, TextField } from "./fields";
import { BLANK_ROWS, ESCALATION_FIELDS, rowCount, rowField, WINDOW_FIELDS } from "./values";

/** Rows shown for a list: the ones the form holds, plus a blank one to add (no script needed: save to get another). */
export const rowsShown = (form: FormState["values"], name: "escalation" | "maintenance") => rowCount(form, name) + BLANK_ROWS;

const indexes = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Escalation steps: each fires if the alert is still open `after` it opened. */
export const EscalationRows: FC<{ form: FormState; channels: ChannelOption[] }> = ({ form, channels }) => (
  <fieldset class="rows" id="f-escalation">
    <legend>Escalation steps (instead of the channels above)</legend>
    <p class="hint">Each step notifies its channels if the alert is still open that long after it opened. Leave a row empty to drop it.</p>
    <FieldError form={form} name="escalation" />
    {indexes(rowsShown(form.values, "escalation")).map((i) => (
      <div class="row">
        <TextField form={form} name={rowField("escalation", i, "after")} label={`Step ${i + 1}: after`} placeholder="10m" />
        <ChannelChoice form={form} name={rowField("escalation", i, "channels")} legend={`Step ${i + 1}: channels`} channels={channels} />
      </div>
    ))}
  </fieldset>
);

/** Maintenance windows: once (start and end) or recurring (cron, zone, duration). */
export const MaintenanceRows: FC<{ form: FormState }> = ({ form }) => (
  <fieldset class="rows" id="f-maintenance">
    <legend>Maintenance windows</legend>
    <p class="hint">
      While a window is open, misses and failures open no alert. Once: a start and an end (ISO 8601 with an offset, such as
      2026-03-01T22:00:00Z). Recurring: a cron expression, its time zone and how long each lasts. Leave a row empty to drop it.
    </p>
    <FieldError form={form} name="maintenance" />
    {indexes(rowsShown(form.values, "maintenance")).map((i) => {
      const name = (field: string) => rowField("maintenance", i, field);
      return (
        <div class="row">
          <TextField form={form} name={name("starts_at")} label={`Window ${i + 1}: starts at`} placeholder="2026-03-01T22:00:00Z" />
          <TextField form={form} name={name("ends_at")} label={`Window ${i + 1}: ends at`} placeholder="2026-03-02T02:00:00Z" />
          <TextField form={form} name={name("cron")} label={`Window ${i + 1}: or every (cron)`} placeholder="0 3 * * 0" />
          <TextField form={form} name={name("timezone")} label={`Window ${i + 1}: time zone`} placeholder="UTC" list="timezones" />
          <TextField form={form} name={name("duration")} label={`Window ${i + 1}: lasting`} placeholder="1h" />
        </div>
      );
    })}
  </fieldset>
);

const TOP_FIELDS = [
  "name",
  "slug",
  "tags",
  "summary",
  "location",
  "schedule_kind",
  "interval",
  "schedule",
  "timezone",
  "grace",
  "max_runtime",
  "failure_threshold",
  "recovery_threshold",
  "channels",
  "escalation",
  "remind_every",
  "manual_resume",
  "enabled",
  "maintenance",
];

/** Every input name the form shows, for errorsByField: an error of any other path is shown above the form. */
export function shownFields(values: FormState["values"]): Set<string> {
  const names = new Set(TOP_FIELDS);
  for (let i = 0; i < rowsShown(values, "escalation"); i++) for (const f of ESCALATION_FIELDS) names.add(rowField("escalation", i, f));
  for (let i = 0; i < rowsShown(values, "maintenance"); i++) for (const f of WINDOW_FIELDS) names.add(rowField("maintenance", i, f));
  return names;
}
