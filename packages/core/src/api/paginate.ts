import type { RequestOptions } from "./client.js";
import { RepeatedNextTokenError } from "./repeated-next-token-error.js";
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
 * page whose nextToken is empty or absent. A page whose nextToken was already used (the
 * starting token included) throws RepeatedNextTokenError: following it would loop for ever,
 * and stopping silently would hand the caller a partial listing as if it were complete.
 */
export async function* paginatePromptTemplates(
  client: PromptTemplateLister,
  input: ListPromptTemplatesRequest,
  options?: RequestOptions,
): AsyncGenerator<ListPromptTemplatesResponse, void, undefined> {
  const used = new Set<string>();
  let nextToken = input.nextToken || undefined;
  if (nextToken !== undefined) used.add(nextToken);
  for (let pages = 1; ; pages++) {
    const page = await client.listPromptTemplates({ ...input, nextToken }, options);
    yield page;
    const token = page.nextToken;
    if (!token) return;
    if (used.has(token)) {
      throw new RepeatedNextTokenError({ workspaceId: input.workspaceId, pages });
    }
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
