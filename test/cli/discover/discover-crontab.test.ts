import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { type CrontabLine, isWrapped, parseCrontab, splitPercent, wrapJob } from "../../../cli/discover/crontab";
import { proposeMonitors, slugFor } from "../../../cli/discover/propose";

/** Unit tests of the crontab parser and the rewriting of `lubdub discover` (cli/discover/). */

const SAMPLE = `# m h dom mon dow command
SHELL=/bin/sh
MAILTO=""
30 2 * * * cd /srv/app && ./bin/backup.sh --full >/dev/null 2>&1
CRON_TZ = "Europe/Berlin"
*/15  9-17 * * mon-fri   /usr/local/bin/sync-queue.py
@midnight echo 'new day' | logger
@reboot /usr/bin/start-thing
0 4 * * * mail -s "report \\%d" ops@example.com%Report body%second line
61 * * * * bad-minute
not a job
`;

const jobs = (lines: CrontabLine[]) => lines.filter((line): line is Extract<CrontabLine, { kind: "job" }> => line.kind === "job");

describe("parseCrontab", () => {
  const lines = parseCrontab(SAMPLE);

  it("keeps every line, in order, verbatim", () => {
    expect(lines.map((line) => line.text).join("\n")).toBe(SAMPLE.trimEnd());
  });

  it("reads jobs: five fields or a nickname (aliases mapped), the command, the time zone set above them", () => {
    expect(jobs(lines).map(({ schedule, command, timezone }) => ({ schedule, command, timezone }))).toEqual([
      { schedule: "30 2 * * *", command: "cd /srv/app && ./bin/backup.sh --full >/dev/null 2>&1", timezone: null },
      { schedule: "*/15 9-17 * * mon-fri", command: "/usr/local/bin/sync-queue.py", timezone: "Europe/Berlin" },
      { schedule: "@daily", command: "echo 'new day' | logger", timezone: "Europe/Berlin" },
      { schedule: "0 4 * * *", command: 'mail -s "report \\%d" ops@example.com', timezone: "Europe/Berlin" },
    ]);
  });

  it("reads environment lines (quotes removed) and leaves @reboot, bad fields and junk alone, saying why", () => {
    expect(lines.filter((l) => l.kind === "env").map((l) => (l.kind === "env" ? [l.name, l.value] : []))).toEqual([
      ["SHELL", "/bin/sh"],
      ["MAILTO", ""],
      ["CRON_TZ", "Europe/Berlin"],
    ]);
    const unsupported = lines.filter((l) => l.kind === "unsupported").map((l) => (l.kind === "unsupported" ? l.reason : ""));
    expect(unsupported).toHaveLength(3);
    expect(unsupported[0]).toMatch(/@reboot/);
    expect(unsupported[1]).toMatch(/minute/);
  });

  it("splits a command at its first unescaped %: the rest is standard input", () => {
    expect(splitPercent("date +\\%Y")).toEqual({ command: "date +\\%Y", input: null });
    expect(splitPercent("mail x%hello%world")).toEqual({ command: "mail x", input: "hello%world" });
  });
});

describe("proposals", () => {
  it("proposes one monitor per job, slugs from the program, unique against the server's", () => {
    const { proposals, skipped } = proposeMonitors(parseCrontab(SAMPLE), "Asia/Tokyo", ["backup"]);
    expect(proposals.map((p) => [p.slug, p.schedule, p.timezone])).toEqual([
      ["backup-2", "30 2 * * *", "Asia/Tokyo"],
      ["sync-queue", "*/15 9-17 * * mon-fri", "Europe/Berlin"],
      ["echo", "@daily", "Europe/Berlin"],
      ["mail", "0 4 * * *", "Europe/Berlin"],
    ]);
    expect(skipped.map((s) => s.line)).toEqual([7, 9, 10]);
    expect(slugFor("FOO=1 /opt/Nightly Report.SH")).toBe("nightly");
  });

  it("does not propose a job that already runs through lubdub run", () => {
    const [job] = jobs(parseCrontab("0 1 * * * echo hi\n"));
    if (!job) throw new Error("no job");
    const wrapped = wrapJob(job, "'/usr/bin/node' '/x/bin/lubdub.mjs'", "echo");
    expect(isWrapped(jobs(parseCrontab(wrapped))[0]?.command ?? "")).toBe(true);
    expect(proposeMonitors(parseCrontab(`${wrapped}\n`), "UTC").proposals).toEqual([]);
  });
});

describe("wrapJob", () => {
  it("runs the command through sh -c as cron would, quotes and all, the % input outside the quotes", () => {
    const [plain, percent] = jobs(parseCrontab("@daily echo 'it''s' \"$HOME\" && echo two\n0 4 * * * cat -%line one%line two\n"));
    if (!plain || !percent) throw new Error("no job");
    const wrappedPlain = wrapJob(plain, "echo", "daily-echo");
    expect(wrappedPlain.startsWith("@daily echo run daily-echo -- sh -c ")).toBe(true);
    // What cron hands to sh (the command part, % input aside): `echo` stands in for lubdub, printing its arguments.
    const viaSh = (line: string) =>
      execFileSync("sh", ["-c", splitPercent(line.replace(/^(@\S+|(\S+\s+){5})/, "")).command], { encoding: "utf8" });
    const args = viaSh(wrappedPlain).trim();
    expect(args).toBe(`run daily-echo -- sh -c echo 'it''s' "$HOME" && echo two`);
    const wrappedPercent = wrapJob(percent, "echo", "cat");
    expect(splitPercent(wrappedPercent).input).toBe("line one%line two");
    expect(viaSh(wrappedPercent).trim()).toBe("run cat -- sh -c cat -");
  });
});
