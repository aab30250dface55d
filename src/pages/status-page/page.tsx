/**
 * The public status page (/status/<key>): its own minimal page, no script and no form, for anyone with the
 * URL. It shows names, statuses in words and colour, and a 90-day strip; never a ping URL, a body or a channel.
 */

import type { BadgeState } from "../../domain/badge";
import { formatDuration } from "../../domain/duration";
import { STATUS_PAGE_DAYS, type StatusDay, type StatusPageData, type StatusPageEntry } from "../../services/status-page";
import { STATUS_PAGE_SCRIPT_PATH } from "./refresh";
import { STATUS_PAGE_CSS_PATH } from "./style";

/** The word shown with each colour, so the state is readable without it. */
export const STATE_WORDS: Record<BadgeState, string> = {
  up: "Up",
  late: "Late",
  down: "Down",
  paused: "Paused",
  new: "No data yet",
};

const DAY_WORDS = { up: "up", late: "late at times", down: "down", paused: "paused", none: "no data" } as const;
/** The strip's geometry in SVG units: one bar per day with a gap, scaled to the width by CSS. */
const BAR = 8;
const GAP = 2;
const HEIGHT = 28;

/** "99.95%": floored, so a monitor down for a moment never reads as 100% (the epsilon: 0.2 * 10000 is 1999.99…). */
export function percent(ratio: number): string {
  return `${(Math.floor(ratio * 10_000 + 1e-6) / 100).toFixed(2)}%`;
}

const dateOf = (day: StatusDay) => new Date(day.start).toISOString().slice(0, 10);

function dayLabel(day: StatusDay): string {
  if (day.state !== "down") return `${dateOf(day)}: ${DAY_WORDS[day.state]}`;
  return `${dateOf(day)}: down ${formatDuration(Math.max(1, Math.round(day.downMs / 1000)))} (${percent(1 - day.downMs / day.monitoredMs)} up)`;
}

/**
 * Days grouped in runs: consecutive days of one state are one shape with one title ("2100-01-01 to
 * 2100-01-20: up"), so a quiet quarter is a few elements rather than 90 (a page of 100 monitors stays
 * small). A down day is always its own run, with its down time.
 */
function runsOf(days: readonly StatusDay[]): { index: number; days: StatusDay[] }[] {
  const runs: { index: number; days: StatusDay[] }[] = [];
  days.forEach((day, index) => {
    const last = runs.at(-1);
    if (last && day.state !== "down" && last.days[0]?.state === day.state) last.days.push(day);
    else runs.push({ index, days: [day] });
  });
  return runs;
}

/** A run's days as one path of separate bars (one shape and one title per run, each day still a bar). */
function barsPath(first: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `M${(first + i) * (BAR + GAP)} 0h${BAR}v${HEIGHT}h-${BAR}z`).join("");
}

function runLabel(days: readonly StatusDay[]): string {
  const [first] = days;
  const last = days.at(-1);
  if (!first || !last || days.length === 1) return first ? dayLabel(first) : "";
  return `${dateOf(first)} to ${dateOf(last)}: ${DAY_WORDS[first.state]}`;
}

function stripSummary(entry: StatusPageEntry): string {
  const downDays = entry.days.filter((d) => d.state === "down").length;
  const uptime = entry.uptimeRatio === null ? "no data" : `${percent(entry.uptimeRatio)} up`;
  return `Last ${STATUS_PAGE_DAYS} days: ${uptime}, down on ${downDays} ${downDays === 1 ? "day" : "days"}`;
}

function Strip({ entry }: { entry: StatusPageEntry }) {
  const width = entry.days.length * (BAR + GAP) - GAP;
  return (
    <svg class="strip" viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={stripSummary(entry)}>
      {runsOf(entry.days).map((run) => (
        <path d={barsPath(run.index, run.days.length)} class={`day d-${run.days[0]?.state ?? "none"}`}>
          <title>{runLabel(run.days)}</title>
        </path>
      ))}
    </svg>
  );
}

function Monitor({ entry }: { entry: StatusPageEntry }) {
  return (
    <li class="monitor">
      <div class="row">
        <span class="name">{entry.name}</span>
        <span class={`state s-${entry.state}`}>
          <span class="dot" aria-hidden="true" />
          {STATE_WORDS[entry.state]}
        </span>
      </div>
      <Strip entry={entry} />
      <div class="legend">
        <span>{STATUS_PAGE_DAYS} days ago</span>
        <span>{entry.uptimeRatio === null ? "no data" : `${percent(entry.uptimeRatio)} uptime`}</span>
        <span>Today</span>
      </div>
    </li>
  );
}

/** The headline: how many are down or late, or that all are fine. */
export function overallSentence(data: StatusPageData): string {
  if (data.monitors.length === 0) return "No monitors to show yet.";
  const count = (state: BadgeState) => data.monitors.filter((m) => m.state === state).length;
  const down = count("down");
  const late = count("late");
  if (down > 0 || late > 0) return [down > 0 ? `${down} down` : "", late > 0 ? `${late} late` : ""].filter(Boolean).join(", ");
  return count("up") > 0 ? "All systems up" : STATE_WORDS[data.overall ?? "new"];
}

const FAVICON_COLOURS: Record<BadgeState, string> = { up: "#2e9d4f", late: "#d9822b", down: "#d63b2f", paused: "#8a8f98", new: "#3b7dd8" };
const favicon = (state: BadgeState | null) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="${FAVICON_COLOURS[state ?? "new"]}"/></svg>`,
  )}`;

function Head({ title, state }: { title: string; state: BadgeState | null }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width,initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title}</title>
      <link rel="icon" href={favicon(state)} />
      <link rel="stylesheet" href={STATUS_PAGE_CSS_PATH} />
    </head>
  );
}

export function renderStatusPage(data: StatusPageData, now: number): string {
  const sentence = overallSentence(data);
  const page = (
    <html lang="en">
      <Head title={`${sentence} · ${data.teamName} status`} state={data.overall} />
      <body>
        <main>
          <header>
            <h1>{data.teamName}</h1>
            <p class="tag">Status of the monitors tagged “{data.tag}”</p>
          </header>
          <p class={`overall s-${data.overall ?? "new"}`}>
            <span class="dot" aria-hidden="true" />
            {sentence}
          </p>
          <ul class="monitors">
            {data.monitors.map((entry) => (
              <Monitor entry={entry} />
            ))}
          </ul>
          {data.truncated ? <p class="note">Only the first {data.monitors.length} monitors by name are shown.</p> : null}
          <footer>
            Updated {new Date(now).toISOString().slice(0, 16).replace("T", " ")} UTC; days are UTC days.
            <p id="refresh-control" hidden>
              <label>
                <input type="checkbox" id="auto-refresh" checked /> Refresh every minute
              </label>
            </p>
          </footer>
          <script src={STATUS_PAGE_SCRIPT_PATH} defer />
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${page.toString()}`;
}

export function renderNotFoundPage(): string {
  const page = (
    <html lang="en">
      <Head title="Status page not found" state={null} />
      <body>
        <main>
          <h1>Status page not found</h1>
          <p>This status page does not exist, or its team turned it off or gave it a new address.</p>
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${page.toString()}`;
}
