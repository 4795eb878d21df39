import { printableBlock, printableInline } from "@promptmill/core/text";
import type { ImportProgress } from "./import-progress.js";
import type { ImportSummary } from "./import-summary.js";
import type { ImportPlan, PlanAction } from "./plan-import.js";

/**
 * The end-of-job summary for people (the worker prints it on stderr; `--json` prints JSON).
 * Like the plan below, it is meant for a terminal: names, paths and the service's messages
 * are data, so their control characters are shown visibly (`\x1B`), never sent raw.
 */
export function formatSummary(summary: ImportSummary): string {
  const lines = [
    `Import ${summary.status}: ${summary.rowsRead} rows in ${(summary.durationMs / 1000).toFixed(1)} s ` +
      `(${summary.rowsPerSecond.toFixed(1)} rows/s)${summary.resumed ? `, resumed (${summary.doneEarlier} rows done earlier)` : ""}`,
    `  ${formatOutcomeCounts(summary)}`,
    `  sent ${summary.sent}, retried ${summary.retried}, reconciled ${summary.reconciled}, ` +
      `duplicates removed ${summary.duplicatesRemoved}`,
  ];
  if (summary.existingStrategy !== undefined) {
    lines.push(`  ${describeExisting(summary)}`);
  }
  if (summary.nearDuplicates > 0) {
    lines.push(
      `  warning: ${summary.nearDuplicates} rows have a name that reads the same as another row's ` +
        "or an existing template's (see the warnings column of the report)",
    );
  }
  if (summary.failed > 0) {
    lines.push(`  ${summary.failed} rows could not be sent now; run the same command again`);
  }
  if (summary.error !== undefined) {
    lines.push(`  stopped by: ${printableInline(summary.error.message)}`);
  }
  if (summary.status === "interrupted") {
    lines.push("  interrupted: run the same command again to resume");
  }
  lines.push(`  report: ${summary.reportFile}`);
  if (summary.rejected + summary.existsFailed > 0) lines.push(`  rejects: ${summary.rejectFile}`);
  lines.push(`  journal: ${summary.journalFile}`);
  return printableBlock(lines.join("\n"));
}

/** The outcome categories, named alike in the progress line, the summary and the report. */
export function formatOutcomeCounts(
  counts: Pick<ImportProgress, "created" | "updated" | "skipped" | "rejected" | "existsFailed">,
): string {
  return (
    `created ${counts.created}, updated ${counts.updated}, skipped ${counts.skipped}, ` +
    `rejected ${counts.rejected}, exists-failed ${counts.existsFailed}`
  );
}

function describeExisting(summary: ImportSummary): string {
  const templates = summary.existingTemplates ?? 0;
  return summary.existingStrategy === "listing"
    ? `existing names: listed the workspace's ${templates} templates (${requests(summary.existingRequests)})`
    : `existing names: looked up by name, ${requests(summary.existingRequests)} (the workspace holds ${templates} templates)`;
}

const PLAN_ORDER: readonly PlanAction[] = [
  "create",
  "update",
  "skip",
  "conflict",
  "reject",
  "done",
];

/** A dry run's plan for people: counts, then the first rows of each action and how many more. */
export function formatPlan(plan: ImportPlan): string {
  const lines = [
    `Dry run of ${plan.input} into ${plan.workspaceId} (${plan.endpoint}), on existing: ${plan.onExisting}`,
    plan.existingTemplates === undefined
      ? `  the workspace could not be asked (${printableInline(plan.serviceError?.message ?? "unknown")}); names that exist are counted as create`
      : `  ${plan.existingTemplates} Custom templates exist in the workspace (${plan.existingStrategy === "listing" ? "listed" : "the file's names looked up"}, ${requests(plan.existingRequests)})`,
    `  ${plan.rows} rows: ${PLAN_ORDER.map((action) => `${action} ${plan.counts[action]}`).join(", ")}`,
  ];
  if (plan.resumes) {
    lines.push(
      `  the journal ${plan.journalFile} has earlier runs: rows they finished count as done`,
    );
  }
  if (plan.nearDuplicates > 0) {
    lines.push(
      `  warning: ${plan.nearDuplicates} rows have a name that reads the same as another row's or an existing template's`,
    );
  }
  for (const action of PLAN_ORDER) {
    const examples = plan.examples[action];
    if (examples.length === 0) continue;
    lines.push(`  ${action}:`);
    for (const row of examples) {
      const details = [row.promptTemplateId, row.reasons.join(";"), row.message, row.warnings]
        .filter((part) => part !== undefined && part !== "")
        .join(" | ");
      lines.push(
        `    line ${row.line} ${printableInline(JSON.stringify(row.name))}${details ? `: ${printableInline(details)}` : ""}`,
      );
    }
    const more = plan.counts[action] - examples.length;
    if (more > 0) {
      lines.push(
        `    …and ${more} more${plan.planFile === undefined ? " (--plan FILE lists every row)" : ""}`,
      );
    }
  }
  if (plan.planFile !== undefined) {
    lines.push(`  plan: ${plan.planFile}`);
    if (plan.counts.reject + plan.counts.conflict > 0)
      lines.push(`  rejects: ${plan.planRejectFile}`);
  }
  return printableBlock(lines.join("\n"));
}

function requests(count: number): string {
  return `${count} request${count === 1 ? "" : "s"}`;
}
