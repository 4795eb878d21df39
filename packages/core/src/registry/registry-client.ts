import type { ModelStudioClient } from "../api/client.js";

/**
 * The part of `ModelStudioClient` the registry calls. Any object with these methods fits, which
 * keeps the registry testable without a server and usable behind a wrapper. `onChange` is
 * optional: without it the registry only learns of changes when its entries expire.
 */
export interface PromptRegistryClient
  extends Pick<ModelStudioClient, "listPromptTemplates" | "getPromptTemplate">,
    Partial<Pick<ModelStudioClient, "onChange">> {}
