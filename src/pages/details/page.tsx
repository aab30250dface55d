/** GET /app/monitors/:id: one monitor, its URLs and snippets, its history and its event log. */
import type { FC } from "hono/jsx";
import { scheduleWords } from "../../domain/schedule-words";
import type { Session } from "../../services/sessions";
import { DurationChart, timedRuns } from "../charts/durations";
import { StatusTimeline, type TimelineRange } from "../charts/timeline";
import { CsrfField } from "../layout";
import { canWrite } from "../session-middleware";
import { unitWords } from "../snippet-schedule";
import { snippetsFor } from "../snippets";
import { EventLog } from "./event-log";
import { type DetailsData, detailsVersion } from "./load";
import { MonthlyTable, RangeSwitch, Snippets, UptimeSummary, UrlRow, ZoneSwitch } from "./sections";
import { statusSentence } from "./status-sentence";

export interface DetailsView {
  range: TimelineRange;
  timeZone: string;
  origin: string;
  now: number;
}

const Actions: FC<{ data: DetailsData; session: Session }> = ({ data, session }) => {
  const id = data.record.config.id;
  const paused = data.snapshot.state.status === "paused";
  return (
    <div class="actions" id="monitor-actions">
      <a class="button" href={`/app/monitors/${id}/edit`} id="edit-monitor">
        Edit
      </a>
      <form method="post" action={`/app/monitors/${id}/${paused ? "resume" : "pause"}`}>
        <CsrfField session={session} />
        <button type="submit" id={paused ? "resume-monitor" : "pause-monitor"}>
          {paused ? "Resume" : "Pause"}
        </button>
      </form>
      <a class="button danger" href={`/app/monitors/${id}/delete`} id="delete-monitor">
        Delete…
      </a>
    </div>
  );
};

/** The ping URL, the slug URL and the snippets: only for a session that may ping (as the API's ping_url). */
const Urls: FC<{ data: DetailsData; origin: string }> = ({ data, origin }) => {
  const { config } = data.snapshot;
  const pingUrl = `${origin}/ping/${config.pingToken}`;
  const slugUrl = config.slug ? `${origin}/ping/${data.team.pingKey}/${config.slug}` : null;
  return (
    <section aria-labelledby="urls-heading">
      <h2 id="urls-heading">Ping URLs</h2>
      <UrlRow
        id="ping-url"
        label="Ping URL"
        url={pingUrl}
        hint="Add /start, /fail, /log or /<exit code>; POST a body to keep it in the log."
      />
      {slugUrl && <UrlRow id="slug-url" label="Slug URL" url={slugUrl} hint="The team's ping key and this monitor's slug." />}
      <h2>Snippets</h2>
      <Snippets snippets={snippetsFor({ name: config.name, pingUrl, slugUrl, schedule: config.schedule })} />
    </section>
  );
};

export const DetailsPage: FC<{ data: DetailsData; view: DetailsView; session: Session }> = ({ data, view, session }) => {
  const { config, state } = data.snapshot;
  const base = `/app/monitors/${config.id}`;
  const params = { range: view.range, tz: view.timeZone };
  const monitorZone = config.schedule.kind === "cron" ? config.schedule.timezone : null;
  const months = data.months.filter((m) => m.end > config.createdAt);
  // data-live parts are swapped in by the live-details script when the version moves (see its file).
  return (
    <div id="details" data-version={detailsVersion(data.record, data.snapshot)} data-version-url={`${base}/version`}>
      <h1 id="details-title" data-live>
        {config.name} <span class={`status status-${state.status}`}>{state.status}</span>
      </h1>
      <p class="status-sentence" id="status-sentence" data-live>
        {statusSentence(state, view.now, view.timeZone)}
      </p>
      <p class="muted">
        {`${scheduleWords(config.schedule)}, ${config.grace === 0 ? "no grace" : `grace ${unitWords(config.grace)}`}`}
        {config.tags.length > 0 && ` · tags: ${config.tags.join(", ")}`}
      </p>
      {canWrite(session) ? (
        <Actions data={data} session={session} />
      ) : (
        <p class="muted">Read-only session: the ping URL and the actions are hidden.</p>
      )}
      {canWrite(session) && <Urls data={data} origin={view.origin} />}
      <section id="history" aria-labelledby="history-heading" data-live>
        <h2 id="history-heading">History</h2>
        <RangeSwitch base={base} params={params} current={view.range} />
        <StatusTimeline segments={data.segments} range={view.range} to={view.now} timeZone={view.timeZone} />
        <UptimeSummary days={data.rangeUptime} range={view.range} timeZone={view.timeZone} />
        <h3>Downtime per month</h3>
        <MonthlyTable months={months} timeZone={view.timeZone} />
        <h3>Run durations</h3>
        <DurationChart runs={timedRuns(data.pings)} timeZone={view.timeZone} />
      </section>
      <section id="events" aria-labelledby="events-heading">
        <h2 id="events-heading">Events</h2>
        <ZoneSwitch base={base} params={params} current={view.timeZone} monitorZone={monitorZone} />
        <div id="event-log-live" data-live>
          <EventLog events={data.events} timeZone={view.timeZone} bodyBase={`${base}/pings`} />
        </div>
      </section>
    </div>
  );
};
