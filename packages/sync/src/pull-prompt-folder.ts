import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  iteratePromptTemplates,
  type PromptTemplateLister,
  type PromptTemplateSummary,
  type RequestOptions,
} from "@promptmill/core";
import { adoptByName } from "./adopt-by-name.js";
import { PromptFolderError } from "./errors.js";
import { assignFileNames } from "./file-name.js";
import { indexFolder } from "./folder-index.js";
import { formatPromptFile } from "./prompt-file.js";
import { readPromptFolder } from "./read-prompt-folder.js";
import { writeFileAtomically } from "./write-file-atomically.js";

export interface PullOptions {
  readonly client: PromptTemplateLister;
  readonly workspaceId: string;
  /** The prompt folder; created when missing. */
  readonly dir: string;
  /** Also write the workspace's System templates (read-only; marked `type: "System"`). */
  readonly includeSystem?: boolean | undefined;
  /** Delete the files of templates that no longer exist in the workspace. */
  readonly prune?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** What a pull did, by file path (relative to the folder, `/`-separated). */
export interface PullResult {
  /** Templates that had no file: new files at the top of the folder. */
  readonly created: string[];
  /** Files rewritten because the workspace's template differs from them. */
  readonly updated: string[];
  readonly unchanged: number;
  /** Files of templates gone from the workspace: deleted with `prune`, else only listed. */
  readonly gone: string[];
  readonly deleted: string[];
}

/**
 * Writes the workspace's templates into the folder: each template whose id a file carries (or
 * that a file without an id names unambiguously: `adoptByName`) updates that file where it sits,
 * whatever its name and folder; each other template gets a new file with a name from
 * `assignFileNames`. A file that already holds the template byte for
 * byte is not touched, so a second pull changes nothing git can see. Files without an id
 * (templates not created yet) are left alone; files of deleted templates are deleted only with
 * `prune`. Problems in the folder (unreadable files, ambiguity) stop the pull before anything
 * is written: PromptFolderError.
 */
export async function pullPromptFolder(options: PullOptions): Promise<PullResult> {
  const { dir, workspaceId } = options;
  await mkdir(dir, { recursive: true });
  const indexed = indexFolder(await readPromptFolder(dir), workspaceId);
  if ("problems" in indexed) throw new PromptFolderError(indexed.problems);
  const { byId } = indexed.index;

  const requestOptions: RequestOptions = options.signal ? { signal: options.signal } : {};
  const templates: PromptTemplateSummary[] = [];
  for await (const template of iteratePromptTemplates(
    options.client,
    { workspaceId, ...(options.includeSystem ? {} : { type: "Custom" as const }) },
    requestOptions,
  )) {
    templates.push(template);
  }

  const result = {
    created: [] as string[],
    updated: [] as string[],
    unchanged: 0,
    gone: [] as string[],
    deleted: [] as string[],
  };
  const text = (template: PromptTemplateSummary) =>
    formatPromptFile({
      name: template.name,
      content: template.content,
      workspaceId,
      id: template.promptTemplateId,
      ...(template.type === "System" ? { type: "System" as const } : {}),
    });

  const adopted = adoptByName(
    indexed.index.withoutId,
    templates.filter((template) => !byId.has(template.promptTemplateId)),
  );
  const newcomers: PromptTemplateSummary[] = [];
  for (const template of templates) {
    const existing = byId.get(template.promptTemplateId) ?? adopted.get(template.promptTemplateId);
    if (!existing) {
      newcomers.push(template);
      continue;
    }
    const wanted = text(template);
    if (existing.text === wanted) {
      result.unchanged += 1;
      continue;
    }
    await writeFileAtomically(join(dir, existing.path), wanted);
    result.updated.push(existing.path);
  }

  const taken = (await readdir(dir, { withFileTypes: true })).map((entry) => entry.name);
  const fileNames = assignFileNames(
    newcomers.map((template) => ({ key: template.promptTemplateId, name: template.name })),
    taken,
  );
  for (const template of newcomers) {
    const path = fileNames.get(template.promptTemplateId) as string;
    await writeFileAtomically(join(dir, path), text(template));
    result.created.push(path);
  }

  const present = new Set(templates.map((template) => template.promptTemplateId));
  for (const [id, entry] of byId) {
    if (present.has(id)) continue;
    // A System file stays when System templates were not asked for: it was not looked at.
    if (entry.file.type === "System" && !options.includeSystem) continue;
    result.gone.push(entry.path);
    if (options.prune) {
      await rm(join(dir, entry.path));
      result.deleted.push(entry.path);
    }
  }
  return result;
}
