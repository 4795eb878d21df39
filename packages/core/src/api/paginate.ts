import type { RequestOptions } from "./client.js";
import type {
  ListPromptTemplatesRequest,
  ListPromptTemplatesResponse,
  PromptTemplateSummary,
} from "./schemas.js";

/** What the paginators need of a client; a ModelStudioClient fits. */
export interface PromptTemplateLister {
  listPromptTemplates(
    input: ListPromptTemplatesRequest,
    options?: RequestOptions,
  ): Promise<ListPromptTemplatesResponse>;
}

/**
 * Every page of ListPromptTemplates, from `input.nextToken` (or the start) on. Stops after a
 * page whose nextToken is empty or absent, or repeats a token already used: a service that
 * hands back an old token would otherwise make this loop forever.
 */
export async function* paginatePromptTemplates(
  client: PromptTemplateLister,
  input: ListPromptTemplatesRequest,
  options?: RequestOptions,
): AsyncGenerator<ListPromptTemplatesResponse, void, undefined> {
  const used = new Set<string>();
  let nextToken = input.nextToken || undefined;
  if (nextToken !== undefined) used.add(nextToken);
  for (;;) {
    const page = await client.listPromptTemplates({ ...input, nextToken }, options);
    yield page;
    const token = page.nextToken;
    if (!token || used.has(token)) return;
    used.add(token);
    nextToken = token;
  }
}

/** Every template summary across all pages, in the order the service lists them. */
export async function* iteratePromptTemplates(
  client: PromptTemplateLister,
  input: ListPromptTemplatesRequest,
  options?: RequestOptions,
): AsyncGenerator<PromptTemplateSummary, void, undefined> {
  for await (const page of paginatePromptTemplates(client, input, options)) {
    yield* page.promptTemplates;
  }
}
