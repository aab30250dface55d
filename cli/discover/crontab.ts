import { validateCron } from "../../src/domain/schedule";

/**
 * A user crontab (crontab(5), Vixie/cronie), line by line, kept verbatim so it can be written back with
 * only the job lines changed. A job is five time fields (or an @nickname) and a command; `NAME=value`
 * lines set the environment, CRON_TZ (cronie) or TZ the time zone of the jobs below them. A `%` in a
 * command ends it: cron turns it into a newline and feeds what follows to the command's standard input
 * (`\%` is a literal %). The fields are checked with the server's own cron validation (croner).
 */

export type CrontabLine =
  | { kind: "other"; text: string }
  | { kind: "env"; text: string; name: string; value: string }
  | { kind: "job"; text: string; schedule: string; command: string; input: string | null; timezone: string | null }
  | { kind: "unsupported"; text: string; reason: string };

/** The nicknames the API takes; cron's aliases mapped onto them. */
const NICKNAMES: Record<string, string> = {
  "@yearly": "@yearly",
  "@annually": "@yearly",
  "@monthly": "@monthly",
  "@weekly": "@weekly",
  "@daily": "@daily",
  "@midnight": "@daily",
  "@hourly": "@hourly",
};

const ENV_LINE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/** `NAME = "value"`: cron strips one pair of matching quotes. */
function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return quoted ? (quoted[2] ?? "") : trimmed;
}

/** Splits at the first unescaped `%`: the command, and what cron sends to its standard input. */
export function splitPercent(command: string): { command: string; input: string | null } {
  const at = command.search(/(?<!\\)%/);
  return at < 0 ? { command, input: null } : { command: command.slice(0, at), input: command.slice(at + 1) };
}

function parseJob(text: string, timezone: string | null): CrontabLine {
  const trimmed = text.trim();
  let schedule: string;
  let rest: string;
  if (trimmed.startsWith("@")) {
    const [nickname = "", ...words] = trimmed.split(/\s+/);
    if (nickname === "@reboot") return { kind: "unsupported", text, reason: "@reboot has no schedule to monitor" };
    const known = NICKNAMES[nickname];
    if (!known) return { kind: "unsupported", text, reason: `unknown nickname ${nickname}` };
    schedule = known;
    rest = trimmed.slice(nickname.length).trim();
    if (words.length === 0) return { kind: "unsupported", text, reason: "no command" };
  } else {
    const match = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(trimmed);
    if (!match) return { kind: "unsupported", text, reason: "not five time fields and a command" };
    schedule = match.slice(1, 6).join(" ");
    rest = match[6] ?? "";
    const problem = validateCron(schedule);
    if (problem) return { kind: "unsupported", text, reason: problem };
  }
  const { command, input } = splitPercent(rest);
  if (command.trim() === "") return { kind: "unsupported", text, reason: "no command" };
  return { kind: "job", text, schedule, command: command.trim(), input, timezone };
}

export function parseCrontab(text: string): CrontabLine[] {
  let timezone: string | null = null;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((line): CrontabLine => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return { kind: "other", text: line };
    const env = ENV_LINE.exec(line);
    if (env) {
      const [, name = "", raw = ""] = env;
      const value = unquote(raw);
      if (name === "CRON_TZ" || name === "TZ") timezone = value || null;
      return { kind: "env", text: line, name, value };
    }
    return parseJob(line, timezone);
  });
}

/** `'...'` for sh: a single quote inside becomes '\''. */
export const shellQuote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * The job line going through `lubdub run`: the same time fields, the command run by `sh -c` (as cron runs
 * it, so pipes, `&&` and redirections keep their meaning), and the `%` input left outside the quotes,
 * where cron still finds it. `\%` stays as written: cron removes the backslash before sh sees it.
 */
export function wrapJob(job: Extract<CrontabLine, { kind: "job" }>, lubdub: string, slug: string): string {
  const fields = job.text.trim().startsWith("@") ? (job.text.trim().split(/\s+/)[0] ?? job.schedule) : job.schedule;
  const input = job.input === null ? "" : `%${job.input}`;
  return `${fields} ${lubdub} run ${slug} -- sh -c ${shellQuote(job.command)}${input}`;
}

/** Already wrapped (a second `discover --apply` must not wrap it twice). */
export const isWrapped = (command: string): boolean => /(^|[\s/'])lubdub(\.mjs)?'?\s+run\s/.test(command);
