import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import type { Session } from "../../services/sessions";
import { CsrfField, Layout } from "../layout";
import { canWrite } from "../session-middleware";
import { ChannelChoice, type ChannelOption, CheckboxField, FieldError, type FormState, idOf, LocationField, TextField } from "./fields";
import { type PreviewResult, SchedulePreviewPanel } from "./preview";
import { EscalationRows, MaintenanceRows } from "./rows";
import { INTERVAL_UNITS, text } from "./values";

let zoneList: string | undefined;
/**
 * The zones the time-zone inputs suggest (Intl's IANA names; any other name is checked on submit), built
 * once per isolate: some 400 options. Zone names are letters, digits, "/", "_", "+" and "-": nothing to escape.
 */
const TimeZoneList: FC = () => {
  zoneList ??= `<datalist id="timezones">${["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => /^[\w+-]+\/[\w/+-]+$/.test(zone))]
    .map((zone) => `<option value="${zone}"></option>`)
    .join("")}</datalist>`;
  return raw(zoneList);
};

const ScheduleKind: FC<{ form: FormState }> = ({ form }) => {
  const kind = text(form.values, "schedule_kind") === "cron" ? "cron" : "interval";
  const option = (value: string, label: string) => (
    <span class="check">
      <input type="radio" id={idOf(`schedule_kind-${value}`)} name="schedule_kind" value={value} checked={kind === value} />
      <label for={idOf(`schedule_kind-${value}`)}>{label}</label>
    </span>
  );
  return (
    <div class="field choice" role="radiogroup" aria-label="How pings are expected">
      {option("interval", "Every so often (interval)")}
      {option("cron", "On a cron schedule")}
    </div>
  );
};

const ScheduleFields: FC<{ form: FormState; preview: PreviewResult }> = ({ form, preview }) => (
  <div class="schedule-grid">
    <fieldset id="f-schedule_kind">
      <legend>Schedule</legend>
      <ScheduleKind form={form} />
      <FieldError form={form} name="schedule_kind" />
      <TextField form={form} name="interval" label="Interval" type="number" min={1} hint="Used when the schedule is an interval.">
        <select name="interval_unit" aria-label="Interval unit">
          {INTERVAL_UNITS.map(([unit, label]) => (
            <option value={unit} selected={text(form.values, "interval_unit") === unit}>
              {label}
            </option>
          ))}
        </select>
      </TextField>
      <TextField
        form={form}
        name="schedule"
        label="Cron expression"
        placeholder="30 2 * * *"
        hint="minute hour day-of-month month day-of-week, or @daily"
      />
      <TextField form={form} name="timezone" label="Time zone" list="timezones" hint="The cron expression is read in this IANA zone." />
      <TextField
        form={form}
        name="grace"
        label="Grace"
        placeholder="1h"
        hint="How long after an expected ping the monitor is only late, not down: 30s, 5m, 1h, 1d."
      />
      <TextField
        form={form}
        name="max_runtime"
        label="Max runtime"
        placeholder="30m"
        hint="How long a run begun by /start may take; empty: the grace."
      />
    </fieldset>
    <SchedulePreviewPanel result={preview} />
  </div>
);

const AlertingFields: FC<{ form: FormState; channels: ChannelOption[] }> = ({ form, channels }) => (
  <fieldset>
    <legend>Alerting</legend>
    <TextField
      form={form}
      name="failure_threshold"
      label="Failure threshold"
      type="number"
      hint="Misses or failures in a row before the alert opens."
    />
    <TextField
      form={form}
      name="recovery_threshold"
      label="Recovery threshold"
      type="number"
      min={1}
      hint="Successes in a row before it closes."
    />
    <ChannelChoice form={form} name="channels" legend="Channels notified when an alert opens" channels={channels} />
    <EscalationRows form={form} channels={channels} />
    <TextField
      form={form}
      name="remind_every"
      label="Remind every"
      placeholder="1h"
      hint="Notify again while the alert stays open; empty: never."
    />
    <CheckboxField form={form} name="manual_resume" label="Manual resume" hint="A failure pauses the monitor until someone resumes it." />
  </fieldset>
);

export interface MonitorFormProps {
  session: Session;
  nonce: string;
  /** Null for a new monitor. */
  monitorId: string | null;
  form: FormState;
  channels: ChannelOption[];
  preview: PreviewResult;
}

const ErrorSummary: FC<{ form: FormState }> = ({ form }) =>
  form.errors.size === 0 ? null : (
    <div class="notice bad" role="alert" id="form-errors">
      <p>The monitor was not saved:</p>
      <ul>
        {[...form.errors].map(([field, messages]) => (
          <li>{field ? <a href={`#${idOf(field)}`}>{`${field}: ${messages.join("; ")}`}</a> : messages.join("; ")}</li>
        ))}
      </ul>
    </div>
  );

/** The create and edit form: fields named as the API's, each with its error, and the schedule's preview. */
export const MonitorFormPage: FC<MonitorFormProps> = ({ session, nonce, monitorId, form, channels, preview }) => {
  const title = monitorId ? `Edit ${text(form.values, "name")}` : "New monitor";
  return (
    <Layout title={title} nonce={nonce} session={session} active="monitors" scripts={["schedule-preview"]}>
      <h1>{title}</h1>
      {!canWrite(session) && (
        <p class="notice">This session is read-only: the form shows the settings, and the server refuses to save them.</p>
      )}
      <ErrorSummary form={form} />
      <form method="post" action={monitorId ? `/app/monitors/${monitorId}` : "/app/monitors"} class="monitor-form" data-preview="">
        <CsrfField session={session} />
        <input type="hidden" name="viewer_timezone" value={text(form.values, "viewer_timezone")} />
        <fieldset>
          <legend>Monitor</legend>
          <TextField form={form} name="name" label="Name" required />
          <TextField
            form={form}
            name="slug"
            label="Slug"
            placeholder="nightly-backup"
            hint="Optional: pings may use /ping/<ping key>/<slug>."
          />
          <TextField form={form} name="tags" label="Tags" placeholder="backup, prod" hint="Separated by commas or spaces." />
          <TextField form={form} name="summary" label="Alert summary" hint="Optional text carried by its alerts." />
          <LocationField form={form} />
        </fieldset>
        <ScheduleFields form={form} preview={preview} />
        <AlertingFields form={form} channels={channels} />
        <MaintenanceRows form={form} />
        <CheckboxField form={form} name="enabled" label="Enabled" hint="Unchecked: paused, no alerts." />
        <div class="actions">
          <button type="submit" class="primary">
            {monitorId ? "Save changes" : "Create monitor"}
          </button>
          <a href={monitorId ? `/app/monitors/${monitorId}` : "/app/monitors"}>Cancel</a>
        </div>
        <TimeZoneList />
      </form>
    </Layout>
  );
};
