import { readFileSync, writeFileSync } from "node:fs";
import type { Command, CommandUnknownOpts, OptionValues } from "@commander-js/extra-typings";
import { parse as parseYaml } from "yaml";
import { alertsNobody, alertsNobodyWarning } from "../alerting";
import type { CliContext } from "../context";
import { UsageError, writingFile } from "../errors";
import { executePlan, readCurrentState } from "./execute";
import { exportState, renderExport } from "./export";
import { type LubdubFile, lubdubJsonSchema, readLubdubFile } from "./format";
import { type Plan, planChanges, type Step } from "./plan";
import { describePlan, describeStep } from "./render";

/** `.json` is read as JSON (its errors are clearer), anything else as YAML. */
function loadLubdubFile(path: string): LubdubFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let raw: unknown;
  try {
    raw = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new UsageError(
      `${path} is not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const read = readLubdubFile(raw ?? {});
  if (!read.ok) {
    const lines = read.error.issues.map((issue) => `  ${issue.path.join(".") || "(file)"}: ${issue.message}`);
    throw new UsageError(`${path} does not match the format (lubdub schema prints it):\n${lines.join("\n")}`);
  }
  return read.file;
}

async function planFor(context: CliContext, path: string, flags: { prune?: true; updateSecrets?: true }) {
  const file = loadLubdubFile(path);
  const current = await readCurrentState(context.client());
  const plan = planChanges(file, current, {
    prune: flags.prune === true,
    updateSecrets: flags.updateSecrets === true,
    env: context.io.env,
  });
  for (const notice of plan.notices) context.warn(`note: ${notice}`);
  return { plan, current };
}

function refuseProblems(plan: Plan): void {
  if (plan.problems.length > 0) throw new UsageError(`the file cannot be applied:\n${plan.problems.map((p) => `  ${p}`).join("\n")}`);
}

function printPlan(context: CliContext, plan: Plan): void {
  context.output.result(plan, () => {
    for (const line of describePlan(plan)) context.output.line(line);
  });
}

const planOptions = <Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) =>
  command
    .option("--prune", "also delete the monitors (with a slug) and channels the file does not declare")
    .option("--update-secrets", "send every secret from the environment, even when its mask matches the server's");

export function registerApply(program: CommandUnknownOpts, context: CliContext): void {
  planOptions(program.command("diff <file>").description("what `lubdub apply <file>` would change (lubdub.yaml or .json)")).action(
    async (path, flags) => {
      const { plan } = await planFor(context, path, flags);
      printPlan(context, plan);
      refuseProblems(plan);
    },
  );

  planOptions(program.command("apply <file>").description("create, update (and with --prune delete) to match the file"))
    .option("--dry-run", "show the plan, change nothing (as `lubdub diff`)")
    .action(async (path, flags) => {
      const { plan, current } = await planFor(context, path, flags);
      refuseProblems(plan);
      if (flags.dryRun) {
        printPlan(context, plan);
        return;
      }
      const done: Step[] = [];
      await executePlan(context.client(), plan, current, (step, monitor) => {
        done.push(step);
        if (!context.output.json) context.output.line(describeStep(step, "done").join("\n"));
        if (monitor && alertsNobody(monitor)) context.warn(alertsNobodyWarning(monitor, `give ${step.key} channels: in the file`));
      });
      context.output.result({ applied: done }, () =>
        context.output.line(done.length === 0 ? "No changes." : `Applied ${done.length} change(s).`),
      );
    });

  program
    .command("export")
    .description("today's channels and monitors as a file for `lubdub apply` (secrets as {env: NAME})")
    .option("--format <format>", "yaml or json", "yaml")
    .option("-o, --output <file>", "write to this file instead of standard output")
    .action(async (flags) => {
      if (flags.format !== "yaml" && flags.format !== "json") throw new UsageError("--format must be yaml or json");
      const exported = exportState(await readCurrentState(context.client()));
      for (const skipped of exported.skipped) context.warn(`note: not exported, it has no slug: ${skipped}`);
      const text = renderExport(exported, flags.format);
      const path = flags.output;
      if (path) writingFile(path, () => writeFileSync(path, text));
      else context.io.stdout.write(text);
    });

  program
    .command("schema")
    .description("the JSON Schema of the file format, for editors (save it as lubdub.schema.json)")
    .action(() => {
      context.io.stdout.write(`${JSON.stringify(lubdubJsonSchema(), null, 2)}\n`);
    });
}
