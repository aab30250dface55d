import type { Step } from "./plan";

/** The team's limits and what it uses of them, as GET /api/v1/team shows them. */
export interface TeamQuota {
  limits: { monitors: number; channels: number };
  usage: { monitors: number; channels: number };
}

/**
 * Why the plan would stop part way at the team's limits, before any step runs: a plan that creates more
 * monitors or channels than the team has room for (its deletions counted) is refused whole, instead of
 * applying the first creates and failing on the next with 403 `limit_reached`.
 */
export function limitProblems(steps: readonly Step[], quota: TeamQuota | undefined): string[] {
  if (!quota) return [];
  return (["monitors", "channels"] as const).flatMap((kind) => {
    const ofKind = steps.filter((step) => `${step.kind}s` === kind);
    const growth = ofKind.filter((step) => step.op === "create").length - ofKind.filter((step) => step.op === "delete").length;
    const room = quota.limits[kind] - quota.usage[kind];
    if (growth <= 0 || growth <= room) return [];
    return [
      `the plan adds ${growth} ${kind}, but the team has room for ${Math.max(room, 0)} (limits.${kind} ${quota.limits[kind]}, ${quota.usage[kind]} used): delete some, or ask the administrator to raise limits.${kind}`,
    ];
  });
}
