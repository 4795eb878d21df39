import type { FolderFile } from "./read-prompt-folder.js";

/**
 * Files without an id (written by hand, or before the template existed) that are the template
 * of the same exact name: the only file without an id that has that name, and the only
 * template not claimed by another file that has it. Anything less certain stays unmatched —
 * a file to create, a template only in the workspace — and is never guessed.
 */
export function adoptByName(
  withoutId: readonly FolderFile[],
  unclaimed: readonly { readonly promptTemplateId: string; readonly name: string }[],
): Map<string, FolderFile> {
  const filesByName = groupBy(withoutId, (entry) => entry.file.name);
  const templatesByName = groupBy(unclaimed, (template) => template.name);
  const adopted = new Map<string, FolderFile>();
  for (const [name, files] of filesByName) {
    const templates = templatesByName.get(name);
    if (files.length === 1 && templates?.length === 1) {
      adopted.set(
        (templates[0] as { promptTemplateId: string }).promptTemplateId,
        files[0] as FolderFile,
      );
    }
  }
  return adopted;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
