/**
 * Ready-to-paste snippets for one monitor: its ping URL in a crontab line built from its own schedule,
 * curl, `lubdub run`, PowerShell, Python, Node, Go, an Alertmanager Watchdog receiver and systemd units.
 * Every URL is quoted for the snippet's language (snippet-quote.ts). Pure.
 */
import type { Schedule } from "../domain/schedule";
import { commentText, crontabQuote, powershellQuote, shellQuote, stringLiteral, systemdQuote } from "./snippet-quote";
import { crontabSchedule, timerLines, unitWords, watchdogRepeat } from "./snippet-schedule";

export interface SnippetMonitor {
  name: string;
  /** The monitor's ping URL (/ping/<token>). */
  pingUrl: string;
  /** /ping/<ping_key>/<slug>, when the monitor has a slug. */
  slugUrl: string | null;
  schedule: Schedule;
}

export interface Snippet {
  /** Stable, for element ids: `snippet-<id>`. */
  id: string;
  title: string;
  /** What the code is: "crontab", "sh", "powershell", "python", "javascript", "go", "yaml", "ini". */
  language: string;
  code: string;
}

/** curl as healthchecks.io documents it: fail on HTTP errors, silent but errors shown, 10 s, 5 retries. */
const CURL = "curl -fsS -m 10 --retry 5 -o /dev/null";
const JOB = "/path/to/job.sh";

function crontab(m: SnippetMonitor): string {
  const command = `${JOB} && ${CURL} ${crontabQuote(m.pingUrl)}`;
  const schedule = crontabSchedule(m.schedule);
  if ("problem" in schedule) {
    return [
      `# ${commentText(m.name)}: ${schedule.problem}.`,
      "# Pick a cron schedule near it, or use the systemd timer below.",
      `# <schedule> ${command}`,
    ].join("\n");
  }
  const zone = schedule.timezone
    ? [`# lubdub expects this in ${schedule.timezone}: run cron in that zone (cronie: CRON_TZ=${schedule.timezone} on the line above).`]
    : [];
  return [`# ${commentText(m.name)}`, ...zone, `${schedule.cron} ${command}`].join("\n");
}

function curl(m: SnippetMonitor): string {
  const url = shellQuote(m.pingUrl);
  const slug = m.slugUrl ? ["", "# Or by slug (the team's ping key and this monitor's slug):", `${CURL} ${shellQuote(m.slugUrl)}`] : [];
  return [
    "# After the job succeeds:",
    `${JOB} && ${CURL} ${url}`,
    "",
    "# Or report the start (lubdub times the run) and the exit code (non-zero: down at once):",
    `${CURL} ${shellQuote(`${m.pingUrl}/start`)}`,
    JOB,
    `${CURL} ${url}/$?`,
    ...slug,
  ].join("\n");
}

const lubdubRun = (m: SnippetMonitor): string =>
  [
    "# Pings /start, runs the command, then pings its exit code with the last 10 KB of output (the ping URL needs no API key).",
    `lubdub run ${shellQuote(m.pingUrl)} -- ${JOB}`,
  ].join("\n");

const powershell = (m: SnippetMonitor): string =>
  [
    "# At the end of the task's script (Windows Task Scheduler: powershell.exe -NoProfile -File job.ps1):",
    `Invoke-RestMethod -Uri ${powershellQuote(m.pingUrl)} -TimeoutSec 10 -UseBasicParsing | Out-Null`,
    "",
    "# Or with the exit code of a program the task runs:",
    "& C:\\path\\to\\job.exe",
    `Invoke-RestMethod -Uri (${powershellQuote(`${m.pingUrl}/`)} + $LASTEXITCODE) -TimeoutSec 10 -UseBasicParsing | Out-Null`,
  ].join("\n");

const python = (m: SnippetMonitor): string =>
  [
    "import urllib.request",
    "",
    `PING_URL = ${stringLiteral(m.pingUrl)}`,
    "",
    "",
    'def ping(suffix=""):',
    "    try:",
    "        urllib.request.urlopen(PING_URL + suffix, timeout=10)",
    "    except OSError as error:  # a failed ping must not fail the job",
    '        print("lubdub ping failed:", error)',
    "",
    "",
    'ping("/start")',
    "# ... the job ...",
    'ping()  # or ping("/fail"), or ping(f"/{exit_code}")',
  ].join("\n");

const node = (m: SnippetMonitor): string =>
  [
    "// Node 18 or later, as an ES module (.mjs).",
    `const PING_URL = ${stringLiteral(m.pingUrl)};`,
    'const ping = (suffix = "") =>',
    '  fetch(PING_URL + suffix, { signal: AbortSignal.timeout(10_000) }).catch((error) => console.error("lubdub ping failed:", error));',
    "",
    'await ping("/start");',
    "// ... the job ...",
    'await ping(); // or ping("/fail"), or ping("/" + exitCode)',
  ].join("\n");

const go = (m: SnippetMonitor): string =>
  [
    "package main",
    "",
    'import (\n\t"log"\n\t"net/http"\n\t"time"\n)',
    "",
    `const pingURL = ${stringLiteral(m.pingUrl)}`,
    "",
    "func ping(suffix string) {",
    "\tclient := http.Client{Timeout: 10 * time.Second}",
    "\tresp, err := client.Get(pingURL + suffix)",
    "\tif err != nil {",
    '\t\tlog.Printf("lubdub ping failed: %v", err)',
    "\t\treturn",
    "\t}",
    "\tresp.Body.Close()",
    "}",
    "",
    "func main() {",
    '\tping("/start")',
    "\t// ... the job ...",
    '\tping("") // or ping("/fail")',
    "}",
  ].join("\n");

function alertmanager(m: SnippetMonitor): string {
  const repeat = watchdogRepeat(m.schedule);
  const note =
    m.schedule.kind === "cron"
      ? "# Alertmanager repeats on an interval: give this monitor an interval (e.g. 1m, grace 2m) rather than a cron schedule."
      : `# Alertmanager re-sends the always-firing Watchdog every ${repeat}, matching this monitor's interval.`;
  return [
    "# alertmanager.yml: put this route first under route.routes, and add the receiver.",
    note,
    "route:",
    "  routes:",
    "    - receiver: lubdub-watchdog",
    "      matchers: ['alertname = \"Watchdog\"']",
    "      group_wait: 0s",
    "      group_interval: 1m",
    `      repeat_interval: ${repeat}`,
    "receivers:",
    "  - name: lubdub-watchdog",
    "    webhook_configs:",
    `      - url: ${stringLiteral(m.pingUrl)}`,
    "        send_resolved: false",
  ].join("\n");
}

function systemd(m: SnippetMonitor): string {
  const curlAt = (url: string) => `/usr/bin/curl -fsS -m 10 --retry 5 -o /dev/null ${systemdQuote(url)}`;
  const name = commentText(m.name).replaceAll("%", "%%");
  return [
    "# /etc/systemd/system/job.service",
    "[Unit]",
    `Description=${name} (watched by lubdub)`,
    "OnFailure=job-failed.service",
    "",
    "[Service]",
    "Type=oneshot",
    `ExecStartPre=-${curlAt(`${m.pingUrl}/start`)}`,
    `ExecStart=${JOB}`,
    `ExecStartPost=-${curlAt(m.pingUrl)}`,
    "",
    "# /etc/systemd/system/job-failed.service: OnFailure= runs it when the job fails",
    "[Service]",
    "Type=oneshot",
    `ExecStart=${curlAt(`${m.pingUrl}/fail`)}`,
    "",
    `# /etc/systemd/system/job.timer (${m.schedule.kind === "interval" ? `every ${unitWords(m.schedule.interval)}` : m.schedule.cron})`,
    "[Timer]",
    ...timerLines(m.schedule),
    "",
    "[Install]",
    "WantedBy=timers.target",
  ].join("\n");
}

/** Every snippet for the monitor, in the order the page shows them. */
export function snippetsFor(m: SnippetMonitor): Snippet[] {
  return [
    { id: "crontab", title: "crontab", language: "crontab", code: crontab(m) },
    { id: "curl", title: "curl", language: "sh", code: curl(m) },
    { id: "lubdub-run", title: "lubdub run", language: "sh", code: lubdubRun(m) },
    { id: "powershell", title: "PowerShell (Windows Task Scheduler)", language: "powershell", code: powershell(m) },
    { id: "python", title: "Python", language: "python", code: python(m) },
    { id: "node", title: "Node.js", language: "javascript", code: node(m) },
    { id: "go", title: "Go", language: "go", code: go(m) },
    { id: "alertmanager", title: "Alertmanager Watchdog", language: "yaml", code: alertmanager(m) },
    { id: "systemd", title: "systemd service and timer", language: "ini", code: systemd(m) },
  ];
}
