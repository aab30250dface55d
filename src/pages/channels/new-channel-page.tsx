/** `/app/channels/new`: pick a kind (links, no script needed), then its form, generated from the registry. */
import type { FC } from "hono/jsx";
import type { Session } from "../../services/sessions";
import type { FieldErrors } from "../admin-parts";
import { ChannelForm } from "./channel-form";

export interface NewChannelProps {
  session: Session;
  writable: boolean;
  types: string[];
  type: string | null;
  values: Record<string, string>;
  errors: FieldErrors;
}

export const NewChannelPage: FC<NewChannelProps> = (props) => (
  <>
    <p>
      <a href="/app/channels">← Channels</a>
    </p>
    <h1>New channel</h1>
    {!props.writable && <p class="notice bad">This session is read-only: sign in with a write key to add channels.</p>}
    <nav aria-label="Channel kinds">
      <p>Kind:</p>
      <ul class="kinds">
        {props.types.map((type) => (
          <li>
            <a href={`/app/channels/new?type=${type}`} aria-current={type === props.type ? "page" : undefined}>
              {type}
            </a>
          </li>
        ))}
      </ul>
    </nav>
    {props.errors.size > 0 && (
      <p class="notice bad" role="status">
        Not created: see the errors below.
      </p>
    )}
    {props.type && props.writable && (
      <section aria-labelledby="new-channel-form">
        <h2 id="new-channel-form">A new {props.type} channel</h2>
        <ChannelForm
          session={props.session}
          type={props.type}
          action="/app/channels"
          values={props.values}
          errors={props.errors}
          editing={false}
          submitLabel="Create channel"
        />
      </section>
    )}
  </>
);
