import { DEFAULT_GRACE } from "../../src/schemas/monitor";
import type { LubdubFile } from "../apply/format";
import { type CrontabLine, isWrapped } from "./crontab";

/** `lubdub discover`: one proposed monitor per crontab job, in the monitors-as-code format. */

export interface Proposal {
  /** The job's line number in the crontab (0-based). */
  line: number;
  slug: string;
  /** The slug made from the command, before another monitor's slug made it take a number (`backup` for `backup-2`). */
  wanted: string;
  name: string;
  schedule: string;
  timezone: string;
  command: string;
}

/** How long after its time a job may ping before it is down: the server's default, written out in the file. */
export const PROPOSED_GRACE = DEFAULT_GRACE.text;

/** The program a command runs, as a slug: `cd /srv && ./bin/backup.sh --full` → `backup`. */
export function slugFor(command: string): string {
  const words = command
    .split(/&&|;|\|/)
    .map((part) => part.trim().split(/\s+/))
    .find((part) => part[0] !== undefined && part[0] !== "cd" && part[0] !== "")
    ?.filter((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
  const program = (words?.[0] ?? "").split("/").pop() ?? "";
  const slug = program
    .replace(/\.[a-z0-9]+$/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "cron-job";
}

function unique(slug: string, taken: Set<string>): string {
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${n}`;
  taken.add(candidate);
  return candidate;
}

export interface Proposals {
  proposals: Proposal[];
  /** Lines left alone, and why. */
  skipped: { line: number; text: string; reason: string }[];
}

/** `taken`: slugs already in use on the server, so a proposal never collides with another monitor. */
export function proposeMonitors(lines: CrontabLine[], systemZone: string, taken: Iterable<string> = []): Proposals {
  const used = new Set(taken);
  const result: Proposals = { proposals: [], skipped: [] };
  lines.forEach((line, index) => {
    if (line.kind === "unsupported") result.skipped.push({ line: index, text: line.text, reason: line.reason });
    if (line.kind !== "job") return;
    if (isWrapped(line.command)) {
      result.skipped.push({ line: index, text: line.text, reason: "already runs through lubdub run" });
      return;
    }
    const wanted = slugFor(line.command);
    result.proposals.push({
      line: index,
      slug: unique(wanted, used),
      wanted,
      name: line.command.slice(0, 200),
      schedule: line.schedule,
      timezone: line.timezone ?? systemZone,
      command: line.command,
    });
  });
  return result;
}

/** The proposals as a file `lubdub apply` takes (`lubdub discover > lubdub.yaml`). */
export function proposalFile(proposals: Proposal[]): LubdubFile {
  const monitors = Object.fromEntries(
    proposals.map((p) => [p.slug, { name: p.name, schedule: p.schedule, timezone: p.timezone, grace: PROPOSED_GRACE }]),
  );
  return { channels: {}, monitors };
}
