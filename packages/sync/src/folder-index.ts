import type { FolderFile, FolderProblem, PromptFolder } from "./read-prompt-folder.js";

/** The folder's files by the template id they carry, and the files that carry none (to create). */
export interface FolderIndex {
  readonly byId: ReadonlyMap<string, FolderFile>;
  readonly withoutId: readonly FolderFile[];
}

/**
 * Indexes a folder for one workspace. Ambiguity is a problem, never a guess: two files that
 * claim one id, and a file whose id belongs to another workspace (copied from another
 * folder), are reported with the folder's other problems.
 */
export function indexFolder(
  folder: PromptFolder,
  workspaceId: string,
): { index: FolderIndex } | { problems: FolderProblem[] } {
  const problems = [...folder.problems];
  const byId = new Map<string, FolderFile>();
  const withoutId: FolderFile[] = [];
  for (const entry of folder.files) {
    const { id, workspaceId: fileWorkspace } = entry.file;
    if (id === undefined) {
      withoutId.push(entry);
      continue;
    }
    if (fileWorkspace !== undefined && fileWorkspace !== workspaceId) {
      problems.push({
        path: entry.path,
        line: 1,
        column: 1,
        message: `its id belongs to workspace ${fileWorkspace}, not ${workspaceId}: remove the workspace and id lines to create it here`,
      });
      continue;
    }
    const earlier = byId.get(id);
    if (earlier) {
      problems.push({
        path: entry.path,
        line: 1,
        column: 1,
        message: `claims template ${id}, as ${earlier.path} does: keep the id in one of them`,
      });
      continue;
    }
    byId.set(id, entry);
  }
  return problems.length > 0 ? { problems } : { index: { byId, withoutId } };
}
