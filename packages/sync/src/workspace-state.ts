import { createHash } from "node:crypto";
import {
  iteratePromptTemplates,
  type PromptTemplateLister,
  type RequestOptions,
} from "@promptmill/core";

/** A template of the workspace, as the plan compares it with the folder. */
export interface WorkspaceTemplate {
  readonly id: string;
  readonly name: string;
  readonly content: string;
  readonly type: "System" | "Custom";
}

/** Every template of the workspace, System and Custom, in the service's order. */
export async function fetchWorkspaceTemplates(
  client: PromptTemplateLister,
  workspaceId: string,
  options: RequestOptions = {},
): Promise<WorkspaceTemplate[]> {
  const templates: WorkspaceTemplate[] = [];
  for await (const template of iteratePromptTemplates(client, { workspaceId }, options)) {
    templates.push({
      id: template.promptTemplateId,
      name: template.name,
      content: template.content,
      type: template.type,
    });
  }
  return templates;
}

/**
 * A digest of everything the plan read from the workspace (each template's id, type, name and
 * content). `apply` compares it with the plan's: if anyone changed the workspace since, the
 * plan no longer says what applying would do.
 */
export function workspaceFingerprint(templates: readonly WorkspaceTemplate[]): string {
  const hash = createHash("sha256");
  const sorted = [...templates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const template of sorted) {
    hash.update(JSON.stringify([template.id, template.type, template.name, template.content]));
    hash.update("\n");
  }
  return hash.digest("hex");
}
