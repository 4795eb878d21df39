import { type LintFinding, lintTemplate } from "@promptmill/core/template";
import { adoptByName } from "./adopt-by-name.js";
import type { FolderIndex } from "./folder-index.js";
import type { FolderFile, FolderProblem } from "./read-prompt-folder.js";
import type { WorkspaceTemplate } from "./workspace-state.js";

/** What applying the folder does to one template (or one file). */
export type SyncAction =
  /** A file whose template does not exist: created, and its id written into the file. */
  | {
      readonly kind: "create";
      readonly path: string;
      readonly name: string;
      readonly content: string;
      /** `deleted-in-workspace`: the file carries the id of a template that is gone. */
      readonly reason: "new" | "deleted-in-workspace";
    }
  /** A file whose template differs: its name (a rename), its content, or both. */
  | {
      readonly kind: "update";
      readonly path: string;
      readonly id: string;
      readonly from: { readonly name: string; readonly content: string };
      readonly to: { readonly name: string; readonly content: string };
      /** The file had no id and is the template of its name: the id is written into it. */
      readonly adopt: boolean;
    }
  | {
      readonly kind: "unchanged";
      readonly path: string;
      readonly id: string;
      readonly adopt: boolean;
    }
  /** A Custom template no file holds: deleted only with `prune`. */
  | {
      readonly kind: "only-in-workspace";
      readonly id: string;
      readonly name: string;
      readonly prune: boolean;
    };

/** A lint warning of a file, shown with the plan (errors stop it). */
export interface FileWarning extends LintFinding {
  readonly path: string;
}

export interface SyncDecision {
  readonly actions: SyncAction[];
  readonly warnings: FileWarning[];
}

/**
 * The plan's decision, pure: the folder (indexed by id), the workspace's templates → what
 * applying does to each. Ambiguity and what cannot be applied are problems, never guesses:
 * a syntax error in a file, a changed System template, a new file whose name another template
 * of the folder or the workspace already has, two new files with one name.
 */
export function decideSync(
  index: FolderIndex,
  workspace: readonly WorkspaceTemplate[],
  options: { readonly prune: boolean },
): { decision: SyncDecision } | { problems: FolderProblem[] } {
  const problems: FolderProblem[] = [];
  const warnings: FileWarning[] = [];
  const allFiles = [...index.byId.values(), ...index.withoutId].sort(byPath);
  for (const entry of allFiles) {
    for (const finding of lintTemplate(entry.file.content)) {
      // Lines count from the file's first line: the header comes before the content.
      const where = { ...finding, line: finding.line + entry.contentLine - 1 };
      if (finding.severity === "error") {
        problems.push({
          path: entry.path,
          line: where.line,
          column: where.column,
          message: `${finding.code}: ${finding.message}`,
        });
      } else {
        warnings.push({ path: entry.path, ...where });
      }
    }
  }

  const byId = new Map(workspace.map((template) => [template.id, template]));
  const unclaimed = workspace.filter(
    (template) => template.type === "Custom" && !index.byId.has(template.id),
  );
  const adopted = adoptByName(
    index.withoutId,
    unclaimed.map((template) => ({ promptTemplateId: template.id, name: template.name })),
  );
  const adoptedFiles = new Set(adopted.values());
  const actions: SyncAction[] = [];

  const compare = (entry: FolderFile, template: WorkspaceTemplate, adopt: boolean) => {
    const to = { name: entry.file.name, content: entry.file.content };
    const from = { name: template.name, content: template.content };
    if (template.type === "System") {
      if (to.name !== from.name || to.content !== from.content) {
        problems.push({
          path: entry.path,
          line: 1,
          column: 1,
          message: `template ${template.id} is a System template: it cannot be changed (restore the file, or pull again)`,
        });
      }
      actions.push({ kind: "unchanged", path: entry.path, id: template.id, adopt });
      return;
    }
    if (to.name === from.name && to.content === from.content) {
      actions.push({ kind: "unchanged", path: entry.path, id: template.id, adopt });
    } else {
      actions.push({ kind: "update", path: entry.path, id: template.id, from, to, adopt });
    }
  };

  for (const [id, entry] of index.byId) {
    const template = byId.get(id);
    if (template) compare(entry, template, false);
    else if (entry.file.type === "System") {
      problems.push({
        path: entry.path,
        line: 1,
        column: 1,
        message: `System template ${id} is not in the workspace`,
      });
    } else {
      actions.push({
        kind: "create",
        path: entry.path,
        name: entry.file.name,
        content: entry.file.content,
        reason: "deleted-in-workspace",
      });
    }
  }
  for (const [id, entry] of adopted) compare(entry, byId.get(id) as WorkspaceTemplate, true);

  // New files: their names must be free, in the workspace and among the folder's templates,
  // or the workspace would end up with two templates that the folder tells apart by file only.
  const namesInUse = new Map<string, string>();
  for (const template of workspace)
    namesInUse.set(template.name, `template ${template.id} in the workspace`);
  for (const entry of allFiles) {
    if (entry.file.id !== undefined || adoptedFiles.has(entry))
      namesInUse.set(entry.file.name, entry.path);
  }
  for (const entry of index.withoutId) {
    if (adoptedFiles.has(entry)) continue;
    const holder = namesInUse.get(entry.file.name);
    if (holder !== undefined) {
      problems.push({
        path: entry.path,
        line: 1,
        column: 1,
        message: `a new template named ${JSON.stringify(entry.file.name)}, a name ${holder} already has: rename one, or give this file that template's id`,
      });
      continue;
    }
    namesInUse.set(entry.file.name, entry.path);
    actions.push({
      kind: "create",
      path: entry.path,
      name: entry.file.name,
      content: entry.file.content,
      reason: "new",
    });
  }

  const claimed = new Set([...index.byId.keys(), ...adopted.keys()]);
  for (const template of unclaimed) {
    if (claimed.has(template.id)) continue;
    actions.push({
      kind: "only-in-workspace",
      id: template.id,
      name: template.name,
      prune: options.prune,
    });
  }

  if (problems.length > 0)
    return { problems: problems.sort((a, b) => byPath(a, b) || a.line - b.line) };
  return { decision: { actions: actions.sort(actionOrder), warnings } };
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

const ORDER = { create: 0, update: 1, "only-in-workspace": 2, unchanged: 3 } as const;

function actionOrder(a: SyncAction, b: SyncAction): number {
  const kind = ORDER[a.kind] - ORDER[b.kind];
  if (kind !== 0) return kind;
  const key = (action: SyncAction) => ("path" in action ? action.path : action.name);
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
