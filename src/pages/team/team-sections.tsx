/** The team page's sections below the keys: default channels, maintenance windows, badges, status page. */
import type { FC } from "hono/jsx";
import type { z } from "zod";
import type { MaintenanceWindowView } from "../../api/monitors";
import type { TeamView } from "../../api/team";
import type { ChannelRecord } from "../../db/channels";
import { formatDuration } from "../../domain/duration";
import type { Session } from "../../services/sessions";
import { FieldError, type FieldErrors } from "../admin-parts";
import { CsrfField } from "../layout";

type Team = z.input<typeof TeamView>;
type Window = z.input<typeof MaintenanceWindowView>;

/** Which form a failed POST came from, its errors by field and the values to show again. */
export interface FormState {
  form: "key" | "maintenance" | "status-page" | "default-channels";
  errors: FieldErrors;
  values: Record<string, string>;
}

export interface SectionProps {
  team: Team;
  session: Session;
  writable: boolean;
  failed: FormState | null;
}

export const errorsOf = (failed: FormState | null, form: FormState["form"]): FieldErrors =>
  failed?.form === form ? failed.errors : new Map();
export const typedValue = (failed: FormState | null, form: FormState["form"], name: string) =>
  failed?.form === form ? failed.values[name] : undefined;

export const DefaultChannels: FC<SectionProps & { channels: ChannelRecord[] }> = ({ team, session, writable, failed, channels }) => {
  const chosen = new Set(team.default_channels ?? []);
  const errors = errorsOf(failed, "default-channels");
  return (
    <section aria-labelledby="default-channels">
      <h2 id="default-channels">Default channels</h2>
      <p class="muted">Channels of a monitor created without channels (through the API, a form, or a ping with ?create=1).</p>
      <form method="post" action="/app/team/default-channels">
        <CsrfField session={session} />
        <fieldset disabled={!writable}>
          <legend>New monitors notify</legend>
          <div class="check">
            <input type="radio" id="dc-all" name="default_channels_mode" value="all" checked={team.default_channels === null} />
            <label for="dc-all">every channel of the team</label>
          </div>
          <div class="check">
            <input type="radio" id="dc-chosen" name="default_channels_mode" value="chosen" checked={team.default_channels !== null} />
            <label for="dc-chosen">only these channels:</label>
          </div>
          {channels.length === 0 && <p class="muted">The team has no channels yet.</p>}
          {channels.map((channel) => (
            <div class="check">
              <input type="checkbox" id={`dc-${channel.id}`} name="default_channels" value={channel.id} checked={chosen.has(channel.id)} />
              <label for={`dc-${channel.id}`}>
                {channel.name} <span class="muted">({channel.type})</span>
              </label>
            </div>
          ))}
          <FieldError id="default-channels-error" field="default_channels" errors={errors} />
          {writable && <button type="submit">Save default channels</button>}
        </fieldset>
      </form>
    </section>
  );
};

const windowWords = (w: Window): string =>
  "starts_at" in w
    ? `Once, from ${w.starts_at} to ${w.ends_at}`
    : `From each "${w.cron}" (${w.timezone}), for ${formatDuration(w.duration)}`;

const WindowForm: FC<SectionProps> = ({ session, failed }) => {
  const errors = errorsOf(failed, "maintenance");
  const v = (name: string) => typedValue(failed, "maintenance", name);
  const field = (name: string, label: string, hint: string) => (
    <>
      <label for={`mw-${name}`}>
        {label} <span class="hint">{hint}</span>
      </label>
      <input type="text" id={`mw-${name}`} name={name} value={v(name)} aria-describedby={`mw-${name}-error`} />
      <FieldError id={`mw-${name}-error`} field={name} errors={errors} />
    </>
  );
  return (
    <form method="post" action="/app/team/maintenance">
      <CsrfField session={session} />
      <fieldset>
        <legend>Add a window</legend>
        <div class="check">
          <input type="radio" id="mw-once" name="kind" value="once" checked={v("kind") !== "recurring"} />
          <label for="mw-once">once (start and end)</label>
        </div>
        <div class="check">
          <input type="radio" id="mw-recurring" name="kind" value="recurring" checked={v("kind") === "recurring"} />
          <label for="mw-recurring">recurring (cron, time zone, duration)</label>
        </div>
        {field("starts_at", "Starts at", "ISO 8601 with an offset, e.g. 2026-03-01T22:00:00Z")}
        {field("ends_at", "Ends at", "ISO 8601 with an offset")}
        {field("cron", "Cron", "when each window starts, e.g. 0 3 * * 0")}
        {field("timezone", "Time zone", "IANA name, e.g. Europe/Berlin; UTC when empty")}
        {field("duration", "Duration", "e.g. 1h, 30m, 2h30m")}
        <FieldError id="mw-error" field="maintenance" errors={errors} />
        <button type="submit">Add window</button>
      </fieldset>
    </form>
  );
};

export const MaintenanceWindows: FC<SectionProps> = (props) => (
  <section aria-labelledby="maintenance">
    <h2 id="maintenance">Maintenance windows</h2>
    <p class="muted">While a window is active, misses and failures of every monitor of the team are recorded but open no alert.</p>
    {props.team.maintenance.length === 0 ? (
      <p class="muted">No team windows.</p>
    ) : (
      <ul class="windows">
        {props.team.maintenance.map((w, index) => (
          <li>
            {windowWords(w)}{" "}
            {props.writable && (
              <form method="post" action={`/app/team/maintenance/${index}/delete`} class="inline-form">
                <CsrfField session={props.session} />
                <button type="submit" class="danger" aria-label={`Remove window ${index + 1}`}>
                  Remove
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    )}
    {props.writable && <WindowForm {...props} />}
  </section>
);

const LIMIT_ROWS = [
  ["Monitors", "monitors"],
  ["Channels", "channels"],
  ["Live API keys", "api_keys"],
] as const;

/** The team's limits and what it uses of them (GET /api/v1/team's `limits` and `usage`); only the administrator changes them. */
export const Limits: FC<SectionProps> = ({ team }) => (
  <section aria-labelledby="limits">
    <h2 id="limits">Limits</h2>
    <p class="muted">
      Set by the administrator (the admin token: <code>PATCH /api/v1/teams/{team.id}</code> with <code>limits</code>). A create past one is
      refused and creates nothing.
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">Used</th>
          <th scope="col">Limit</th>
        </tr>
      </thead>
      <tbody>
        {LIMIT_ROWS.map(([label, name]) => (
          <tr>
            <th scope="row">{label}</th>
            <td>{team.usage[name]}</td>
            <td>{team.limits[name]}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Pings kept per monitor</th>
          <td class="muted">per monitor</td>
          <td>up to {team.limits.ping_log_size}</td>
        </tr>
      </tbody>
    </table>
  </section>
);
