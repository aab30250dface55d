import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { stringify } from "yaml";
import { alertsNobody, alertsNobodyWarning } from "../alerting";
import { data, type LubdubClient, listAll, type Schemas } from "../api-client";
import type { CliContext } from "../context";
import { UsageError, writingFile } from "../errors";
import { type CrontabLine, parseCrontab, shellQuote, wrapJob } from "./crontab";
import { PROPOSED_GRACE, type Proposal, type Proposals, proposalFile, proposeMonitors } from "./propose";

/** `crontab -l`; "no crontab for <user>" (exit 1, nothing on stdout) is an empty crontab. */
function readUserCrontab(env: NodeJS.ProcessEnv): string {
  const listed = spawnSync("crontab", ["-l"], { encoding: "utf8", env });
  if (listed.error) throw new UsageError(`cannot run crontab -l: ${listed.error.message} (use --file)`);
  if (listed.status !== 0 && !/no crontab/i.test(listed.stderr)) throw new UsageError(`crontab -l failed: ${listed.stderr.trim()}`);
  return listed.status === 0 ? listed.stdout : "";
}

function readCrontab(file: string | undefined, env: NodeJS.ProcessEnv): string {
  if (file === undefined) return readUserCrontab(env);
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** How the crontab calls lubdub: cron's PATH is short, so this very node and script, by absolute path. */
function defaultLubdubCommand(script: string | undefined): string {
  return `${shellQuote(process.execPath)} ${shellQuote(script ? realpathSync(script) : "lubdub")}`;
}

const systemZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const stamp = (): string => new Date().toISOString().replace(/[:.]/g, "-");

function rewritten(lines: CrontabLine[], proposals: Proposal[], lubdub: string): string {
  const bySlug = new Map(proposals.map((p) => [p.line, p.slug]));
  const text = lines.map((line, index) => {
    const slug = bySlug.get(index);
    return line.kind === "job" && slug !== undefined ? wrapJob(line, lubdub, slug) : line.text;
  });
  return `${text.join("\n")}\n`;
}

/** A backup first (next to the file, or under the config folder for the user's crontab), then the new crontab. */
function install(context: CliContext, original: string, next: string, file: string | undefined): string {
  const backup = file === undefined ? join(dirname(context.configPath()), `crontab-backup-${stamp()}`) : `${file}.lubdub-backup-${stamp()}`;
  mkdirSync(dirname(backup), { recursive: true });
  writeFileSync(backup, original, { mode: 0o600 });
  const temporary = file === undefined ? `${backup}.new` : `${file}.lubdub-${process.pid}.tmp`;
  writeFileSync(temporary, next, { mode: 0o600 });
  if (file !== undefined) {
    renameSync(temporary, file);
    return backup;
  }
  const installed = spawnSync("crontab", [temporary], { encoding: "utf8", env: context.io.env });
  if (installed.status !== 0) throw new UsageError(`crontab refused the new crontab (${temporary}): ${installed.stderr.trim()}`);
  unlinkSync(temporary);
  return backup;
}

async function createMonitors(context: CliContext, client: LubdubClient, proposals: Proposal[]): Promise<void> {
  for (const p of proposals) {
    const body = { slug: p.slug, name: p.name, schedule: p.schedule, timezone: p.timezone, grace: PROPOSED_GRACE };
    const created = await data(client.api.POST("/api/v1/monitors", { body: body as Schemas["MonitorCreate"] }));
    if (alertsNobody(created)) context.warn(alertsNobodyWarning(created, `lubdub monitors edit ${p.slug} --channel <name>`));
  }
}

/**
 * The proposals, made against the server's monitors on both paths: a slug another monitor has is never
 * proposed, so neither `discover --apply` nor `discover > lubdub.yaml` then `lubdub apply` overwrites it
 * (it may be another host's job of the same name). The note names the monitor, should it be this job's.
 */
async function proposeAgainstServer(context: CliContext, lines: CrontabLine[]): Promise<Proposals> {
  const client = context.client();
  const monitors = await listAll((cursor) => client.api.GET("/api/v1/monitors", { params: { query: { cursor, limit: 100 } } }));
  const nameBySlug = new Map(monitors.flatMap((m) => (m.slug === null ? [] : [[m.slug, m.name] as const])));
  const found = proposeMonitors(lines, systemZone(), nameBySlug.keys());
  for (const p of found.proposals) {
    const owner = nameBySlug.get(p.wanted);
    if (p.slug !== p.wanted && owner !== undefined)
      context.warn(`note: the slug ${p.wanted} is taken on the server (monitor "${owner}"): proposed ${p.slug}`);
  }
  return found;
}

function printProposals(context: CliContext, found: Proposals): void {
  context.output.result(found, () => {
    for (const skip of found.skipped) context.warn(`note: line ${skip.line + 1} left alone: ${skip.reason}`);
    if (found.proposals.length === 0) context.output.line("# no cron jobs to monitor");
    else
      context.output.line(
        `# lubdub discover: one monitor per cron job\n${stringify({ monitors: proposalFile(found.proposals).monitors })}`,
      );
  });
}

export function registerDiscover(program: CommandUnknownOpts, context: CliContext): void {
  program
    .command("discover")
    .description("propose a monitor per cron job (your crontab, or --file); --apply creates them and wraps the jobs in `lubdub run`")
    .option("--file <crontab>", "read (and with --apply rewrite) this crontab file instead of `crontab -l`")
    .option("--apply", "create the monitors, back up the crontab, and rewrite its jobs to run through `lubdub run <slug> --`")
    .option("--lubdub <command>", "how the rewritten lines call lubdub (default: this node and script, by absolute path)")
    .action(async (flags) => {
      const original = readCrontab(flags.file, context.io.env);
      const lines = parseCrontab(original);
      const found = await proposeAgainstServer(context, lines);
      printProposals(context, found);
      if (!flags.apply || found.proposals.length === 0) return;
      await createMonitors(context, context.client(), found.proposals);
      const lubdub = flags.lubdub ?? defaultLubdubCommand(context.script);
      const next = rewritten(lines, found.proposals, lubdub);
      const backup = writingFile(flags.file ?? "the crontab", () => install(context, original, next, flags.file));
      context.warn(`created ${found.proposals.length} monitor(s); crontab rewritten, the old one saved as ${backup}`);
    });
}
