import {
  iteratePromptTemplates,
  type PromptTemplateSummary,
  type RequestOptions,
} from "@promptmill/core";
import { contentDigest } from "./content-digest.js";
import type { ExistingTemplate } from "./decide-row.js";
import { nameFoldKey } from "./name-fold.js";
import type { NearDuplicate } from "./near-duplicates.js";

/** The one List method the importer needs; a ModelStudioClient fits. */
export type TemplateLister = Parameters<typeof iteratePromptTemplates>[0];

/** The largest page the service serves (its documented `maxResults` bound). */
export const PAGE_SIZE = 100;

/** What the workspace holds for one name. */
export interface NameFacts {
  /** Templates with exactly this name, oldest first (names are not unique in the service). */
  readonly existing: readonly ExistingTemplate[];
  /** Templates whose name reads the same but differs. */
  readonly nearDuplicates: readonly NearDuplicate[];
}

type Summary = Pick<PromptTemplateSummary, "name" | "content" | "promptTemplateId">;

/**
 * Templates by name and by folded name: the workspace as a listing gave it, or what lookups
 * of a few names gave. Keeps digests, not contents, so it stays small for large workspaces.
 */
export class ExistingTemplates {
  readonly #byName = new Map<string, ExistingTemplate[]>();
  readonly #namesByKey = new Map<string, Array<{ id: string; name: string }>>();
  readonly #seen = new Set<string>();

  get count(): number {
    return this.#seen.size;
  }

  add(template: Summary): void {
    if (this.#seen.has(template.promptTemplateId)) return;
    this.#seen.add(template.promptTemplateId);
    const entry = { id: template.promptTemplateId, digest: contentDigest(template.content) };
    const list = this.#byName.get(template.name);
    if (list === undefined) this.#byName.set(template.name, [entry]);
    else list.push(entry);
    const key = nameFoldKey(template.name);
    const named = { id: template.promptTemplateId, name: template.name };
    const sameKey = this.#namesByKey.get(key);
    if (sameKey === undefined) this.#namesByKey.set(key, [named]);
    else sameKey.push(named);
  }

  facts(name: string): NameFacts {
    const near = (this.#namesByKey.get(nameFoldKey(name)) ?? [])
      .filter((template) => template.name !== name)
      .map((template) => ({ kind: "template" as const, ...template }));
    return { existing: this.#byName.get(name) ?? [], nearDuplicates: near };
  }
}

/**
 * The Custom templates whose name is exactly `name` and whose content is exactly `content`,
 * in creation order. List's `name` is a keyword (a substring match), so the exact match is
 * made here, over every page.
 */
export async function findExactTemplates(
  client: TemplateLister,
  workspaceId: string,
  name: string,
  content: string,
  options?: RequestOptions,
): Promise<string[]> {
  const ids: string[] = [];
  const templates = iteratePromptTemplates(
    client,
    { workspaceId, name, type: "Custom", maxResults: PAGE_SIZE },
    options,
  );
  for await (const template of templates) {
    if (template.name === name && template.content === content) ids.push(template.promptTemplateId);
  }
  return ids;
}
