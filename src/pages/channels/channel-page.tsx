/** `/app/channels/:id`: a channel's state, a test send and its answer, the edit form, its deliveries, delete. */
import type { FC } from "hono/jsx";
import type { z } from "zod";
import type { ChannelTestResult, ChannelView } from "../../api/channels";
import type { DeliveryView } from "../../api/deliveries";
import type { Session } from "../../services/sessions";
import { type FieldErrors, Notice, Time } from "../admin-parts";
import { CsrfField } from "../layout";
import { ChannelForm } from "./channel-form";
import { ChannelState, deliveryResult } from "./channels-list";

export interface ChannelPageProps {
  session: Session;
  writable: boolean;
  channel: z.input<typeof ChannelView>;
  /** The form's values: the stored ones, or what was typed before an error. */
  values: Record<string, string>;
  errors: FieldErrors;
  deliveries: z.input<typeof DeliveryView>[];
  test: z.input<typeof ChannelTestResult> | null;
  notice: string | null;
  /** Just created: the configuration in full, secrets included, shown this once. */
  revealed: Record<string, unknown> | null;
}

const TestResult: FC<{ test: z.input<typeof ChannelTestResult> }> = ({ test }) => (
  <div class={test.ok ? "notice test-result" : "notice bad test-result"} role="status">
    <p>
      <strong>{test.ok ? "Test message delivered" : "Test message not delivered"}</strong>:{" "}
      {test.status_code !== null ? `the receiver answered HTTP ${test.status_code}` : "no answer"}
      {test.error ? ` (${test.error})` : ""}.
    </p>
    {test.body_excerpt && <pre class="snippet">{test.body_excerpt}</pre>}
  </div>
);

const Deliveries: FC<ChannelPageProps> = ({ deliveries, session, writable, channel }) => (
  <section aria-labelledby="channel-deliveries">
    <h2 id="channel-deliveries">Recent deliveries</h2>
    {deliveries.length === 0 ? (
      <p class="muted">None yet.</p>
    ) : (
      <ul class="deliveries">
        {deliveries.map((d) => (
          <li>
            <Time at={Date.parse(d.created_at)} /> · {d.event_type} of <a href={`/app/monitors/${d.monitor_id}`}>its monitor</a> ·{" "}
            <span class={`delivery delivery-${d.status}`}>{deliveryResult(d)}</span>
            {writable && d.status !== "pending" && (
              <form method="post" action={`/app/channels/${channel.id}/deliveries/${d.id}/retry`} class="inline-form">
                {" "}
                <CsrfField session={session} />
                <button type="submit">Retry</button>
              </form>
            )}
          </li>
        ))}
      </ul>
    )}
  </section>
);

const Actions: FC<ChannelPageProps> = ({ channel, session }) => (
  <>
    <form method="post" action={`/app/channels/${channel.id}/test`}>
      <CsrfField session={session} />
      <button type="submit">Send test</button>
    </form>
    <section aria-labelledby="delete-channel">
      <h2 id="delete-channel">Delete</h2>
      <form method="post" action={`/app/channels/${channel.id}/delete`}>
        <CsrfField session={session} />
        <div class="check">
          <input type="checkbox" id="confirm-delete" name="confirm" value="yes" required />
          <label for="confirm-delete">Yes, delete this channel: monitors that name it stop naming it.</label>
        </div>
        <button type="submit" class="danger">
          Delete channel
        </button>
      </form>
    </section>
  </>
);

export const ChannelPage: FC<ChannelPageProps> = (props) => (
  <>
    <p>
      <a href="/app/channels">← Channels</a>
    </p>
    <h1>{props.channel.name}</h1>
    <p>
      {props.channel.type} · <ChannelState channel={props.channel} />
    </p>
    <Notice text={props.notice} />
    {props.errors.size > 0 && <Notice text="Not saved: see the errors below." bad />}
    {props.revealed && (
      <div class="notice" role="status">
        <p>Channel created. Its settings in full, secrets included, are shown this once:</p>
        <pre class="snippet" id="revealed-config">
          {JSON.stringify(props.revealed, null, 2)}
        </pre>
      </div>
    )}
    {props.test && <TestResult test={props.test} />}
    {props.writable && <Actions {...props} />}
    {props.writable && (
      <section aria-labelledby="edit-channel">
        <h2 id="edit-channel">Edit</h2>
        <ChannelForm
          session={props.session}
          type={props.channel.type}
          action={`/app/channels/${props.channel.id}`}
          values={props.values}
          errors={props.errors}
          editing
          submitLabel="Save channel"
        />
      </section>
    )}
    <Deliveries {...props} />
  </>
);
