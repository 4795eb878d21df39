import type { TemplateType } from "../api/schemas.js";

/** A template as the registry holds it, wherever it came from (service, snapshot, code). */
export interface TemplateRecord {
  /** The service's promptTemplateId; `undefined` for a fallback template given in code. */
  readonly id: string | undefined;
  readonly name: string;
  readonly content: string;
  /** Unknown when the template came from GetPromptTemplate (which does not say) or from code. */
  readonly type: TemplateType | undefined;
}
