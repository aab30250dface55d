import type { Plan, Step } from "./plan";

/** The plan as `lubdub diff` prints it: `+` create, `~` update (one line per field), `-` delete. */

const SIGN = { create: "+", update: "~", delete: "-" } as const;
const DONE = { create: "created", update: "updated", delete: "deleted" } as const;

const show = (value: unknown): string => (value === undefined ? "(unset)" : JSON.stringify(value));

export function describeStep(step: Step, mode: "plan" | "done"): string[] {
  const head = mode === "plan" ? `${SIGN[step.op]} ${step.kind} ${step.key}` : `${DONE[step.op]} ${step.kind} ${step.key}`;
  if (step.op !== "update" || mode === "done") return [head];
  return [head, ...step.changes.map(({ field, from, to, text }) => `    ${field}: ${text?.from ?? show(from)} → ${text?.to ?? show(to)}`)];
}

export function describePlan(plan: Plan): string[] {
  const lines = plan.steps.flatMap((step) => describeStep(step, "plan"));
  const count = (op: Step["op"]) => plan.steps.filter((step) => step.op === op).length;
  lines.push(
    plan.steps.length === 0
      ? "No changes."
      : `Plan: ${count("create")} to create, ${count("update")} to update, ${count("delete")} to delete.`,
  );
  return lines;
}
