import { createTwoFilesPatch } from "diff";
import type { SyncAction } from "./decide-sync.js";
import { planCounts, type SyncPlan } from "./plan-prompt-folder.js";

/**
 * The plan for people: one line a change, a unified diff of each content change (workspace →
 * file), renames shown as renames, warnings with file:line:column.
 */
export function formatSyncPlan(plan: SyncPlan): string {
  const counts = planCounts(plan);
  const lines: string[] = [];
  const summary = [
    `${counts.create} to create`,
    `${counts.update} to update`,
    ...(counts.delete > 0 ? [`${counts.delete} to delete`] : []),
    ...(counts.onlyInWorkspace > 0 ? [`${counts.onlyInWorkspace} only in the workspace`] : []),
    `${counts.unchanged} unchanged`,
  ].join(", ");
  lines.push(`Plan for workspace ${plan.workspaceId}: ${summary}.`);
  for (const action of plan.actions) lines.push(...describe(action));
  if (counts.adopt > 0) {
    lines.push(
      `(${counts.adopt} file(s) without an id will get the id of the template of their name)`,
    );
  }
  if (plan.warnings.length > 0) {
    lines.push("", "Warnings:");
    for (const warning of plan.warnings) {
      lines.push(
        `  ${warning.path}:${warning.line}:${warning.column} ${warning.code}: ${warning.message}`,
      );
    }
  }
  return lines.join("\n");
}

function describe(action: SyncAction): string[] {
  switch (action.kind) {
    case "create":
      return [
        `+ create  ${action.path}  ${JSON.stringify(action.name)}${action.reason === "deleted-in-workspace" ? "  (its template was deleted in the workspace)" : ""}`,
      ];
    case "update": {
      const renamed = action.from.name !== action.to.name;
      const head = `~ update  ${action.path}  ${renamed ? `rename ${JSON.stringify(action.from.name)} → ${JSON.stringify(action.to.name)}` : JSON.stringify(action.to.name)}  (${action.id})`;
      if (action.from.content === action.to.content) return [head];
      const patch = createTwoFilesPatch(
        "workspace",
        "folder",
        action.from.content,
        action.to.content,
        "",
        "",
      )
        .split("\n")
        .filter((line) => !line.startsWith("====="))
        .map((line) => `    ${line}`);
      while (patch.at(-1)?.trim() === "") patch.pop();
      return [head, ...patch];
    }
    case "only-in-workspace":
      return [
        action.prune
          ? `- delete  ${JSON.stringify(action.name)}  (${action.id}): no file holds it`
          : `  only in the workspace  ${JSON.stringify(action.name)}  (${action.id}): kept (--prune deletes it)`,
      ];
    case "unchanged":
      return [];
  }
}
