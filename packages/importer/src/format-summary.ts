import type { ImportSummary } from "./import-summary.js";
import type { ImportPlan, PlanAction } from "./plan-import.js";

/** The end-of-job summary for people (the worker prints it on stderr; `--json` prints JSON). */
export function formatSummary(summary: ImportSummary): string {
  const lines = [
    `Import ${summary.status}: ${summary.rowsRead} rows in ${(summary.durationMs / 1000).toFixed(1)} s ` +
      `(${summary.rowsPerSecond.toFixed(1)} rows/s)${summary.resumed ? `, resumed (${summary.doneEarlier} rows done earlier)` : ""}`,
    `  created ${summary.created}, updated ${summary.updated}, skipped ${summary.skipped}, ` +
      `rejected ${summary.rejected}, exists-failed ${summary.existsFailed}`,
    `  sent ${summary.sent}, retried ${summary.retried}, reconciled ${summary.reconciled}, ` +
      `duplicates removed ${summary.duplicatesRemoved}`,
  ];
  if (summary.failed > 0) {
    lines.push(`  ${summary.failed} rows could not be sent now; run the same command again`);
  }
  if (summary.error !== undefined) lines.push(`  stopped by: ${summary.error.message}`);
  if (summary.status === "interrupted") {
    lines.push("  interrupted: run the same command again to resume");
  }
  lines.push(`  report: ${summary.reportFile}`);
  if (summary.rejected + summary.existsFailed > 0) lines.push(`  rejects: ${summary.rejectFile}`);
  lines.push(`  journal: ${summary.journalFile}`);
  return lines.join("\n");
}

const PLAN_ORDER: readonly PlanAction[] = [
  "create",
  "update",
  "skip",
  "conflict",
  "reject",
  "done",
];

/** A dry run's plan for people. */
export function formatPlan(plan: ImportPlan): string {
  const lines = [
    `Dry run of ${plan.input} into ${plan.workspaceId} (${plan.endpoint}), on existing: ${plan.onExisting}`,
    plan.existingTemplates === undefined
      ? `  the workspace could not be listed (${plan.serviceError?.message ?? "unknown"}); names that exist are counted as create`
      : `  ${plan.existingTemplates} Custom templates exist in the workspace`,
    `  ${plan.rows} rows: ${PLAN_ORDER.map((action) => `${action} ${plan.counts[action]}`).join(", ")}`,
  ];
  if (plan.resumes) lines.push("  a journal of this job exists: its finished rows count as done");
  for (const action of PLAN_ORDER) {
    const examples = plan.examples[action];
    if (examples.length === 0) continue;
    lines.push(`  ${action}:`);
    for (const row of examples) {
      const details = [row.promptTemplateId, row.reasons.join(";"), row.message]
        .filter((part) => part !== undefined && part !== "")
        .join(" | ");
      lines.push(
        `    line ${row.line} ${JSON.stringify(row.name)}${details ? `: ${details}` : ""}`,
      );
    }
  }
  return lines.join("\n");
}
