import { describe, expect, it } from "vitest";
import { commentText, crontabQuote, powershellQuote, shellQuote, systemdQuote } from "../../src/pages/snippet-quote";
import { cronForInterval, crontabSchedule, onCalendar, timerLines, watchdogRepeat } from "../../src/pages/snippet-schedule";
import { type SnippetMonitor, snippetsFor } from "../../src/pages/snippets";

const URL = "https://lubdub.example/ping/abc234";
const monitor: SnippetMonitor = {
  name: "nightly backup",
  pingUrl: URL,
  slugUrl: "https://lubdub.example/ping/0123abcd/backup",
  schedule: { kind: "cron", cron: "30 2 * * *", timezone: "Europe/Berlin" },
};
const code = (m: SnippetMonitor, id: string) => snippetsFor(m).find((s) => s.id === id)?.code ?? "";

describe("snippets", () => {
  it("one snippet per language, each naming this monitor's ping URL", () => {
    const all = snippetsFor(monitor);
    expect(all.map((s) => s.id)).toEqual([
      "crontab",
      "curl",
      "lubdub-run",
      "powershell",
      "python",
      "node",
      "go",
      "alertmanager",
      "systemd",
    ]);
    for (const snippet of all) expect(snippet.code, snippet.id).toContain(URL);
  });

  it("the crontab line runs on the monitor's own cron, says its zone, and pings after the job succeeds", () => {
    const lines = code(monitor, "crontab").split("\n");
    expect(lines.at(-1)).toBe(`30 2 * * * /path/to/job.sh && curl -fsS -m 10 --retry 5 -o /dev/null '${URL}'`);
    expect(lines.join("\n")).toContain("CRON_TZ=Europe/Berlin");
  });

  it("an interval that divides the hour becomes a cron step; one that does not becomes a comment", () => {
    const every5 = code({ ...monitor, schedule: { kind: "interval", interval: 300 } }, "crontab");
    expect(every5.split("\n").at(-1)).toMatch(/^\*\/5 \* \* \* \* \/path\/to\/job\.sh/);
    const every45 = code({ ...monitor, schedule: { kind: "interval", interval: 2700 } }, "crontab");
    expect(every45.split("\n").every((line) => line.startsWith("#"))).toBe(true);
    expect(every45).toContain("every 45 minutes does not divide an hour or a day evenly");
  });

  it("curl uses healthchecks' flags, and has /start and exit-code variants and the slug URL", () => {
    const text = code(monitor, "curl");
    expect(text).toContain(`curl -fsS -m 10 --retry 5 -o /dev/null '${URL}/start'`);
    expect(text).toContain(`curl -fsS -m 10 --retry 5 -o /dev/null '${URL}'/$?`);
    expect(text).toContain("'https://lubdub.example/ping/0123abcd/backup'");
    expect(code({ ...monitor, slugUrl: null }, "curl")).not.toContain("slug");
  });

  it("lubdub run takes the ping URL and the command after --", () => {
    expect(code(monitor, "lubdub-run")).toContain(`lubdub run '${URL}' -- /path/to/job.sh`);
  });

  it("language literals: PowerShell single quotes, Python/Node/Go double-quoted strings, YAML for Alertmanager", () => {
    expect(code(monitor, "powershell")).toContain(`Invoke-RestMethod -Uri '${URL}' -TimeoutSec 10`);
    expect(code(monitor, "powershell")).toContain(`('${URL}/' + $LASTEXITCODE)`);
    expect(code(monitor, "python")).toContain(`PING_URL = "${URL}"`);
    expect(code(monitor, "node")).toContain(`const PING_URL = "${URL}";`);
    expect(code(monitor, "go")).toContain(`const pingURL = "${URL}"`);
    expect(code(monitor, "alertmanager")).toContain(`- url: "${URL}"`);
  });

  it("the Watchdog repeats at the monitor's interval", () => {
    expect(code({ ...monitor, schedule: { kind: "interval", interval: 300 } }, "alertmanager")).toContain("repeat_interval: 5m");
    expect(watchdogRepeat({ kind: "interval", interval: 20 })).toBe("1m");
  });

  it("systemd: OnFailure= pings /fail, ExecStartPost pings success, the timer follows the schedule", () => {
    const text = code(monitor, "systemd");
    expect(text).toContain("OnFailure=job-failed.service");
    expect(text).toContain(`ExecStartPost=-/usr/bin/curl -fsS -m 10 --retry 5 -o /dev/null "${URL}"`);
    expect(text).toContain(`ExecStart=/usr/bin/curl -fsS -m 10 --retry 5 -o /dev/null "${URL}/fail"`);
    expect(text).toContain("OnCalendar=*-*-* 02:30:00 Europe/Berlin");
    expect(code({ ...monitor, schedule: { kind: "interval", interval: 3600 } }, "systemd")).toContain("OnUnitActiveSec=1h");
  });

  it("a name with a line break cannot escape its comment", () => {
    const text = code({ ...monitor, name: "evil\nrm -rf /" }, "crontab");
    expect(text.split("\n")[0]).toBe("# evil rm -rf /");
  });
});

describe("quoting", () => {
  it("each language's quote keeps the value one literal", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(crontabQuote("a%20b")).toBe("'a\\%20b'");
    expect(powershellQuote("it's")).toBe("'it''s'");
    expect(systemdQuote('a$b%c"d\\e')).toBe('"a$$b%%c\\"d\\\\e"');
    expect(commentText("a\r\n\u2028b")).toBe("a b");
  });
});

describe("schedules for other schedulers", () => {
  it("intervals that divide an hour, a day or a week", () => {
    expect(cronForInterval(60)).toBe("* * * * *");
    expect(cronForInterval(900)).toBe("*/15 * * * *");
    expect(cronForInterval(3600)).toBe("0 * * * *");
    expect(cronForInterval(6 * 3600)).toBe("0 */6 * * *");
    expect(cronForInterval(86400)).toBe("0 0 * * *");
    expect(cronForInterval(7 * 86400)).toBe("0 0 * * 0");
    for (const interval of [30, 90, 2700, 5 * 3600, 2 * 86400]) expect(cronForInterval(interval), String(interval)).toBeNull();
  });

  it("a UTC cron has no zone note", () => {
    expect(crontabSchedule({ kind: "cron", cron: "0 3 * * *", timezone: "UTC" })).toEqual({ cron: "0 3 * * *", timezone: null });
  });

  it("OnCalendar= for simple crons, null where systemd would mean something else", () => {
    expect(onCalendar("*/15 * * * *", "UTC")).toBe("*-*-* *:0/15:00 UTC");
    expect(onCalendar("0 9 * * 1-5", "UTC")).toBe("Mon..Fri *-*-* 09:00:00 UTC");
    expect(onCalendar("0 0 1 */3 *", "UTC")).toBe("*-1/3-01 00:00:00 UTC");
    expect(onCalendar("@weekly", "Europe/Berlin")).toBe("Sun *-*-* 00:00:00 Europe/Berlin");
    expect(onCalendar("0 0 1 * 1", "UTC")).toBeNull();
    expect(onCalendar("0 0 * * MON", "UTC")).toBeNull();
    expect(timerLines({ kind: "cron", cron: "0 0 1 * 1", timezone: "UTC" })[0]).toMatch(/^# Write "0 0 1 \* 1"/);
  });
});
