import type { PromptTemplateLister, RequestOptions } from "@promptmill/core";
import { decideSync, type FileWarning, type SyncAction } from "./decide-sync.js";
import { PromptFolderError } from "./errors.js";
import { indexFolder } from "./folder-index.js";
import { readPromptFolder } from "./read-prompt-folder.js";
import { fetchWorkspaceTemplates, workspaceFingerprint } from "./workspace-state.js";

/** What `apply` would do, and what it was decided against. Saved as JSON by `plan --out`. */
export interface SyncPlan {
  readonly format: "promptmill-sync-plan/1";
  readonly workspaceId: string;
  readonly createdAt: string;
  /** Of the workspace as the plan read it; apply refuses a workspace that changed since. */
  readonly workspaceFingerprint: string;
  /** Creates, updates, only-in-workspace and unchanged files, in that order. */
  readonly actions: SyncAction[];
  readonly warnings: FileWarning[];
}

export interface PlanOptions {
  readonly client: PromptTemplateLister;
  readonly workspaceId: string;
  readonly dir: string;
  /** Delete the Custom templates no file holds. */
  readonly prune?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The clock for `createdAt`; tests pass their own. */
  readonly now?: () => Date;
}

/**
 * Compares the folder with the workspace: reads and lints every file (errors and ambiguity
 * throw PromptFolderError, naming each file and place), lists every template once, and decides
 * what applying does (`decideSync`). Sends nothing.
 */
export async function planPromptFolder(options: PlanOptions): Promise<SyncPlan> {
  const indexed = indexFolder(await readPromptFolder(options.dir), options.workspaceId);
  if ("problems" in indexed) throw new PromptFolderError(indexed.problems);
  const requestOptions: RequestOptions = options.signal ? { signal: options.signal } : {};
  const workspace = await fetchWorkspaceTemplates(
    options.client,
    options.workspaceId,
    requestOptions,
  );
  const decided = decideSync(indexed.index, workspace, { prune: options.prune === true });
  if ("problems" in decided) throw new PromptFolderError(decided.problems);
  return {
    format: "promptmill-sync-plan/1",
    workspaceId: options.workspaceId,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    workspaceFingerprint: workspaceFingerprint(workspace),
    actions: decided.decision.actions,
    warnings: decided.decision.warnings,
  };
}

/** How many templates of each kind the plan changes. */
export function planCounts(plan: SyncPlan) {
  const count = (test: (action: SyncAction) => boolean) => plan.actions.filter(test).length;
  return {
    create: count((action) => action.kind === "create"),
    update: count((action) => action.kind === "update"),
    delete: count((action) => action.kind === "only-in-workspace" && action.prune),
    onlyInWorkspace: count((action) => action.kind === "only-in-workspace" && !action.prune),
    unchanged: count((action) => action.kind === "unchanged"),
    /** Files that get the id of the template they turned out to be (no change in the workspace). */
    adopt: count(
      (action) => (action.kind === "update" || action.kind === "unchanged") && action.adopt,
    ),
  };
}

/** Whether applying changes the workspace: what `plan --detailed-exitcode` reports as 2. */
export function planChangesWorkspace(plan: SyncPlan): boolean {
  const counts = planCounts(plan);
  return counts.create + counts.update + counts.delete > 0;
}
