import {
  iteratePromptTemplates,
  type PromptTemplateSummary,
  type RequestOptions,
} from "@promptmill/core";
import { contentDigest } from "./content-digest.js";

export interface ExistingTemplate {
  readonly id: string;
  /** `contentDigest` of its content. */
  readonly digest: string;
}

/** The one List method the importer needs; a ModelStudioClient fits. */
export type TemplateLister = Parameters<typeof iteratePromptTemplates>[0];

/** The largest page the service serves (its documented `maxResults` bound). */
const PAGE_SIZE = 100;

/**
 * The workspace's Custom templates by name, as listed when the job starts: what decides
 * skip / update / fail, learned from the service rather than guessed. Names are not unique
 * in the service, so a name maps to every template that has it, in creation order.
 */
export class ExistingTemplates {
  readonly #byName = new Map<string, ExistingTemplate[]>();
  #count = 0;

  get count(): number {
    return this.#count;
  }

  static async load(
    client: TemplateLister,
    workspaceId: string,
    options?: RequestOptions,
  ): Promise<ExistingTemplates> {
    const existing = new ExistingTemplates();
    const templates = iteratePromptTemplates(
      client,
      { workspaceId, type: "Custom", maxResults: PAGE_SIZE },
      options,
    );
    for await (const template of templates) existing.add(template);
    return existing;
  }

  add(template: Pick<PromptTemplateSummary, "name" | "content" | "promptTemplateId">): void {
    const entry = { id: template.promptTemplateId, digest: contentDigest(template.content) };
    const list = this.#byName.get(template.name);
    if (list === undefined) this.#byName.set(template.name, [entry]);
    else list.push(entry);
    this.#count++;
  }

  get(name: string): readonly ExistingTemplate[] {
    return this.#byName.get(name) ?? [];
  }
}

/**
 * The Custom templates whose name is exactly `name` and whose content is exactly `content`,
 * in creation order. List's `name` is a keyword (a substring match), so the exact match is
 * made here.
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
