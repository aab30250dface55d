/** The details page's parts: URLs with copy buttons, snippets, the range and zone switches, uptime. */

import type { FC } from "hono/jsx";
import type { UptimePeriod } from "../../domain/uptime";
import { DataTable } from "../admin-parts";
import { TIMELINE_RANGES, type TimelineRange } from "../charts/timeline";
import type { Snippet } from "../snippets";
import { formatInstant, formatSpan } from "./time-words";

/** A button the copy script shows and wires (hidden without JS: the text stays selectable). */
export const CopyButton: FC<{ target: string; label: string }> = ({ target, label }) => (
  <button type="button" class="copy" data-copy={target} aria-label={label} hidden>
    Copy
  </button>
);

export const UrlRow: FC<{ id: string; label: string; url: string; hint: string }> = (props) => (
  <div class="url-row">
    <span class="url-label">{props.label}</span>
    <code class="url" id={props.id}>
      {props.url}
    </code>
    <CopyButton target={props.id} label={`Copy the ${props.label.toLowerCase()}`} />
    <span class="hint">{props.hint}</span>
  </div>
);

export const Snippets: FC<{ snippets: readonly Snippet[] }> = ({ snippets }) => (
  <div class="snippets" id="snippets">
    {snippets.map((s) => (
      <details class="snippet" id={`snippet-${s.id}`}>
        <summary>{s.title}</summary>
        <pre>
          <code id={`snippet-${s.id}-code`} class={`language-${s.language}`}>
            {s.code}
          </code>
        </pre>
        <CopyButton target={`snippet-${s.id}-code`} label={`Copy the ${s.title} snippet`} />
      </details>
    ))}
  </div>
);

/** The page's own URL with one query parameter changed (the others kept). */
export const withParam = (base: string, params: Record<string, string>, key: string, value: string): string =>
  `${base}?${new URLSearchParams({ ...params, [key]: value })}`;

export const RangeSwitch: FC<{ base: string; params: Record<string, string>; current: TimelineRange }> = (props) => (
  <nav class="switch" aria-label="Timeline range">
    {(Object.keys(TIMELINE_RANGES) as TimelineRange[]).map((range) => (
      <a
        href={`${withParam(props.base, props.params, "range", range)}#history`}
        aria-current={range === props.current ? "true" : undefined}
      >
        {range}
      </a>
    ))}
  </nav>
);

/** UTC, the monitor's zone (cron schedules) and the viewer's (its link filled in by the tz script). */
export const ZoneSwitch: FC<{ base: string; params: Record<string, string>; current: string; monitorZone: string | null }> = (props) => {
  const link = (tz: string, label: string) => (
    <a href={`${withParam(props.base, props.params, "tz", tz)}#events`} aria-current={tz === props.current ? "true" : undefined}>
      {label}
    </a>
  );
  return (
    <nav class="switch" aria-label="Time zone">
      {link("UTC", "UTC")}
      {props.monitorZone && props.monitorZone !== "UTC" && link(props.monitorZone, `${props.monitorZone} (the monitor's)`)}
      <a id="tz-viewer" href={withParam(props.base, props.params, "tz", "UTC")} data-base={props.base} hidden>
        Your zone
      </a>
      {props.current !== "UTC" && props.current !== props.monitorZone && <span aria-current="true">{props.current}</span>}
    </nav>
  );
};

const percent = (p: UptimePeriod[]) => {
  const monitored = p.reduce((s, x) => s + x.monitoredMs, 0);
  const down = p.reduce((s, x) => s + x.downMs, 0);
  return monitored === 0 ? null : { value: ((monitored - down) / monitored) * 100, monitored, down };
};

/** "99.93 %": two decimals, never rounded up to 100 while any time was down. */
export function formatPercent(value: number, anyDown: boolean): string {
  const floored = Math.floor(value * 100) / 100;
  return `${anyDown && floored >= 100 ? "99.99" : floored.toFixed(2)} %`;
}

export const UptimeSummary: FC<{ days: UptimePeriod[]; range: TimelineRange; timeZone: string }> = (props) => {
  const total = percent(props.days);
  return (
    <p id="uptime">
      {total === null
        ? `No monitored time in the last ${TIMELINE_RANGES[props.range].words}.`
        : `Uptime over the last ${TIMELINE_RANGES[props.range].words} (whole days, ${props.timeZone}): ${formatPercent(total.value, total.down > 0)}, down ${formatSpan(total.down)} of ${formatSpan(total.monitored)} monitored.`}
    </p>
  );
};

export const MonthlyTable: FC<{ months: UptimePeriod[]; timeZone: string }> = ({ months, timeZone }) => (
  <DataTable
    columns={["Month", "Uptime", "Down", "Paused"]}
    class="uptime-months"
    id="uptime-months"
    caption={`Downtime per month, ${timeZone}`}
  >
    {[...months].reverse().map((m) => (
      <tr>
        <th scope="row">{formatInstant(m.start, timeZone).slice(0, 7)}</th>
        <td>{m.monitoredMs === 0 ? "not monitored" : formatPercent(((m.monitoredMs - m.downMs) / m.monitoredMs) * 100, m.downMs > 0)}</td>
        <td>{m.downMs === 0 ? "none" : formatSpan(m.downMs)}</td>
        <td>{m.pausedMs === 0 ? "" : formatSpan(m.pausedMs)}</td>
      </tr>
    ))}
  </DataTable>
);
