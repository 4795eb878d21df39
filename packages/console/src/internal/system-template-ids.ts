import { iteratePromptTemplates, type ModelStudioClient } from "@promptmill/core";

/** System templates do not change while the console runs; a restart of the console re-reads them. */
const REFRESH_AFTER_MS = 10 * 60_000;

/**
 * Which ids are System templates. GetPromptTemplate does not say a template's type, and the
 * console must show System templates read-only, so it lists them (a handful, one page in
 * practice) once and keeps the ids. Concurrent callers share one listing.
 */
export class SystemTemplateIds {
  readonly #client: ModelStudioClient;
  readonly #workspaceId: string;
  #ids: Promise<ReadonlySet<string>> | undefined;
  #loadedAt = 0;

  constructor(client: ModelStudioClient, workspaceId: string) {
    this.#client = client;
    this.#workspaceId = workspaceId;
  }

  async has(promptTemplateId: string): Promise<boolean> {
    if (this.#ids === undefined || Date.now() - this.#loadedAt > REFRESH_AFTER_MS) {
      this.#loadedAt = Date.now();
      this.#ids = this.#load();
      // A failed listing is not kept: the next page view tries again.
      this.#ids.catch(() => {
        this.#ids = undefined;
      });
    }
    return (await this.#ids).has(promptTemplateId);
  }

  async #load(): Promise<ReadonlySet<string>> {
    const ids = new Set<string>();
    for await (const template of iteratePromptTemplates(this.#client, {
      workspaceId: this.#workspaceId,
      type: "System",
      maxResults: 100,
    })) {
      ids.add(template.promptTemplateId);
    }
    return ids;
  }
}
