import { iteratePromptTemplates } from "../api/paginate.js";
import { PromptmillError } from "../errors/promptmill-error.js";
import { AmbiguousPromptNameError, PromptNotFoundError } from "./errors.js";
import type { PromptRegistryClient } from "./registry-client.js";
import type { TemplateRecord } from "./template-record.js";

/**
 * Finds the one template with exactly this name. ListPromptTemplates treats `name` as a keyword
 * (templates whose name contains it), so every page is read and only exact matches count; names
 * are not unique in the service, hence the ambiguity check.
 */
export async function resolveTemplateByName(
  client: PromptRegistryClient,
  workspaceId: string,
  name: string,
): Promise<TemplateRecord> {
  const matches: TemplateRecord[] = [];
  for await (const summary of iteratePromptTemplates(client, { workspaceId, name })) {
    if (summary.name === name) {
      matches.push({
        id: summary.promptTemplateId,
        name: summary.name,
        content: summary.content,
        type: summary.type,
      });
    }
  }
  const [match] = matches;
  if (match === undefined) throw new PromptNotFoundError({ workspaceId, promptName: name });
  if (matches.length > 1) {
    throw new AmbiguousPromptNameError({
      workspaceId,
      promptName: name,
      promptTemplateIds: matches.map((record) => record.id ?? ""),
    });
  }
  return match;
}

export async function resolveTemplateById(
  client: PromptRegistryClient,
  workspaceId: string,
  promptTemplateId: string,
): Promise<TemplateRecord> {
  try {
    const template = await client.getPromptTemplate({ workspaceId, promptTemplateId });
    return {
      id: template.promptTemplateId,
      name: template.name,
      content: template.content,
      type: undefined,
    };
  } catch (error) {
    // Only the product's own code: a 404 for an unknown route (a wrong endpoint) is not an
    // answer about this template.
    const code = PromptmillError.isInstance(error) ? (error as { code?: unknown }).code : undefined;
    if (code === "PromptTemplate.TemplateNotFound") {
      throw new PromptNotFoundError({ workspaceId, promptTemplateId }, { cause: error });
    }
    throw error;
  }
}
