/** The part of a template a migration compares. */
export interface ComparableTemplate {
  name: string;
  content: string;
}

/**
 * How the templates of a source workspace relate to a target, by name (the only key two
 * workspaces share). A name carried by several source templates counts once, by its first
 * template — the importer applies the same rule (later rows are `name-duplicate-in-file`).
 */
export interface WorkspaceDiff {
  /** In the source only: will be created. */
  added: string[];
  /** In both, with different content: will be updated. */
  changed: string[];
  /** In both, with the same content: nothing to do. */
  same: string[];
  /** Later source templates with a name seen before: not migrated. */
  duplicatesInSource: string[];
  /** Several target templates carry the name, so the one to update is unclear (importer: conflict). */
  ambiguousInTarget: string[];
}

export function diffWorkspaces(
  source: readonly ComparableTemplate[],
  target: readonly ComparableTemplate[],
): WorkspaceDiff {
  const targetContents = new Map<string, string[]>();
  for (const template of target) {
    const contents = targetContents.get(template.name) ?? [];
    contents.push(template.content);
    targetContents.set(template.name, contents);
  }
  const diff: WorkspaceDiff = {
    added: [],
    changed: [],
    same: [],
    duplicatesInSource: [],
    ambiguousInTarget: [],
  };
  const seen = new Set<string>();
  for (const template of source) {
    if (seen.has(template.name)) {
      diff.duplicatesInSource.push(template.name);
      continue;
    }
    seen.add(template.name);
    const existing = targetContents.get(template.name);
    if (existing === undefined) diff.added.push(template.name);
    else if (existing.includes(template.content)) diff.same.push(template.name);
    else if (existing.length > 1) diff.ambiguousInTarget.push(template.name);
    else diff.changed.push(template.name);
  }
  return diff;
}
