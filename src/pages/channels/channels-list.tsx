/** `/app/channels`: every channel of the team with its state and its last delivery's result. */
import type { FC } from "hono/jsx";
import type { z } from "zod";
import type { ChannelView } from "../../api/channels";
import type { DeliveryView } from "../../api/deliveries";
import type { Session } from "../../services/sessions";
import { DataTable, Notice, Time } from "../admin-parts";
import { CsrfField } from "../layout";

type Channel = z.input<typeof ChannelView>;
type Delivery = z.input<typeof DeliveryView>;

export const ChannelState: FC<{ channel: Channel }> = ({ channel }) =>
  channel.status === "ok" ? (
    <span class="channel-ok">ok</span>
  ) : (
    <span class="channel-failing">failing{channel.failing_reason ? `: ${channel.failing_reason}` : ""}</span>
  );

/** The receiver's last answer: the error as recorded (it names the status), else the status. */
export function lastAnswer(d: Pick<Delivery, "last_error" | "last_status_code" | "attempts">): string {
  if (d.last_error) return d.last_error;
  if (d.last_status_code !== null) return `HTTP ${d.last_status_code}`;
  return d.attempts === 0 ? "not sent yet" : "no answer";
}

/** What the receiver last answered, in words. */
export function deliveryResult(d: Delivery): string {
  return `${d.status} (${lastAnswer(d)}), ${d.attempts} ${d.attempts === 1 ? "attempt" : "attempts"}`;
}

export interface ChannelsListProps {
  session: Session;
  writable: boolean;
  channels: Channel[];
  last: Map<string, Delivery>;
  notice: string | null;
}

const Row: FC<{ channel: Channel; last: Delivery | undefined; props: ChannelsListProps }> = ({ channel, last, props }) => (
  <tr>
    <td>
      <a href={`/app/channels/${channel.id}`}>{channel.name}</a>
    </td>
    <td>{channel.type}</td>
    <td>
      <ChannelState channel={channel} />
    </td>
    <td>
      {last ? (
        <>
          <Time at={Date.parse(last.updated_at)} />: {deliveryResult(last)}
        </>
      ) : (
        <span class="muted">none yet</span>
      )}
    </td>
    <td>
      {props.writable && (
        <form method="post" action={`/app/channels/${channel.id}/test`} class="inline-form">
          <CsrfField session={props.session} />
          <button type="submit" aria-label={`Send test to ${channel.name}`}>
            Send test
          </button>
        </form>
      )}
    </td>
  </tr>
);

export const ChannelsList: FC<ChannelsListProps> = (props) => (
  <>
    <h1>Channels</h1>
    <Notice text={props.notice} />
    {props.writable && (
      <p>
        <a class="button primary" href="/app/channels/new">
          New channel
        </a>
      </p>
    )}
    {props.channels.length === 0 ? (
      <p class="muted">No channels yet: alerts have nowhere to go.</p>
    ) : (
      <DataTable columns={["Name", "Type", "State", "Last delivery", { label: "Actions", hidden: true }]}>
        {props.channels.map((channel) => (
          <Row channel={channel} last={props.last.get(channel.id)} props={props} />
        ))}
      </DataTable>
    )}
  </>
);
