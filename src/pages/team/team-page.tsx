/** `/app/team`: the team's API keys, default channels, maintenance windows, badges and status page. */
import type { FC } from "hono/jsx";
import type { z } from "zod";
import type { KeyView, NewKeyView } from "../../api/keys";
import type { ChannelRecord } from "../../db/channels";
import { DataTable, FieldError, Notice, Time } from "../admin-parts";
import { CsrfField } from "../layout";
import { Badges, StatusPage } from "./team-public";
import { DefaultChannels, MaintenanceWindows, type SectionProps } from "./team-sections";

type Key = z.input<typeof KeyView>;

export interface TeamPageProps extends SectionProps {
  keys: Key[];
  channels: ChannelRecord[];
  /** A key just created: shown this once. */
  newKey: z.input<typeof NewKeyView> | null;
  notice: string | null;
}

const KeyRow: FC<{ apiKey: Key; props: TeamPageProps }> = ({ apiKey, props }) => (
  <tr>
    <td>{apiKey.name}</td>
    <td>{apiKey.scope}</td>
    <td>
      <code>lbd_{apiKey.prefix}…</code>
    </td>
    <td>
      <Time at={Date.parse(apiKey.created_at)} />
    </td>
    <td>{apiKey.last_used_at ? <Time at={Date.parse(apiKey.last_used_at)} /> : <span class="muted">never</span>}</td>
    <td>
      {apiKey.revoked_at ? (
        <span class="muted">revoked</span>
      ) : props.writable ? (
        <form method="post" action={`/app/team/keys/${apiKey.id}/revoke`} class="inline-form">
          <CsrfField session={props.session} />
          <button type="submit" class="danger" aria-label={`Revoke key ${apiKey.name}`}>
            Revoke
          </button>
        </form>
      ) : (
        "active"
      )}
    </td>
  </tr>
);

const NewKeyForm: FC<TeamPageProps> = ({ session, failed }) => {
  const errors = failed?.form === "key" ? failed.errors : new Map();
  return (
    <form method="post" action="/app/team/keys">
      <CsrfField session={session} />
      <fieldset>
        <legend>Create an API key</legend>
        <label for="key-name">Name</label>
        <input
          type="text"
          id="key-name"
          name="name"
          required
          value={failed?.form === "key" ? failed.values.name : undefined}
          aria-describedby="key-name-error"
        />
        <FieldError id="key-name-error" field="name" errors={errors} />
        <label for="key-scope">Scope</label>
        <select id="key-scope" name="scope">
          <option value="read">read: sees everything, changes nothing</option>
          <option value="write">write: everything in the team</option>
        </select>
        <FieldError id="key-scope-error" field="scope" errors={errors} />
        <div class="actions">
          <button type="submit" class="primary">
            Create key
          </button>
        </div>
      </fieldset>
    </form>
  );
};

const Keys: FC<TeamPageProps> = (props) => (
  <section aria-labelledby="api-keys">
    <h2 id="api-keys">API keys</h2>
    {props.newKey && (
      <div class="notice" role="status">
        <p>
          New {props.newKey.scope} key “{props.newKey.name}”. Copy it now: it is shown this once, only its hash is kept.
        </p>
        <code class="secret-once" id="new-key">
          {props.newKey.key}
        </code>
      </div>
    )}
    <DataTable columns={["Name", "Scope", "Key", "Created", "Last used", "State"]}>
      {props.keys.map((apiKey) => (
        <KeyRow apiKey={apiKey} props={props} />
      ))}
    </DataTable>
    {props.keys.length === 0 && <p class="muted">No API keys yet.</p>}
    {props.writable && <NewKeyForm {...props} />}
  </section>
);

export const TeamPage: FC<TeamPageProps> = (props) => (
  <>
    <h1>Team {props.team.name}</h1>
    <p class="muted">
      <code>{props.team.id}</code>
      {props.session.scope === "super" && (
        <>
          {" "}
          · signed in with the admin token, acting on this team: <a href="/app/switch-team">Switch team</a>
        </>
      )}
      {!props.writable && " · read-only: sign in with a write key to change these settings"}
    </p>
    <Notice text={props.notice} />
    {props.failed && <Notice text="Not saved: see the errors below." bad />}
    <Keys {...props} />
    <DefaultChannels {...props} />
    <MaintenanceWindows {...props} />
    <Badges {...props} />
    <StatusPage {...props} />
  </>
);
